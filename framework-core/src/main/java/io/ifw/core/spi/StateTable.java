package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one feature as one party knows it: per zone and property slot a value (or none),
 * its availability and its constraints; the zones; the connection and the error. The one type
 * for it in IFW: a backend's state behind its {@link ChangeLog}, the snapshot a reader of the log
 * is handed, what the journal writes as a snapshot, what a remote client mirrors.
 *
 * <p>Not thread-safe: its owner guards it (a backend with its lock; a snapshot belongs to the
 * reader it was handed to).
 */
public final class StateTable {

    /** One zone's slots, by member index; slots of members that are not properties stay empty. */
    public static final class Zone {
        private final Object[] values;
        private final boolean[] present;
        private final Attribute<?>[] attributes;
        private final ValueAvailability[] availability;

        Zone(int size) {
            values = new Object[size];
            present = new boolean[size];
            attributes = new Attribute<?>[size];
            availability = new ValueAvailability[size];
        }

        private Zone(Zone other) {
            values = other.values.clone();
            present = other.present.clone();
            attributes = other.attributes.clone();
            availability = other.availability.clone();
        }

        /** Whether the slot has a value. */
        public boolean has(int slot) {
            return present[slot];
        }

        /** The slot's value, or {@code null} when it has none. */
        public Object value(int slot) {
            return present[slot] ? values[slot] : null;
        }

        /** The slot's constraints, or {@code null} when none are known. */
        public Attribute<?> attribute(int slot) {
            return attributes[slot];
        }

        /** The slot's availability, or {@code null} when none is known. */
        public ValueAvailability availability(int slot) {
            return availability[slot];
        }

        /** Sets the slot's value; returns whether it differs from what was there. */
        public boolean put(int slot, Object value) {
            boolean changed = !present[slot] || !Objects.equals(values[slot], value);
            values[slot] = value;
            present[slot] = true;
            return changed;
        }

        /** Removes the slot's value. */
        public void clear(int slot) {
            values[slot] = null;
            present[slot] = false;
        }

        /** Sets the slot's constraints; returns whether they differ from what was there. */
        public boolean setAttribute(int slot, Attribute<?> attribute) {
            boolean changed = !Objects.equals(attributes[slot], attribute);
            attributes[slot] = attribute;
            return changed;
        }

        /** Sets the slot's availability; returns whether it differs from what was there. */
        public boolean setAvailability(int slot, ValueAvailability value) {
            boolean changed = !Objects.equals(availability[slot], value);
            availability[slot] = value;
            return changed;
        }

        /** The number of slots (the model's member count). */
        public int size() {
            return values.length;
        }
    }

    private final FeatureModel model;
    private final java.util.function.BiConsumer<String, Zone> initializer;
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private List<String> zoneNames;
    private ConnectionStatus connection = ConnectionStatus.connected();
    private FeatureError error;

    private StateTable(FeatureModel model, java.util.function.BiConsumer<String, Zone> initializer) {
        this.model = Objects.requireNonNull(model, "model");
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.zoneNames = model.defaultZones();
        zones.put("", newZone(""));
        for (String zone : zoneNames) {
            zones.put(zone, newZone(zone));
        }
    }

    private StateTable(StateTable other) {
        model = other.model;
        initializer = other.initializer;
        zoneNames = other.zoneNames;
        connection = other.connection;
        error = other.error;
        other.zones.forEach((name, zone) -> zones.put(name, new Zone(zone)));
    }

    /**
     * A backend's table: every zone starts with the model's default values, available, with the
     * model's initial constraints.
     */
    public static StateTable withDefaults(FeatureModel model) {
        return new StateTable(model, (zone, slots) -> {
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                slots.attributes[slot] = property.initialAttribute(zone);
                slots.availability[slot] = ValueAvailability.AVAILABLE;
                if (property.defaultValue() != null) {
                    slots.values[slot] = property.defaultValue();
                    slots.present[slot] = true;
                }
            }
        });
    }

    /** A table that knows nothing yet: no values, no availability, no constraints (a mirror, a shadow). */
    public static StateTable empty(FeatureModel model) {
        return new StateTable(model, (zone, slots) -> { });
    }

    /** A table whose zones start as {@code initializer} sets them up (a front end's: defaults marked stale). */
    public static StateTable of(FeatureModel model, java.util.function.BiConsumer<String, Zone> initializer) {
        return new StateTable(model, initializer);
    }

    private Zone newZone(String zone) {
        Zone slots = new Zone(model.members().size());
        initializer.accept(zone, slots);
        return slots;
    }

    /** A deep copy, for a reader to keep. */
    public StateTable copy() {
        return new StateTable(this);
    }

    public FeatureModel model() {
        return model;
    }

    /** The feature's zones (empty for a feature without zones). */
    public List<String> zoneNames() {
        return zoneNames;
    }

    /** Replaces the zones; slots of kept zones stay, new zones start as the table's kind starts them. */
    public void setZoneNames(List<String> names) {
        zoneNames = List.copyOf(names);
        zones.keySet().removeIf(zone -> !zone.isEmpty() && !zoneNames.contains(zone));
        for (String zone : zoneNames) {
            zones.computeIfAbsent(zone, this::newZone);
        }
    }

    /** Whether {@code zone} has slots (the zone-less view {@code ""} always has). */
    public boolean hasZone(String zone) {
        return zones.containsKey(zone);
    }

    /** All zones with slots, the zone-less one ({@code ""}) first. */
    public List<String> slotZones() {
        return new ArrayList<>(zones.keySet());
    }

    /**
     * A zone's slots.
     *
     * @throws IllegalArgumentException for a zone the table does not have
     */
    public Zone zone(String zone) {
        Zone slots = zones.get(zone);
        if (slots == null) {
            throw new IllegalArgumentException("unknown zone '" + zone + "' for " + model.id() + " (zones: " + zoneNames + ")");
        }
        return slots;
    }

    /** A zone's slots, or {@code null} when the table does not have it. */
    public Zone find(String zone) {
        return zones.get(zone);
    }

    /** A zone's slots, added (empty, or with defaults) when the table does not have it yet. */
    public Zone zoneOrAdd(String zone) {
        return zones.computeIfAbsent(zone, this::newZone);
    }

    public ConnectionStatus connection() {
        return connection;
    }

    public void setConnection(ConnectionStatus status) {
        connection = Objects.requireNonNull(status, "status");
    }

    /** The backend's error, or {@code null}. */
    public FeatureError error() {
        return error;
    }

    public void setError(FeatureError newError) {
        error = newError;
    }
}
