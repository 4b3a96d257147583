package io.ifw.backend.remote.aeron;

import io.ifw.core.Attribute;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last known state of one feature's backend, as reported through a
 * {@link BackendListener}: the zones, every value with its availability and attribute, and the
 * error. The server keeps one per exported feature to give late joiners a snapshot without asking
 * the backend again; the client keeps one per remote feature to serve its local front ends.
 * Not thread-safe: its owner guards it.
 */
final class StateMirror {

    /** One zone's state, indexed by member. */
    static final class Zone {
        final Object[] values;
        final boolean[] present;
        final ValueAvailability[] availability;
        final Attribute<?>[] attributes;

        Zone(int members) {
            values = new Object[members];
            present = new boolean[members];
            availability = new ValueAvailability[members];
            attributes = new Attribute<?>[members];
        }
    }

    private final int members;
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private List<String> zoneNames = List.of();
    private FeatureError error;

    StateMirror(int members) {
        this.members = members;
    }

    Zone zone(String name) {
        Zone zone = zones.get(name);
        if (zone == null) {
            zone = new Zone(members);
            zones.put(name, zone);
        }
        return zone;
    }

    Iterable<Map.Entry<String, Zone>> zones() {
        return zones.entrySet();
    }

    List<String> zoneNames() {
        return zoneNames;
    }

    void zonesChanged(List<String> names) {
        zoneNames = List.copyOf(names);
    }

    /** @return whether the value differs from the one kept */
    boolean valueChanged(int member, String zone, Object value) {
        Zone state = zone(zone);
        boolean changed = !state.present[member] || !Objects.equals(state.values[member], value);
        state.values[member] = value;
        state.present[member] = true;
        return changed;
    }

    boolean availabilityChanged(int member, String zone, ValueAvailability availability) {
        Zone state = zone(zone);
        boolean changed = !Objects.equals(state.availability[member], availability);
        state.availability[member] = availability;
        return changed;
    }

    boolean attributeChanged(int member, String zone, Attribute<?> attribute) {
        Zone state = zone(zone);
        boolean changed = !Objects.equals(state.attributes[member], attribute);
        state.attributes[member] = attribute;
        return changed;
    }

    FeatureError error() {
        return error;
    }

    boolean errorChanged(FeatureError newError) {
        boolean changed = !Objects.equals(error, newError);
        error = newError;
        return changed;
    }

    /** Pushes the whole state to {@code listener} (without {@code initialized()}). */
    void replay(BackendListener listener) {
        listener.zonesChanged(zoneNames);
        for (Map.Entry<String, Zone> entry : zones.entrySet()) {
            Zone state = entry.getValue();
            for (int member = 0; member < members; member++) {
                if (state.attributes[member] != null) {
                    listener.attributeChanged(member, entry.getKey(), state.attributes[member]);
                }
                if (state.present[member]) {
                    listener.valueChanged(member, entry.getKey(), state.values[member]);
                }
                if (state.availability[member] != null) {
                    listener.availabilityChanged(member, entry.getKey(), state.availability[member]);
                }
            }
        }
        if (error != null) {
            listener.errorChanged(error);
        }
    }

    /**
     * Makes this mirror equal to {@code next} and tells {@code listener} only what differs:
     * how a client applies a resync without making its front ends see unchanged values.
     */
    void adopt(StateMirror next, BackendListener listener) {
        beforeStale = null;
        if (!zoneNames.equals(next.zoneNames)) {
            zoneNames = next.zoneNames;
            listener.zonesChanged(zoneNames);
        }
        for (Map.Entry<String, Zone> entry : next.zones.entrySet()) {
            String zone = entry.getKey();
            Zone incoming = entry.getValue();
            for (int member = 0; member < members; member++) {
                if (incoming.attributes[member] != null && attributeChanged(member, zone, incoming.attributes[member])) {
                    listener.attributeChanged(member, zone, incoming.attributes[member]);
                }
                if (incoming.present[member] && valueChanged(member, zone, incoming.values[member])) {
                    listener.valueChanged(member, zone, incoming.values[member]);
                }
                ValueAvailability availability = incoming.availability[member] == null && incoming.present[member]
                        ? ValueAvailability.AVAILABLE : incoming.availability[member];
                if (availability != null && availabilityChanged(member, zone, availability)) {
                    listener.availabilityChanged(member, zone, availability);
                }
            }
        }
        if (errorChanged(next.error)) {
            listener.errorChanged(next.error);
        }
    }

    /** The availability each value had before {@link #markStale}, to give back after a catch-up. */
    private Map<String, ValueAvailability[]> beforeStale;

    /** Every value kept becomes STALE with {@code reason}, reported to {@code listener}. */
    void markStale(String reason, BackendListener listener) {
        ValueAvailability stale = ValueAvailability.stale(reason);
        List<Runnable> reports = new ArrayList<>();
        if (beforeStale == null) {
            beforeStale = new LinkedHashMap<>();
            for (Map.Entry<String, Zone> entry : zones.entrySet()) {
                beforeStale.put(entry.getKey(), entry.getValue().availability.clone());
            }
        }
        for (Map.Entry<String, Zone> entry : zones.entrySet()) {
            Zone state = entry.getValue();
            for (int member = 0; member < members; member++) {
                if (state.present[member]) {
                    state.availability[member] = stale;
                    int m = member;
                    reports.add(() -> listener.availabilityChanged(m, entry.getKey(), stale));
                }
            }
        }
        reports.forEach(Runnable::run);
    }

    /** After a catch-up: every value stale since the loss gets its availability back, reported to {@code listener}. */
    void restoreAvailability(BackendListener listener) {
        if (beforeStale == null) {
            return;
        }
        for (Map.Entry<String, Zone> entry : zones.entrySet()) {
            Zone state = entry.getValue();
            ValueAvailability[] before = beforeStale.get(entry.getKey());
            for (int member = 0; member < members; member++) {
                if (state.present[member] && state.availability[member] != null
                        && state.availability[member].state() == ValueAvailability.State.STALE) {
                    ValueAvailability back = before == null || before[member] == null ? ValueAvailability.AVAILABLE : before[member];
                    state.availability[member] = back;
                    listener.availabilityChanged(member, entry.getKey(), back);
                }
            }
        }
        beforeStale = null;
    }

}
