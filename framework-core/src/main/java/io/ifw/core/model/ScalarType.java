package io.ifw.core.model;

import java.util.Locale;

/** A scalar value type: boolean, int, long, double, string, or void (no value). */
public enum ScalarType implements ValueType {
    BOOLEAN(Boolean.class, "bool"),
    INT(Integer.class, "int"),
    LONG(Long.class, "long"),
    DOUBLE(Double.class, "double"),
    STRING(String.class, "string"),
    /** No value: an operation or signal without result or payload. */
    VOID(Void.class, "void");

    private final Class<?> javaType;
    private final String signature;

    ScalarType(Class<?> javaType, String signature) {
        this.javaType = javaType;
        this.signature = signature;
    }

    @Override
    public Class<?> javaType() {
        return javaType;
    }

    @Override
    public String signature() {
        return signature;
    }

    @Override
    public boolean accepts(Object value) {
        if (this == DOUBLE) {
            // NaN and the infinities are no temperature, level or position: refused like a wrong type
            return value instanceof Double d && Double.isFinite(d);
        }
        return this == VOID ? value == null : javaType.isInstance(value);
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        return other == this;
    }

    /** Whether values are numbers (ranges apply). */
    public boolean isNumeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }

    @Override
    public Object parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        try {
            switch (this) {
                case BOOLEAN:
                    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                        return Boolean.valueOf(trimmed.toLowerCase(Locale.ROOT));
                    }
                    throw new IllegalArgumentException("'" + text + "' is not a bool (true or false)");
                case INT:
                    return Integer.valueOf(trimmed);
                case LONG:
                    return Long.valueOf(trimmed);
                case DOUBLE:
                    Double parsed = Double.valueOf(trimmed);
                    if (!Double.isFinite(parsed)) {
                        throw new IllegalArgumentException("'" + text + "' is not a finite " + signature);
                    }
                    return parsed;
                case STRING:
                    return text;
                default:
                    throw new IllegalArgumentException("a void type has no values");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + (this == INT ? "an " : "a ") + signature, e);
        }
    }

    /**
     * Converts a number of another Java type to this type when no precision is lost (an
     * {@code Integer} for a double property, a whole {@code Double} for an int property).
     *
     * @return the converted value, or {@code value} itself when it needs no or allows no conversion
     */
    public Object coerce(Object value) {
        if (!(value instanceof Number number) || javaType.isInstance(value)) {
            return value;
        }
        switch (this) {
            case DOUBLE:
                return number.doubleValue();
            case LONG:
                return number.doubleValue() == number.longValue() ? number.longValue() : value;
            case INT:
                long whole = number.longValue();
                return number.doubleValue() == whole && whole == (int) whole ? (int) whole : value;
            default:
                return value;
        }
    }
}
