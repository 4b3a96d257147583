package io.ifw.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An enum value type; values are the constants of a Java enum. Peers match constants by name.
 *
 * @param javaType  the enum class
 * @param constants the constant names in declaration order
 */
public record EnumType(Class<?> javaType, List<String> constants) implements ValueType {

    public EnumType {
        Objects.requireNonNull(javaType, "javaType");
        constants = List.copyOf(constants);
    }

    /** The enum type of a Java enum class. */
    public static EnumType of(Class<?> enumClass) {
        List<String> names = new ArrayList<>();
        for (Object constant : enumClass.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return new EnumType(enumClass, names);
    }

    @Override
    public String signature() {
        return "enum " + javaType.getSimpleName() + "{" + String.join(",", constants) + "}";
    }

    @Override
    public boolean accepts(Object value) {
        return javaType.isInstance(value);
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        return other instanceof EnumType e && e.javaType.getSimpleName().equals(javaType.getSimpleName());
    }

    @Override
    public Object parse(String text) {
        String name = text == null ? "" : text.trim();
        int scope = name.lastIndexOf("::");
        if (scope >= 0) {
            name = name.substring(scope + 2); // Qt writes Class::Key
        }
        for (Object constant : javaType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a constant of " + javaType.getSimpleName() + " " + constants);
    }

    /** The constant named {@code name}. */
    public Object constant(String name) {
        return parse(name);
    }
}
