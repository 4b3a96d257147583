package io.ifw.core.model;

import java.util.Collection;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The type of a value a feature carries: a scalar, an enum, a record of values, a list, a set of
 * enum constants, or a paging model of records.
 */
@ProviderType
public sealed interface ValueType permits ScalarType, EnumType, RecordType, ListType, SetType, PagingModelType {

    /** The Java type of values (boxed for primitives). */
    Class<?> javaType();

    /**
     * The canonical text of the type, used in fingerprints and messages: {@code double},
     * {@code enum Mode{Off,On}}, {@code Preset{name:string,temperature:double}}, {@code list<int>}.
     */
    String signature();

    /** Whether {@code value} is a value of this type ({@code null} is not, except for VOID). */
    boolean accepts(Object value);

    /**
     * Whether values of this type can be exchanged with a peer whose type is {@code other}: the
     * same kind, with records and enums matched member by member by name.
     */
    boolean compatibleWith(ValueType other);

    /**
     * Reads a value of this type from text (shell input, {@code @Default}, {@code @Domain}).
     *
     * @throws IllegalArgumentException naming the text and the type when it cannot be read
     */
    Object parse(String text);

    /** Whether every element of {@code values} is accepted ({@code null} elements are not). */
    default boolean acceptsAll(Collection<?> values) {
        for (Object value : values) {
            if (value == null || !accepts(value)) {
                return false;
            }
        }
        return true;
    }

    /** A short name for messages: the signature without record and enum bodies, e.g. {@code set<enum Direction>}. */
    default String displayName() {
        StringBuilder name = new StringBuilder();
        int depth = 0;
        for (char c : signature().toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                name.append(c);
            }
        }
        return name.toString();
    }

    /**
     * A value as messages show it: its kind and its text, e.g. {@code String "hot"},
     * {@code Double 35.0}, {@code Set [FLOOR]}; long texts are cut.
     */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof java.util.Set ? "Set" : value instanceof java.util.List ? "List"
                : value instanceof java.util.Map ? "Map" : value.getClass().getSimpleName();
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return kind + " " + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }

    /** Types with no nested types have none; containers list theirs. */
    default List<ValueType> children() {
        return List.of();
    }

    /**
     * The value a type has when nothing says otherwise: false, 0, "", the first enum constant,
     * empty collections, a record of its fields' defaults; {@code null} for void and models.
     */
    static Object defaultOf(ValueType type) {
        if (type instanceof ScalarType scalar) {
            switch (scalar) {
                case BOOLEAN:
                    return false;
                case INT:
                    return 0;
                case LONG:
                    return 0L;
                case DOUBLE:
                    return 0.0;
                case STRING:
                    return "";
                default:
                    return null;
            }
        }
        if (type instanceof EnumType enumType) {
            Object[] constants = enumType.javaType().getEnumConstants();
            return constants.length == 0 ? null : constants[0];
        }
        if (type instanceof SetType set) {
            return set.parse("");
        }
        if (type instanceof ListType) {
            return java.util.List.of();
        }
        if (type instanceof RecordType record) {
            return record.create(record.fields().stream().map(field -> defaultOf(field.type())).toArray());
        }
        return null;
    }
}
