package io.ifw.backend.simulator;

import io.ifw.core.model.EnumType;
import io.ifw.core.model.ListType;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SetType;
import io.ifw.core.model.ValueType;
import java.util.List;

/** The value a type has when nothing says otherwise: false, 0, "", the first constant, empty collections, records of defaults. */
final class TypeDefaults {

    private TypeDefaults() {
    }

    static Object of(ValueType type) {
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
            return enumType.javaType().getEnumConstants()[0];
        }
        if (type instanceof SetType set) {
            return set.parse("");
        }
        if (type instanceof ListType) {
            return List.of();
        }
        if (type instanceof RecordType record) {
            return record.create(record.fields().stream().map(field -> of(field.type())).toArray());
        }
        return null;
    }
}
