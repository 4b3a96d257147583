package io.ifw.journal.tool;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.model.PeerSchema;
import io.ifw.journal.internal.JournalException;
import io.ifw.journal.internal.JournalReader;
import io.ifw.journal.internal.JournalRecord;
import io.ifw.journal.internal.Queues;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code ifw journal print|follow|stats DIR}: reads a journal from any process, also while the
 * container writes it (readers never take the writer's lock). Runs without OSGi: {@code bin/ifw
 * journal ...} loads it from the container's bundle jars; the Gogo command {@code ifw:journal}
 * runs the same code inside the container.
 *
 * <pre>
 * print DIR [--from INDEX] [--feature ID] [--max N]   every record, one per line
 * follow DIR [--from INDEX] [--feature ID] [--seconds S]  print, then wait for more (until Ctrl-C, or S seconds)
 * stats DIR                                            counts by feature and type, sequences, times, files
 * </pre>
 */
public final class JournalTool {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ifw journal print DIR [--from INDEX] [--feature ID] [--max N]",
            "       ifw journal follow DIR [--from INDEX] [--feature ID] [--seconds S]",
            "       ifw journal stats DIR",
            "Reads an IFW state journal (or a recording), also while a container writes it.");

    private final PrintStream out;
    private final PrintStream err;
    /** The schema of each stream (feature and source), from its snapshots, to show values as text. */
    private final Map<String, PeerSchema> schemas = new HashMap<>();

    public JournalTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new JournalTool(System.out, System.err).run(args, () -> true));
    }

    /**
     * Runs a command.
     *
     * @param keepGoing checked while following; {@code false} stops it
     * @return the exit code: 0, or 2 for a wrong command line or journal
     */
    public int run(String[] args, BooleanSupplier keepGoing) {
        try {
            Options options = Options.parse(args);
            return Queues.withChronicleLoader(() -> execute(options, keepGoing));
        } catch (IllegalArgumentException | JournalException e) {
            err.println("ifw journal: " + e.getMessage());
            if (e instanceof IllegalArgumentException) {
                err.println(USAGE);
            }
            return 2;
        }
    }

    private int execute(Options options, BooleanSupplier keepGoing) {
        try (ChronicleQueue queue = Queues.openForReading(options.directory)) {
            switch (options.command) {
                case "print":
                    print(queue, options, keepGoing, false);
                    return 0;
                case "follow":
                    print(queue, options, keepGoing, true);
                    return 0;
                default:
                    stats(queue, options.directory);
                    return 0;
            }
        }
    }

    private void print(ChronicleQueue queue, Options options, BooleanSupplier keepGoing, boolean follow) {
        ExcerptTailer tailer = queue.createTailer();
        if (options.from > 0 && !tailer.moveToIndex(options.from)) {
            throw new IllegalArgumentException("there is no index " + options.from + " in " + options.directory);
        }
        JournalReader.Skips skips = new JournalReader.Skips();
        long[] printed = {0};
        long deadline = options.seconds > 0 ? System.nanoTime() + (long) (options.seconds * 1e9) : Long.MAX_VALUE;
        while (printed[0] < options.max) {
            long read = JournalReader.readOn(tailer, skips, entry -> {
                if (printed[0] < options.max && (options.feature.isEmpty() || entry.record().featureId().equals(options.feature))) {
                    out.println(line(entry));
                    printed[0]++;
                }
            }, options.max - printed[0]);
            if (read == 0) {
                if (!follow || !keepGoing.getAsBoolean() || System.nanoTime() > deadline) {
                    break;
                }
                out.flush();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        out.flush();
        if (skips.total() > 0) {
            err.println("ifw journal: skipped " + skips.total() + " records it cannot read (" + skips.newer() + " of a newer format); first: "
                    + skips.first());
        }
    }

    /** {@code INDEX #SEQUENCE TIME FEATURE SOURCE TYPE MEMBER@ZONE = VALUE}. */
    String line(JournalReader.Entry entry) {
        JournalRecord record = entry.record();
        String stream = record.featureId() + " " + record.source();
        StringBuilder text = new StringBuilder();
        text.append(Long.toHexString(entry.index())).append(" #").append(record.sequence()).append(' ')
                .append(Instant.ofEpochSecond(0, record.wallNs())).append(' ').append(stream).append(' ')
                .append(JournalRecord.typeName(record.type()));
        if (!record.member().isEmpty() || !record.zone().isEmpty()) {
            text.append(' ').append(record.member()).append(record.zone().isEmpty() ? "" : "@" + record.zone());
        }
        UnsafeBuffer payload = new UnsafeBuffer(record.payload());
        try {
            switch (record.type()) {
                case JournalRecord.SNAPSHOT_BEGIN: {
                    String[] strings = stringsOf(record.payload(), 3);
                    schemas.put(stream, PeerSchema.parse(strings[2]));
                    text.append(" backend ").append(strings[0]).append(" (").append(strings[1]).append(')');
                    break;
                }
                case JournalRecord.ZONES:
                    text.append(" = ").append(FeatureCodec.zones(payload, 0, record.payload().length));
                    break;
                case JournalRecord.AVAILABILITY:
                    text.append(" = ").append(FeatureCodec.availability(payload, 0, record.payload().length));
                    break;
                case JournalRecord.ERROR:
                    text.append(" = ").append(FeatureCodec.error(payload, 0, record.payload().length));
                    break;
                case JournalRecord.VALUE:
                    text.append(" = ").append(value(stream, record.member(), payload, record.payload().length));
                    break;
                case JournalRecord.ATTRIBUTE:
                    text.append(" = ").append(attribute(stream, record.member(), payload, record.payload().length));
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            text.append(" = ").append(ValueText.hex(payload, 0, record.payload().length)).append(" (").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private String value(String stream, String member, UnsafeBuffer payload, int length) {
        PeerSchema schema = schemas.get(stream);
        PeerSchema.PeerMember peer = schema == null ? null : schema.member(member);
        if (peer == null || peer.types().isEmpty()) {
            return ValueText.hex(payload, 0, length) + " (no schema read yet: print from a snapshot on)";
        }
        return ValueText.of(peer.types().get(0), payload, 0, length);
    }

    /** {@code supported, [min-max], domain [...]}, as FeatureCodec writes an attribute. */
    private String attribute(String stream, String member, UnsafeBuffer payload, int length) {
        java.nio.ByteOrder order = java.nio.ByteOrder.LITTLE_ENDIAN;
        int at = 0;
        boolean supported = payload.getByte(at++) == 1;
        String minimum = "";
        String maximum = "";
        if (payload.getByte(at++) == 1) {
            minimum = Double.toString(payload.getDouble(at, order));
            at += 8;
        }
        if (payload.getByte(at++) == 1) {
            maximum = Double.toString(payload.getDouble(at, order));
            at += 8;
        }
        StringBuilder text = new StringBuilder(supported ? "supported" : "unsupported");
        if (!minimum.isEmpty() || !maximum.isEmpty()) {
            text.append(", range [").append(minimum.isEmpty() ? "-" : minimum).append(", ").append(maximum.isEmpty() ? "-" : maximum).append(']');
        }
        PeerSchema schema = schemas.get(stream);
        PeerSchema.PeerMember peer = schema == null ? null : schema.member(member);
        if (peer != null && !peer.types().isEmpty()) {
            String domain = ValueText.of(new PeerSchema.TypeShape("list", "", Map.of("", peer.types().get(0))), payload, at, length - at);
            if (!domain.equals("[]")) {
                text.append(", domain ").append(domain);
            }
        }
        return text.toString();
    }

    private static String[] stringsOf(byte[] payload, int count) {
        UnsafeBuffer buffer = new UnsafeBuffer(payload);
        String[] strings = new String[count];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int size = buffer.getInt(at, java.nio.ByteOrder.LITTLE_ENDIAN);
            strings[i] = buffer.getStringWithoutLengthUtf8(at + 4, size);
            at += 4 + size;
        }
        return strings;
    }

    private void stats(ChronicleQueue queue, Path directory) {
        Map<String, long[]> counts = new TreeMap<>();
        long[] totals = {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        JournalReader.Skips skips = JournalReader.scan(queue, 0, entry -> {
            JournalRecord record = entry.record();
            long[] count = counts.computeIfAbsent(record.featureId() + " " + record.source(), key -> new long[9]);
            count[Math.min(record.type(), 8)]++;
            totals[0]++;
            totals[1] = Math.min(totals[1], record.sequence());
            totals[2] = Math.max(totals[2], record.sequence());
            totals[3] = Math.min(totals[3], record.wallNs());
            totals[4] = Math.max(totals[4], record.wallNs());
        });
        long bytes = 0;
        int files = 0;
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(f -> f.getFileName().toString().endsWith(".cq4")).toList()) {
                files++;
                bytes += Files.size(file);
            }
        } catch (IOException e) {
            err.println("ifw journal: cannot list " + directory + ": " + e.getMessage());
        }
        out.println("journal " + directory + ": " + totals[0] + " records in " + files + " files (" + bytes / 1024 + " KiB, sparse)");
        if (totals[0] > 0) {
            out.println("  sequences " + totals[1] + " to " + totals[2] + ", written " + Instant.ofEpochSecond(0, totals[3]) + " to "
                    + Instant.ofEpochSecond(0, totals[4]));
        }
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            long[] count = entry.getValue();
            out.println("  " + entry.getKey() + ": " + count[JournalRecord.VALUE] + " values, " + count[JournalRecord.ZONES] + " zone lists, "
                    + count[JournalRecord.ATTRIBUTE] + " attributes, " + count[JournalRecord.AVAILABILITY] + " availabilities, "
                    + count[JournalRecord.ERROR] + " errors, " + count[JournalRecord.SNAPSHOT_END] + " snapshots");
        }
        if (skips.total() > 0) {
            out.println("  " + skips.total() + " records this build cannot read (" + skips.newer() + " of a newer format); first: " + skips.first());
        }
    }

    /** The command line. */
    private record Options(String command, Path directory, long from, String feature, long max, double seconds) {

        static Options parse(String[] args) {
            List<String> list = List.of(args);
            if (list.isEmpty() || !List.of("print", "follow", "stats").contains(list.get(0))) {
                throw new IllegalArgumentException(list.isEmpty() ? "no command" : "unknown command '" + list.get(0) + "'");
            }
            if (list.size() < 2) {
                throw new IllegalArgumentException(list.get(0) + " needs a journal directory");
            }
            long from = 0;
            String feature = "";
            long max = Long.MAX_VALUE;
            double seconds = 0;
            for (int i = 2; i < list.size(); i += 2) {
                String option = list.get(i);
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException("option '" + option + "' needs a value");
                }
                String value = list.get(i + 1);
                try {
                    switch (option) {
                        case "--from":
                            from = value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value, 16);
                            break;
                        case "--feature":
                            feature = value;
                            break;
                        case "--max":
                            max = Long.parseLong(value);
                            break;
                        case "--seconds":
                            seconds = Double.parseDouble(value);
                            break;
                        default:
                            throw new IllegalArgumentException("unknown option '" + option + "'");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option '" + option + "' needs a number, not '" + value + "'");
                }
            }
            return new Options(list.get(0), Path.of(list.get(1)), from, feature, max, seconds);
        }
    }
}
