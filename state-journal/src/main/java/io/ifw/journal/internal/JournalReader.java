package io.ifw.journal.internal;

import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PropertyMember;
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
        return new RecoveredState(source, last[0], zones, values, skipped[0] + (int) skips.total());
    }
}
