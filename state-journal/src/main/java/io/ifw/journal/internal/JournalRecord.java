package io.ifw.journal.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One record of a journal: one Chronicle document whose bytes are, little-endian,
 * <pre>
 * byte   format version (1)
 * byte   type
 * long   sequence        (per journal, from 1)
 * long   wall time       (ns since the epoch)
 * long   monotonic time  (System.nanoTime of the writing process)
 * string feature id      (int length + UTF-8)
 * string source          (the backend's name, or "front-end" in a recording)
 * string member          (the member's name; empty for none)
 * string zone            (empty for the zone-less view)
 * int    payload length, then the payload
 * long   log id          (optional, since the change log: the backend's {@link io.ifw.core.spi.ChangeLog#logId()}; 0 for none)
 * long   change          (optional: the change's sequence in that log; a snapshot's records carry the snapshot's)
 * </pre>
 * The two trailing fields were added without a new format version: a reader that does not know
 * them ignores what follows the payload, and a record without them reads as log 0, change 0.
 * Payloads are those of {@link io.ifw.codec.FeatureCodec}, the remote protocol's; a
 * {@link #SNAPSHOT_BEGIN}'s payload is the backend's class name, kind and schema text (strings),
 * a {@link #SNAPSHOT_END}'s the sequence of its begin (long).
 *
 * @param type     one of the constants below
 * @param sequence the record's sequence in its journal
 * @param wallNs   when it was written, ns since the epoch
 * @param monoNs   when it was written, on the writing process's monotonic clock
 * @param featureId the feature
 * @param source   the backend (name) whose state this is, or the front end of a recording
 * @param member   the member's name, or empty
 * @param zone     the zone, or empty
 * @param payload  the payload's bytes
 * @param logId    the change log the record belongs to (0 for a front end's recording, or a journal written before logs)
 * @param change   the change's sequence in that log (0 when not from a log)
 */
public record JournalRecord(int type, long sequence, long wallNs, long monoNs, String featureId, String source, String member, String zone,
                            byte[] payload, long logId, long change) {

    /** The format version this build writes; a record of a higher one is skipped and counted. */
    public static final int FORMAT_VERSION = 1;

    public static final int ZONES = 2;
    public static final int VALUE = 3;
    public static final int AVAILABILITY = 4;
    public static final int ATTRIBUTE = 5;
    public static final int ERROR = 6;
    public static final int SNAPSHOT_BEGIN = 7;
    public static final int SNAPSHOT_END = 8;
    /** A change of the backend's log that is not state (a signal, the link's state): kept so that change sequences have no gap. */
    public static final int SKIPPED = 9;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    /** A record type's name, for the tools. */
    public static String typeName(int type) {
        switch (type) {
            case ZONES:
                return "ZONES";
            case VALUE:
                return "VALUE";
            case AVAILABILITY:
                return "AVAILABILITY";
            case ATTRIBUTE:
                return "ATTRIBUTE";
            case ERROR:
                return "ERROR";
            case SNAPSHOT_BEGIN:
                return "SNAPSHOT_BEGIN";
            case SNAPSHOT_END:
                return "SNAPSHOT_END";
            case SKIPPED:
                return "SKIPPED";
            default:
                return "TYPE_" + type;
        }
    }

    /** Writes a record; strings are looked up in {@code names} (their UTF-8, encoded once). Returns its length. */
    static int encode(MutableDirectBuffer buffer, Utf8Names names, int type, long sequence, long wallNs, long monoNs, String featureId,
                      String source, String member, String zone, DirectBuffer payload, int payloadOffset, int payloadLength, long logId,
                      long change) {
        int at = 0;
        buffer.putByte(at++, (byte) FORMAT_VERSION);
        buffer.putByte(at++, (byte) type);
        buffer.putLong(at, sequence, ORDER);
        buffer.putLong(at + 8, wallNs, ORDER);
        buffer.putLong(at + 16, monoNs, ORDER);
        at += 24;
        at = putString(buffer, at, names.of(featureId));
        at = putString(buffer, at, names.of(source));
        at = putString(buffer, at, names.of(member));
        at = putString(buffer, at, names.of(zone));
        buffer.putInt(at, payloadLength, ORDER);
        at += 4;
        if (payloadLength > 0) {
            buffer.putBytes(at, payload, payloadOffset, payloadLength);
        }
        at += payloadLength;
        buffer.putLong(at, logId, ORDER);
        buffer.putLong(at + 8, change, ORDER);
        return at + 16;
    }

    private static int putString(MutableDirectBuffer buffer, int at, byte[] utf8) {
        buffer.putInt(at, utf8.length, ORDER);
        buffer.putBytes(at + 4, utf8);
        return at + 4 + utf8.length;
    }

    /** The UTF-8 of the few names a journal writes over and over, encoded once. Not thread-safe. */
    static final class Utf8Names {
        private static final int MAX = 4096;
        private final java.util.HashMap<String, byte[]> names = new java.util.HashMap<>();

        byte[] of(String name) {
            byte[] utf8 = names.get(name);
            if (utf8 == null) {
                utf8 = name.getBytes(StandardCharsets.UTF_8);
                if (names.size() < MAX) {
                    names.put(name, utf8);
                }
            }
            return utf8;
        }
    }

    /**
     * Reads a record.
     *
     * @throws JournalFormatException naming what is wrong: a newer format, a length beyond the record
     */
    static JournalRecord decode(DirectBuffer buffer, int offset, int length) {
        int end = offset + length;
        if (length < 2) {
            throw new JournalFormatException("a record of " + length + " bytes is shorter than its header");
        }
        int version = buffer.getByte(offset) & 0xFF;
        if (version > FORMAT_VERSION) {
            throw new JournalFormatException.Newer("a record of format version " + version + " (this build reads up to " + FORMAT_VERSION + ")");
        }
        if (version == 0) {
            throw new JournalFormatException("a record of format version 0");
        }
        int type = buffer.getByte(offset + 1) & 0xFF;
        int at = offset + 2;
        need(at, 24, end);
        long sequence = buffer.getLong(at, ORDER);
        long wallNs = buffer.getLong(at + 8, ORDER);
        long monoNs = buffer.getLong(at + 16, ORDER);
        at += 24;
        String[] strings = new String[4];
        for (int i = 0; i < 4; i++) {
            need(at, 4, end);
            int size = buffer.getInt(at, ORDER);
            at += 4;
            if (size < 0) {
                throw new JournalFormatException("a string of " + size + " bytes");
            }
            need(at, size, end);
            byte[] text = new byte[size];
            buffer.getBytes(at, text);
            strings[i] = new String(text, StandardCharsets.UTF_8);
            at += size;
        }
        need(at, 4, end);
        int size = buffer.getInt(at, ORDER);
        at += 4;
        if (size < 0) {
            throw new JournalFormatException("a payload of " + size + " bytes");
        }
        need(at, size, end);
        byte[] payload = new byte[size];
        buffer.getBytes(at, payload);
        at += size;
        long logId = 0;
        long change = 0;
        if (end - at >= 16) {
            logId = buffer.getLong(at, ORDER);
            change = buffer.getLong(at + 8, ORDER);
        }
        return new JournalRecord(type, sequence, wallNs, monoNs, strings[0], strings[1], strings[2], strings[3], payload, logId, change);
    }

    private static void need(int at, int bytes, int end) {
        if (bytes > end - at) {
            throw new JournalFormatException("a record truncated: " + bytes + " bytes needed, " + Math.max(0, end - at) + " left");
        }
    }

    /** The strings of a payload written with {@link #putStrings}. */
    static String[] strings(byte[] payload, int count) {
        org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(payload);
        String[] strings = new String[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            need(at, 4, payload.length);
            int size = buffer.getInt(at, ORDER);
            at += 4;
            if (size < 0) {
                throw new JournalFormatException("a string of " + size + " bytes");
            }
            need(at, size, payload.length);
            strings[i] = buffer.getStringWithoutLengthUtf8(at, size);
            at += size;
        }
        return strings;
    }

    /** Writes strings as a payload; returns its length. */
    static int putStrings(MutableDirectBuffer buffer, String... strings) {
        int at = 0;
        for (String text : strings) {
            at += buffer.putStringUtf8(at, text, ORDER);
        }
        return at;
    }
}
