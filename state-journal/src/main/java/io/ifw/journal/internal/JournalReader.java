package io.ifw.journal.internal;

import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.ChangeHistory;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.RecoveredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads journals: every record in order (the tools), and the last state of one backend
 * (recovery), which reads backwards to that backend's last complete snapshot and forwards from
 * there, so it costs the records since that snapshot, not the whole history.
 */
public final class JournalReader {

    private JournalReader() {
    }

    /** A record and its Chronicle index. */
    public record Entry(long index, JournalRecord record) {
    }

    /** What a scan could not read. */
    public static final class Skips {
        private long newer;
        private long malformed;
        private String first = "";

        void newer(String why) {
            newer++;
            first = first.isEmpty() ? why : first;
        }

        void malformed(String why) {
            malformed++;
            first = first.isEmpty() ? why : first;
        }

        public long newer() {
            return newer;
        }

        public long malformed() {
            return malformed;
        }

        public long total() {
            return newer + malformed;
        }

        /** The first reason, for a log line. */
        public String first() {
            return first;
        }
    }

    /**
     * Reads every record from {@code fromIndex} ({@code 0}: the start) to the end, in order.
     *
     * @return what could not be read (counted, not thrown)
     */
    public static Skips scan(ChronicleQueue queue, long fromIndex, Consumer<Entry> each) {
        Skips skips = new Skips();
        ExcerptTailer tailer = queue.createTailer();
        if (fromIndex > 0) {
            if (!tailer.moveToIndex(fromIndex)) {
                tailer.toStart();
            }
        } else {
            tailer.toStart();
        }
        readOn(tailer, skips, each, Long.MAX_VALUE);
        return skips;
    }

    /** Reads what the tailer has now, up to {@code max} records; returns how many it read. */
    public static long readOn(ExcerptTailer tailer, Skips skips, Consumer<Entry> each, long max) {
        long read = 0;
        while (read < max) {
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return read;
                }
                read++;
                long index = document.index();
                try {
                    each.accept(new Entry(index, JournalWriter.read(document)));
                } catch (JournalFormatException.Newer e) {
                    skips.newer(e.getMessage());
                } catch (JournalFormatException e) {
                    skips.malformed(e.getMessage());
                }
            }
        }
        return read;
    }

    /**
     * The last state a backend journaled for a feature, decoded for {@code model}: the backend is
     * found by its name (the records' source), not by its class.
     *
     * @return the state, or {@code null} when the journal has no complete snapshot of it
     */
    public static RecoveredState recover(ChronicleQueue queue, String source, FeatureModel model, String backendName) {
        String featureId = model.id();
        ExcerptTailer backward = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        String stream = null;
        long beginSequence = -1;
        long beginIndex = -1;
        while (true) {
            try (DocumentContext document = backward.readingDocument()) {
                if (!document.isPresent()) {
                    break;
                }
                JournalRecord record;
                try {
                    record = JournalWriter.read(document);
                } catch (JournalFormatException e) {
                    continue;
                }
                if (!record.featureId().equals(featureId)) {
                    continue;
                }
                if (stream == null && record.type() == JournalRecord.SNAPSHOT_END) {
                    String[] end = JournalRecord.strings(record.payload(), 2);
                    if (record.source().equals(backendName)) {
                        stream = record.source();
                        beginSequence = Long.parseLong(end[0]);
                    }
                } else if (stream != null && record.type() == JournalRecord.SNAPSHOT_BEGIN && record.source().equals(stream)
                        && record.sequence() == beginSequence) {
                    beginIndex = document.index();
                    break;
                }
            } catch (NumberFormatException e) {
                stream = null;
            }
        }
        if (beginIndex < 0) {
            return null;
        }
        FeatureCodec codec = new FeatureCodec(model);
        Map<String, Map<Integer, Object>> values = new LinkedHashMap<>();
        List<String> zones = new ArrayList<>();
        int[] skipped = {0};
        long[] last = {beginSequence};
        long[] log = {0, 0};
        String wanted = stream;
        Map<String, Integer> byName = new HashMap<>();
        for (Member member : model.members()) {
            if (member instanceof PropertyMember) {
                byName.put(member.name(), member.index());
            }
        }
        ExcerptTailer forward = queue.createTailer();
        forward.moveToIndex(beginIndex);
        Skips skips = new Skips();
        readOn(forward, skips, entry -> {
            JournalRecord record = entry.record();
            if (!record.featureId().equals(featureId) || !record.source().equals(wanted)) {
                return;
            }
            last[0] = record.sequence();
            if (record.logId() != 0) {
                log[0] = record.logId();
                log[1] = record.change();
            }
            UnsafeBuffer payload = new UnsafeBuffer(record.payload());
            try {
                if (record.type() == JournalRecord.ZONES) {
                    zones.clear();
                    zones.addAll(FeatureCodec.zones(payload, 0, record.payload().length));
                } else if (record.type() == JournalRecord.VALUE) {
                    Integer member = byName.get(record.member());
                    if (member == null) {
                        skipped[0]++;
                        return;
                    }
                    values.computeIfAbsent(record.zone(), zone -> new LinkedHashMap<>())
                            .put(member, codec.value(member, payload, 0, record.payload().length));
                }
            } catch (CodecException | ClassCastException | IllegalArgumentException e) {
                skipped[0]++;
            }
        }, Long.MAX_VALUE);
        return new RecoveredState(source, last[0], zones, values, skipped[0] + (int) skips.total(), log[0], log[1]);
    }

    /**
     * The journaled changes of change log {@code logId} of backend {@code backendName}, after
     * {@code since} and up to {@code until}: see {@link io.ifw.core.spi.ChangeHistory}. Reads the
     * journal from its start (a catch-up is rare; the cost is one pass over the journal kept).
     */
    public static ChangeHistory.Replay changesSince(ChronicleQueue queue, FeatureModel model, String backendName, long logId, long since,
                                                    long until, int limit, ChangeLog.Handler handler) {
        String featureId = model.id();
        FeatureCodec codec = new FeatureCodec(model);
        Map<String, Integer> byName = new HashMap<>();
        for (Member member : model.members()) {
            byName.put(member.name(), member.index());
        }
        long[] oldest = {-1};   // the change of the first record of this log: the journal holds it from there
        long[] next = {since + 1};
        String[] refusal = {null};
        boolean[] inSnapshot = {false};
        long[] handed = {0};
        scan(queue, 0, entry -> {
            JournalRecord record = entry.record();
            if (refusal[0] != null || record.logId() != logId || !record.featureId().equals(featureId)
                    || !record.source().equals(backendName)) {
                return;
            }
            long change = record.change();
            if (oldest[0] < 0) {
                oldest[0] = change;
                if (change > since) {
                    refusal[0] = "the journal keeps this change log from change " + change + " on (its retention); change " + (since + 1)
                            + " is gone";
                    return;
                }
            }
            int type = record.type();
            if (type == JournalRecord.SNAPSHOT_BEGIN) {
                inSnapshot[0] = true;
                return;
            }
            if (type == JournalRecord.SNAPSHOT_END) {
                inSnapshot[0] = false;
                // A snapshot past the next change wanted means the changes before it were not journaled one by one.
                if (change >= next[0] && change <= until) {
                    String[] end = JournalRecord.strings(record.payload(), 2);
                    String reason = record.payload().length > 0 ? lastString(record.payload()) : "";
                    refusal[0] = "the journal did not keep changes " + next[0] + " to " + change + " of this log one by one (a snapshot"
                            + (reason.isEmpty() ? "" : " after '" + reason + "'") + " stands for them, begun at record " + end[0] + ")";
                }
                return;
            }
            if (inSnapshot[0] || change <= since || change > until) {
                return;
            }
            if (change < next[0]) {
                return; // already handed (a record written twice)
            }
            if (change > next[0]) {
                refusal[0] = "the journal has no record of change " + next[0] + " of this log (the next it has is " + change + ")";
                return;
            }
            if (handed[0] >= limit) {
                refusal[0] = "more than " + limit + " changes are missing";
                return;
            }
            try {
                hand(record, codec, byName, handler);
            } catch (CodecException | ClassCastException | IllegalArgumentException e) {
                refusal[0] = "change " + change + " of this log cannot be read: " + e.getMessage();
                return;
            }
            handed[0]++;
            next[0] = change + 1;
        });
        if (refusal[0] != null) {
            return new ChangeHistory.Replay(next[0] - 1, refusal[0]);
        }
        if (oldest[0] < 0) {
            return new ChangeHistory.Replay(since, "the journal has no record of this change log");
        }
        return new ChangeHistory.Replay(next[0] - 1, null);
    }

    private static String lastString(byte[] payload) {
        try {
            return JournalRecord.strings(payload, 3)[2];
        } catch (JournalFormatException e) {
            return ""; // a snapshot end written before reasons were
        }
    }

    private static void hand(JournalRecord record, FeatureCodec codec, Map<String, Integer> byName, ChangeLog.Handler handler) {
        UnsafeBuffer payload = new UnsafeBuffer(record.payload());
        int length = record.payload().length;
        long change = record.change();
        Integer member = byName.get(record.member());
        switch (record.type()) {
            case JournalRecord.ZONES -> handler.change(change, ChangeLog.Kind.ZONES, -1, "", FeatureCodec.zones(payload, 0, length));
            case JournalRecord.VALUE -> handler.change(change, ChangeLog.Kind.VALUE, known(member, record), record.zone(),
                    codec.value(known(member, record), payload, 0, length));
            case JournalRecord.AVAILABILITY -> handler.change(change, ChangeLog.Kind.AVAILABILITY, known(member, record), record.zone(),
                    FeatureCodec.availability(payload, 0, length));
            case JournalRecord.ATTRIBUTE -> handler.change(change, ChangeLog.Kind.ATTRIBUTE, known(member, record), record.zone(),
                    codec.attribute(known(member, record), payload, 0, length));
            case JournalRecord.ERROR -> handler.change(change, ChangeLog.Kind.ERROR, -1, "", FeatureCodec.error(payload, 0, length));
            default -> handler.change(change, ChangeLog.Kind.CONNECTION, -1, "", null); // SKIPPED, or a type this build does not know
        }
    }

    private static int known(Integer member, JournalRecord record) {
        if (member == null) {
            throw new IllegalArgumentException("the model has no member " + record.member());
        }
        return member;
    }
}
