package io.ifw.journal.internal;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.spi.BackendListener;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.agrona.ExpandableArrayBuffer;

/**
 * The journal of one backend: a listener that appends every change the backend reports — values
 * per zone, zones, attributes, availability, errors — and a snapshot of its whole state when it
 * connects, every {@code snapshotEvery} changes, and in each new roll cycle, so that recovery
 * reads only from the last snapshot on.
 *
 * <p>Appends run on the backend's reporting thread, under this stream's lock: the cost a change
 * pays is encoding plus one Chronicle append.
 */
public final class BackendStream implements BackendListener {

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

    // Guarded by this.
    private List<String> zones = List.of();
    private final Map<String, Object[]> values = new LinkedHashMap<>();
    private final Map<String, boolean[]> present = new LinkedHashMap<>();
    private final Map<String, Attribute<?>[]> attributes = new LinkedHashMap<>();
    private boolean initialized;
    private int sinceSnapshot;
    private volatile boolean snapshotDue;
    private volatile int snapshotCycle = Integer.MAX_VALUE;
    private volatile long changes;
    private boolean encodingReported;

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

    /** The cycle of the last complete snapshot: retention keeps it. */
    public int snapshotCycle() {
        return snapshotCycle;
    }

    /** A new roll cycle began: a snapshot is due (written at the next change, or by {@link #snapshotIfDue}). */
    public void snapshotDue() {
        snapshotDue = true;
    }

    public synchronized void snapshotIfDue() {
        if (snapshotDue && initialized) {
            snapshot();
        }
    }

    private Object[] zoneValues(String zone) {
        Object[] slots = values.get(zone);
        if (slots == null) {
            slots = new Object[model.members().size()];
            values.put(zone, slots);
        }
        return slots;
    }

    private boolean[] zonePresent(String zone) {
        boolean[] slots = present.get(zone);
        if (slots == null) {
            slots = new boolean[model.members().size()];
            present.put(zone, slots);
        }
        return slots;
    }

    private Attribute<?>[] zoneAttributes(String zone) {
        Attribute<?>[] slots = attributes.get(zone);
        if (slots == null) {
            slots = new Attribute<?>[model.members().size()];
            attributes.put(zone, slots);
        }
        return slots;
    }

    @Override
    public synchronized void zonesChanged(List<String> newZones) {
        zones = List.copyOf(newZones);
        if (initialized) {
            append(JournalRecord.ZONES, "", "", FeatureCodec.putZones(zones, payload, 0));
        }
    }

    @Override
    public synchronized void valueChanged(int property, String zone, Object value) {
        Object[] slots = zoneValues(zone);
        boolean[] known = zonePresent(zone);
        if (known[property] && Objects.equals(slots[property], value)) {
            return;
        }
        slots[property] = value;
        known[property] = true;
        if (initialized) {
            int length = encodeValue(property, value);
            if (length >= 0) {
                append(JournalRecord.VALUE, name(property), zone, length);
            }
        }
    }

    @Override
    public synchronized void availabilityChanged(int property, String zone, ValueAvailability availability) {
        if (initialized) {
            append(JournalRecord.AVAILABILITY, name(property), zone, FeatureCodec.putAvailability(availability, payload, 0));
        }
    }

    @Override
    public synchronized void attributeChanged(int property, String zone, Attribute<?> attribute) {
        Attribute<?>[] slots = zoneAttributes(zone);
        if (Objects.equals(slots[property], attribute)) {
            return;
        }
        slots[property] = attribute;
        if (initialized) {
            append(JournalRecord.ATTRIBUTE, name(property), zone, codec.putAttribute(property, attribute, payload, 0));
        }
    }

    @Override
    public void signalled(int signal, String zone, Object payloadValue) {
        // events, not state
    }

    @Override
    public synchronized void initialized() {
        initialized = true;
        snapshot();
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
    }

    @Override
    public synchronized void errorChanged(FeatureError error) {
        if (initialized) {
            append(JournalRecord.ERROR, "", "", FeatureCodec.putError(error, payload, 0));
        }
    }

    @Override
    public void modelChanged(long instance, ModelChange change) {
    }

    private String name(int member) {
        Member target = model.member(member);
        return target.name();
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
        writer.append(type, featureId, source, member, zone, payload, 0, length);
        changes++;
        if (++sinceSnapshot >= snapshotEvery || snapshotDue) {
            snapshot();
        }
    }

    /** The whole state: SNAPSHOT_BEGIN (class, kind, schema), zones, attributes and values, SNAPSHOT_END. Holds the lock. */
    private void snapshot() {
        snapshotDue = false;
        sinceSnapshot = 0;
        int length = JournalRecord.putStrings(payload, backendClass, kind, model.schemaText());
        long begin = writer.append(JournalRecord.SNAPSHOT_BEGIN, featureId, source, "", "", payload, 0, length);
        if (begin < 0) {
            return;
        }
        writer.append(JournalRecord.ZONES, featureId, source, "", "", payload, 0, FeatureCodec.putZones(zones, payload, 0));
        for (Map.Entry<String, Object[]> zone : values.entrySet()) {
            Object[] slots = zone.getValue();
            boolean[] known = zonePresent(zone.getKey());
            Attribute<?>[] zoneAttributes = zoneAttributes(zone.getKey());
            for (int member = 0; member < slots.length; member++) {
                if (zoneAttributes[member] != null && !zoneAttributes[member].equals(Attribute.unrestricted())) {
                    writer.append(JournalRecord.ATTRIBUTE, featureId, source, name(member), zone.getKey(), payload, 0,
                            codec.putAttribute(member, zoneAttributes[member], payload, 0));
                }
                if (known[member]) {
                    int valueLength = encodeValue(member, slots[member]);
                    if (valueLength >= 0) {
                        writer.append(JournalRecord.VALUE, featureId, source, name(member), zone.getKey(), payload, 0, valueLength);
                    }
                }
            }
        }
        length = JournalRecord.putStrings(payload, Long.toString(begin), backendClass);
        if (writer.append(JournalRecord.SNAPSHOT_END, featureId, source, "", "", payload, 0, length) > 0) {
            snapshotCycle = writer.cycle();
        }
    }
}
