package io.ifw.backend.remote.aeron.client;

import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.StateTable;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.agrona.DirectBuffer;

/**
 * A remote client's view of one feature's state on the server: the rules for applying what the
 * server sends to a {@link StateTable} (the one state type), telling a listener only what
 * differs. The client keeps one over its remote backend's change log (front ends read that log)
 * and one to stage a snapshot in. Not thread-safe: its owner guards it.
 */
final class StateMirror {

    private final StateTable table;
    /** The availability each value had before {@link #markStale}, to give back after a catch-up. */
    private Map<String, ValueAvailability[]> beforeStale;

    StateMirror(FeatureModel model) {
        this(StateTable.empty(model));
    }

    StateMirror(StateTable table) {
        this.table = table;
    }

    StateTable table() {
        return table;
    }

    List<String> zoneNames() {
        return table.zoneNames();
    }

    void zonesChanged(List<String> names) {
        table.setZoneNames(names);
    }

    /** @return whether the value differs from the one kept */
    boolean valueChanged(int member, String zone, Object value) {
        return table.zoneOrAdd(zone).put(member, value);
    }

    boolean availabilityChanged(int member, String zone, ValueAvailability availability) {
        return table.zoneOrAdd(zone).setAvailability(member, availability);
    }

    boolean attributeChanged(int member, String zone, Attribute<?> attribute) {
        return table.zoneOrAdd(zone).setAttribute(member, attribute);
    }

    FeatureError error() {
        return table.error();
    }

    boolean errorChanged(FeatureError newError) {
        boolean changed = !Objects.equals(table.error(), newError);
        table.setError(newError);
        return changed;
    }

    /**
     * Makes this mirror equal to {@code next} and tells {@code listener} only what differs:
     * how a client applies a resync without making its front ends see unchanged values.
     */
    void adopt(StateMirror next, BackendListener listener) {
        beforeStale = null;
        StateTable incomingTable = next.table;
        if (!table.zoneNames().equals(incomingTable.zoneNames())) {
            table.setZoneNames(incomingTable.zoneNames());
            listener.zonesChanged(table.zoneNames());
        }
        for (String zone : incomingTable.slotZones()) {
            StateTable.Zone incoming = incomingTable.zone(zone);
            for (int member = 0; member < incoming.size(); member++) {
                Attribute<?> attribute = incoming.attribute(member);
                if (attribute != null && attributeChanged(member, zone, attribute)) {
                    listener.attributeChanged(member, zone, attribute);
                }
                if (incoming.has(member) && valueChanged(member, zone, incoming.value(member))) {
                    listener.valueChanged(member, zone, incoming.value(member));
                }
                ValueAvailability availability = incoming.availability(member) == null && incoming.has(member)
                        ? ValueAvailability.AVAILABLE : incoming.availability(member);
                if (availability != null && availabilityChanged(member, zone, availability)) {
                    listener.availabilityChanged(member, zone, availability);
                }
            }
        }
        if (errorChanged(incomingTable.error())) {
            listener.errorChanged(incomingTable.error());
        }
    }

    /** Every value kept becomes STALE with {@code reason}, reported to {@code listener}. */
    void markStale(String reason, BackendListener listener) {
        ValueAvailability stale = ValueAvailability.stale(reason);
        if (beforeStale == null) {
            beforeStale = new LinkedHashMap<>();
            for (String zone : table.slotZones()) {
                StateTable.Zone state = table.zone(zone);
                ValueAvailability[] before = new ValueAvailability[state.size()];
                for (int member = 0; member < before.length; member++) {
                    before[member] = state.availability(member);
                }
                beforeStale.put(zone, before);
            }
        }
        List<Runnable> reports = new ArrayList<>();
        for (String zone : table.slotZones()) {
            StateTable.Zone state = table.zone(zone);
            for (int member = 0; member < state.size(); member++) {
                if (state.has(member)) {
                    state.setAvailability(member, stale);
                    int m = member;
                    reports.add(() -> listener.availabilityChanged(m, zone, stale));
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
        for (String zone : table.slotZones()) {
            StateTable.Zone state = table.zone(zone);
            ValueAvailability[] before = beforeStale.get(zone);
            for (int member = 0; member < state.size(); member++) {
                ValueAvailability now = state.availability(member);
                if (state.has(member) && now != null && now.state() == ValueAvailability.State.STALE) {
                    ValueAvailability back = before == null || before[member] == null ? ValueAvailability.AVAILABLE : before[member];
                    state.setAvailability(member, back);
                    listener.availabilityChanged(member, zone, back);
                }
            }
        }
        beforeStale = null;
    }

    /**
     * Applies one update the server sent (its payload decoded with {@code payloads}) and tells
     * {@code listener}, when given, what differs; {@code member} is in this process's numbering,
     * -1 for none.
     *
     * @return {@code null} when applied (or nothing differed), else why the update was dropped
     */
    String apply(FeatureCodec payloads, BackendListener listener, UpdateKind kind, int member, String zone, DirectBuffer payload, int offset,
                 int length) {
        StateMirror target = this;
        try {
            switch (kind) {
                case ZONES: {
                    List<String> zones = FeatureCodec.zones(payload, offset, length);
                    target.zonesChanged(zones);
                    if (listener != null) {
                        listener.zonesChanged(target.zoneNames());
                    }
                    return null;
                }
                case VALUE: {
                    if (member < 0) {
                        return "value without a member";
                    }
                    Object value = payloads.value(member, payload, offset, length);
                    if (target.valueChanged(member, zone, value) && listener != null) {
                        listener.valueChanged(member, zone, value);
                    }
                    return null;
                }
                case AVAILABILITY: {
                    if (member < 0) {
                        return "availability without a member";
                    }
                    ValueAvailability availability = FeatureCodec.availability(payload, offset, length);
                    if (target.availabilityChanged(member, zone, availability) && listener != null) {
                        listener.availabilityChanged(member, zone, availability);
                    }
                    return null;
                }
                case ATTRIBUTE: {
                    if (member < 0) {
                        return "attribute without a member";
                    }
                    Attribute<?> attribute = payloads.attribute(member, payload, offset, length);
                    if (target.attributeChanged(member, zone, attribute) && listener != null) {
                        listener.attributeChanged(member, zone, attribute);
                    }
                    return null;
                }
                case SIGNAL: {
                    if (member < 0) {
                        return "signal without a member";
                    }
                    Object value = payloads.value(member, payload, offset, length);
                    if (listener != null) {
                        listener.signalled(member, zone, value);
                    }
                    return null;
                }
                case ERROR: {
                    FeatureError error = FeatureCodec.error(payload, offset, length);
                    if (target.errorChanged(error) && listener != null) {
                        listener.errorChanged(error);
                    }
                    return null;
                }
                case SKIPPED:
                    return null; // a change of the server's log that is not the feature's state: only the sequence moves on
                default:
                    return "unknown update kind " + kind;
            }
        } catch (CodecException e) {
            return "cannot read the " + kind + " of " + (member < 0 ? payloads.model().id() : payloads.model().member(member).name()) + ": " + e.getMessage();
        } catch (ClassCastException | IllegalArgumentException e) {
            return "cannot use the " + kind + " of " + (member < 0 ? payloads.model().id() : payloads.model().member(member).name()) + ": " + e.getMessage();
        }
    }
}
