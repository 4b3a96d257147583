package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;

/**
 * What a front end shows for one zone: values, availability and attributes by member slot.
 * Guarded by the front end's lock.
 */
final class ZoneState {

    final Object[] values;
    final boolean[] present;
    final ValueAvailability[] availability;
    final Attribute<?>[] attributes;

    ZoneState(FeatureModel model, String zone) {
        int size = model.members().size();
        values = new Object[size];
        present = new boolean[size];
        availability = new ValueAvailability[size];
        attributes = new Attribute<?>[size];
        for (PropertyMember property : model.properties()) {
            int slot = property.index();
            attributes[slot] = property.initialAttribute(zone);
            if (property.defaultValue() != null) {
                values[slot] = property.defaultValue();
                present[slot] = true;
                availability[slot] = ValueAvailability.stale("the interface default; no backend has reported a value");
            } else {
                availability[slot] = ValueAvailability.notAvailable("no backend has reported a value");
            }
        }
    }
}
