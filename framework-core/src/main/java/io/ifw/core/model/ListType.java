package io.ifw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A list of values of one type.
 *
 * @param element the type of the elements
 */
public record ListType(ValueType element) implements ValueType {

    public ListType {
        Objects.requireNonNull(element, "element");
    }

    @Override
    public Class<?> javaType() {
        return List.class;
    }

    @Override
    public String signature() {
        return "list<" + element.signature() + ">";
    }

    @Override
    public boolean accepts(Object value) {
        return value instanceof List<?> list && element.acceptsAll(list);
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        return other instanceof ListType l && element.compatibleWith(l.element);
    }

    @Override
    public Object parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (trimmed.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(trimmed.split(",")).map(element::parse).toList();
    }

    @Override
    public List<ValueType> children() {
        return List.of(element);
    }
}
