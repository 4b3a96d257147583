package io.ifw.core.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A struct value type: a Java record whose components are value types. Peers match fields by name.
 *
 * @param javaType the record class
 * @param fields   the components in declaration order
 */
public record RecordType(Class<?> javaType, List<Field> fields) implements ValueType {

    /**
     * One component of a record.
     *
     * @param name     the component name
     * @param type     its value type
     * @param accessor the record's accessor method
     */
    public record Field(String name, ValueType type, Method accessor) {
    }

    public RecordType {
        Objects.requireNonNull(javaType, "javaType");
        fields = List.copyOf(fields);
    }

    @Override
    public String signature() {
        return javaType.getSimpleName() + fields.stream().map(f -> f.name() + ":" + f.type().signature())
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public boolean accepts(Object value) {
        return javaType.isInstance(value);
    }

    @Override
    public boolean compatibleWith(ValueType other) {
        if (!(other instanceof RecordType r)) {
            return false;
        }
        for (Field field : fields) {
            Field peer = r.field(field.name());
            if (peer != null && !field.type().compatibleWith(peer.type())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object parse(String text) {
        throw new IllegalArgumentException("a record " + javaType.getSimpleName() + " cannot be written as text");
    }

    @Override
    public List<ValueType> children() {
        return fields.stream().map(Field::type).toList();
    }

    /** The field named {@code name}, or {@code null}. */
    public Field field(String name) {
        for (Field field : fields) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** The values of a record's components, in field order. */
    public Object[] values(Object record) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = fields.get(i).accessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + javaType.getSimpleName() + "." + fields.get(i).name(), e);
            }
        }
        return values;
    }

    /** A new record from component values in field order. */
    public Object create(Object... values) {
        Class<?>[] types = fields.stream().map(f -> f.accessor().getReturnType()).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = javaType.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot create " + javaType.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + javaType.getSimpleName(), e);
        }
    }
}
