package io.ifw.core.internal;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ValueType;

/**
 * The one wording of a write refused by a property's attribute, whether the front end refused it
 * before it left the process or the backend did: the same text for the same violation everywhere.
 */
public final class WriteRefusals {

    private WriteRefusals() {
    }

    /**
     * @param featureId the feature's id
     * @param zone      the zone, empty for none
     * @param violation what {@link io.ifw.core.Attribute#check} said
     */
    public static String message(PropertyMember property, String featureId, String zone, Object value, FeatureError violation) {
        String where = zone.isEmpty() ? "" : " in zone " + zone;
        if (violation.code() == ErrorCode.UNSUPPORTED) {
            return property.name() + " of " + featureId + " is unsupported" + where;
        }
        return property.name() + " of " + featureId + where + " does not accept " + ValueType.describe(value) + ": the constraint is "
                + violation.message();
    }
}
