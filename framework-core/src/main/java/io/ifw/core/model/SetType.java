package io.ifw.core.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set of enum constants (Qt's flags), e.g. the airflow directions of a climate zone.
 *
 * @param element the enum type of the elements
 */
public record SetType(EnumType element) implements ValueType {

    public SetType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public Class<?> javaType() {
        return Set.class;
    }

    @Override
    public String signature() {
        return "set<" + element.signature() + ">";
    }

    @Override
    public boolean accepts(Object value) {
        return value instanceof Set<?> set && element.acceptsAll(set);
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        return other instanceof SetType s && element.compatibleWith(s.element);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        EnumSet set = EnumSet.noneOf((Class) element.javaType());
        if (!trimmed.isBlank()) {
            for (String name : trimmed.split("[,|]")) {
                set.add(element.parse(name));
            }
        }
        return set;
    }

    @Override
    public List<ValueType> children() {
        return List.of(element);
    }
}
