package io.ifw.core.model;

import io.ifw.core.Attribute;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * A property: a value per zone, read-only or writable, with attributes from its annotations.
 *
 * @param name              the member name
 * @param index             the member slot
 * @param method            the declaring method
 * @param type              the value type
 * @param readOnly          declared as {@code ReadOnlyProperty}
 * @param attribute         range and domain from {@code @Range} / {@code @Domain}
 * @param defaultValue      the {@code @Default} value, or {@code null}
 * @param unsupportedZones  the zones {@code @Unsupported} names
 * @param unsupportedEverywhere {@code @Unsupported} without zones
 */
public record PropertyMember(String name, int index, Method method, ValueType type, boolean readOnly,
                             Attribute<?> attribute, Object defaultValue, Set<String> unsupportedZones,
                             boolean unsupportedEverywhere) implements Member {

    public PropertyMember {
        unsupportedZones = Set.copyOf(unsupportedZones);
    }

    /** The attribute this property starts with in {@code zone} (empty for the zone-less view). */
    @SuppressWarnings("unchecked")
    public <T> Attribute<T> initialAttribute(String zone) {
        Attribute<T> base = (Attribute<T>) attribute;
        return unsupportedEverywhere || unsupportedZones.contains(zone) ? base.withSupported(false) : base;
    }

    @Override
    public String signature() {
        return "property " + name + ":" + type.signature() + (readOnly ? " readonly" : "");
    }
}
