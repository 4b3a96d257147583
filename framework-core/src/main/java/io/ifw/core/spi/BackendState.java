package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PropertyMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values, attributes and availability a backend holds, per zone and property slot. Not
 * thread-safe: {@link AbstractBackend} guards it with its lock.
 */
final class BackendState {

    /** One zone's slots, indexed by member index. */
    static final class ZoneSlots {
        final Object[] values;
        final boolean[] present;
        final Attribute<?>[] attributes;
        final ValueAvailability[] availability;

        ZoneSlots(FeatureModel model, String zone) {
            int size = model.members().size();
            values = new Object[size];
            present = new boolean[size];
            attributes = new Attribute<?>[size];
            availability = new ValueAvailability[size];
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                attributes[slot] = property.initialAttribute(zone);
                availability[slot] = ValueAvailability.AVAILABLE;
                if (property.defaultValue() != null) {
                    values[slot] = property.defaultValue();
                    present[slot] = true;
                }
            }
        }
    }

    private final FeatureModel model;
    private final Map<String, ZoneSlots> zones = new LinkedHashMap<>();
    private List<String> zoneNames;

    BackendState(FeatureModel model) {
        this.model = model;
        this.zoneNames = model.defaultZones();
        zones.put("", new ZoneSlots(model, ""));
        for (String zone : zoneNames) {
            zones.put(zone, new ZoneSlots(model, zone));
        }
    }

    List<String> zoneNames() {
        return zoneNames;
    }

    /** Replaces the zones; slots of kept zones stay, new zones start from the model's defaults. */
    void setZoneNames(List<String> names) {
        zoneNames = List.copyOf(names);
        zones.keySet().removeIf(zone -> !zone.isEmpty() && !zoneNames.contains(zone));
        for (String zone : zoneNames) {
            zones.computeIfAbsent(zone, z -> new ZoneSlots(model, z));
        }
    }

    boolean hasZone(String zone) {
        return zones.containsKey(zone);
    }

    /** All zones with slots, the zone-less one ({@code ""}) first. */
    List<String> slotZones() {
        return new ArrayList<>(zones.keySet());
    }

    ZoneSlots slots(String zone) {
        ZoneSlots slots = zones.get(zone);
        if (slots == null) {
            throw new IllegalArgumentException("unknown zone '" + zone + "' for " + model.id() + " (zones: " + zoneNames + ")");
        }
        return slots;
    }

    static boolean isProperty(Member member) {
        return member instanceof PropertyMember;
    }
}
