package io.ifw.journal.internal;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.StateTable;
import java.lang.System.Logger.Level;
import java.util.List;
import org.agrona.ExpandableArrayBuffer;

/**
 * The journal of one backend: a durable reader of its {@link ChangeLog} that appends every change
 * — values per zone, zones, attributes, availability, errors — and a snapshot of the whole state
 * when it starts reading, every {@code snapshotEvery} changes, in each new roll cycle, and when it
 * fell behind the log's bound, so that recovery reads only from the last snapshot on.
 *
 * <p>It runs on its journal's {@link JournalAppender} thread, never on the backend's writer: the
 * writer pays for putting a change in the log, the appender for encoding and appending it. A
 * write to a journaled backend is acknowledged once this stream has appended it (it commits the
 * log's sequence after each batch).
 */
public final class BackendStream implements ChangeLog.Handler {

    private static final System.Logger LOG = System.getLogger(BackendStream.class.getName());

    private final JournalWriter writer;
    private final String featureId;
    private final String source;
    private final String backendClass;
    private final String kind;
    private final FeatureModel model;
    private final FeatureCodec codec;
    private final int snapshotEvery;
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);

    // Used by the appender thread only.
    private int sinceSnapshot;
    private boolean encodingReported;
    private volatile ChangeLog.Reader reader;
    /** The log read (its id goes into every record) and the change being written. */
    private long logId;
    private long change;
    private volatile int snapshotCycle = Integer.MAX_VALUE;
    private volatile long changes;
    private volatile long resyncs;

    public BackendStream(JournalWriter writer, String featureId, String source, String backendClass, String kind, FeatureModel model,
                         int snapshotEvery) {
        this.writer = writer;
        this.featureId = featureId;
        this.source = source;
        this.backendClass = backendClass;
        this.kind = kind;
        this.model = model;
        this.codec = new FeatureCodec(model);
        this.snapshotEvery = snapshotEvery;
    }

    /** Reads {@code log} from now on, as a durable reader; the appender polls it. */
    ChangeLog.Reader attach(ChangeLog log, Runnable wakeup) {
        return attach(log, wakeup, null);
    }

    /**
     * Reads {@code log} as a durable reader; the appender polls it. When the backend was restored
     * from this journal's directory ({@code restored}, else {@code null}) and its log continues the
     * journaled one, the changes it made since then (before the journal was open) are journaled one
     * by one, followed by the snapshot of the first read; else the first read is the snapshot
     * alone. So a client that comes back with a sequence of the earlier run catches up from the
     * journal even if the backend changed before the journal was there.
     */
    ChangeLog.Reader attach(ChangeLog log, Runnable wakeup, io.ifw.core.spi.RecoveredState restored) {
        String name = "journal of " + featureId + " (" + source + ")";
        if (restored != null && restored.logId() != 0) {
            reader = log.readerAfter(name, true, wakeup, restored.logId(), restored.change());
            if (reader.position() >= 0) { // it goes on after the restored change (else its first poll is a snapshot anyway)
                reader.requestSnapshot(ChangeLog.FIRST_READ); // once the changes before it are journaled; at once when there are none
            }
        } else {
            reader = log.reader(name, true, wakeup);
        }
        logId = log.logId(); // fixed once the log is read
        return reader;
    }

    ChangeLog.Reader reader() {
        return reader;
    }

    public String featureId() {
        return featureId;
    }

    public String source() {
        return source;
    }

    /** How many changes were journaled (snapshots not counted). */
    public long changes() {
        return changes;
    }

    /** How many snapshots were written because this stream fell behind the backend's log. */
    public long resyncs() {
        return resyncs;
    }

    /** The cycle of the last complete snapshot: retention keeps it. */
    public int snapshotCycle() {
        return snapshotCycle;
    }

    /** A new roll cycle began: a snapshot is due (written by the appender's next poll). */
    public void snapshotDue() {
        ChangeLog.Reader current = reader;
        if (current != null) {
            current.requestSnapshot("a new roll cycle");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
        change = sequence;
        switch (kind) {
            case ZONES -> append(JournalRecord.ZONES, "", "", FeatureCodec.putZones((List<String>) value, payload, 0));
            case VALUE -> {
                int length = encodeValue(member, value);
                if (length >= 0) {
                    append(JournalRecord.VALUE, name(member), zone, length);
                }
            }
            case AVAILABILITY -> append(JournalRecord.AVAILABILITY, name(member), zone,
                    FeatureCodec.putAvailability((ValueAvailability) value, payload, 0));
            case ATTRIBUTE -> append(JournalRecord.ATTRIBUTE, name(member), zone,
                    codec.putAttribute(member, (Attribute<?>) value, payload, 0));
            case ERROR -> append(JournalRecord.ERROR, "", "", FeatureCodec.putError((FeatureError) value, payload, 0));
            case SIGNAL, CONNECTION -> append(JournalRecord.SKIPPED, "", "", 0); // not state, but the sequence is kept
        }
    }

    private String name(int member) {
        return model.member(member).name();
    }

    private int encodeValue(int property, Object value) {
        try {
            return codec.putValue(property, value, payload, 0);
        } catch (RuntimeException e) {
            if (!encodingReported) {
                encodingReported = true;
                LOG.log(Level.WARNING, "IFW: cannot journal " + name(property) + " of " + featureId + ": " + e);
            }
            return -1;
        }
    }

    private void append(int type, String member, String zone, int length) {
        writer.append(type, featureId, source, member, zone, payload, 0, length, logId, change);
        changes++;
        if (++sinceSnapshot >= snapshotEvery) {
            sinceSnapshot = 0;
            reader.requestSnapshot("every " + snapshotEvery + " changes");
        }
    }

    /** The whole state: SNAPSHOT_BEGIN (class, kind, schema), zones, attributes and values, SNAPSHOT_END. */
    @Override
    public void snapshot(long sequence, StateTable state, String reason) {
        boolean conflated = reason.startsWith(ChangeLog.FELL_BEHIND);
        if (conflated) {
            resyncs++;
        }
        sinceSnapshot = 0;
        change = sequence;
        int length = JournalRecord.putStrings(payload, backendClass, kind, model.schemaText());
        long begin = writer.append(JournalRecord.SNAPSHOT_BEGIN, featureId, source, "", "", payload, 0, length, logId, change);
        if (begin < 0) {
            return;
        }
        writer.append(JournalRecord.ZONES, featureId, source, "", "", payload, 0, FeatureCodec.putZones(state.zoneNames(), payload, 0), logId, change);
        for (String zone : state.slotZones()) {
            StateTable.Zone slots = state.zone(zone);
            for (int member = 0; member < slots.size(); member++) {
                Attribute<?> attribute = slots.attribute(member);
                if (attribute != null && !attribute.equals(Attribute.unrestricted())) {
                    writer.append(JournalRecord.ATTRIBUTE, featureId, source, name(member), zone, payload, 0,
                            codec.putAttribute(member, attribute, payload, 0), logId, change);
                }
                if (slots.has(member)) {
                    int valueLength = encodeValue(member, slots.value(member));
                    if (valueLength >= 0) {
                        writer.append(JournalRecord.VALUE, featureId, source, name(member), zone, payload, 0, valueLength, logId, change);
                    }
                }
            }
        }
        // the third string says why: a snapshot that resynced the journal conflated the changes before it
        length = JournalRecord.putStrings(payload, Long.toString(begin), backendClass, reason);
        if (writer.append(JournalRecord.SNAPSHOT_END, featureId, source, "", "", payload, 0, length, logId, change) > 0) {
            snapshotCycle = writer.cycle();
        }
    }
}
