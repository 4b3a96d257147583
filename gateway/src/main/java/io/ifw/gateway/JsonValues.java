package io.ifw.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.EnumType;
import io.ifw.core.model.ListType;
import io.ifw.core.model.PagingModelType;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SetType;
import io.ifw.core.model.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

/**
 * The feature model's natural JSON: bool, int, long and double as JSON booleans and numbers,
 * strings as strings, enum constants by name, records as objects with their field names, lists as
 * arrays, sets of enums as arrays of names, {@code void} as {@code null}. Reading is strict: a value
 * of another JSON type, an unknown enum name, a record field that is missing or unknown, or a
 * number out of the type's range is refused with INVALID_ARGUMENT naming where and what was expected.
 */
final class JsonValues {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** A value of {@code type} as JSON; {@code null} as JSON null. */
    static JsonNode toJson(ValueType type, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (type instanceof ScalarType scalar) {
            return switch (scalar) {
                case BOOLEAN -> JSON.booleanNode((Boolean) value);
                case INT -> JSON.numberNode((Integer) value);
                case LONG -> JSON.numberNode((Long) value);
                case DOUBLE -> JSON.numberNode((Double) value);
                case STRING -> JSON.textNode((String) value);
                case VOID -> JSON.nullNode();
            };
        }
        if (type instanceof EnumType) {
            return JSON.textNode(((Enum<?>) value).name());
        }
        if (type instanceof RecordType record) {
            ObjectNode object = JSON.objectNode();
            Object[] values = record.values(value);
            for (int i = 0; i < values.length; i++) {
                RecordType.Field field = record.fields().get(i);
                object.set(field.name(), toJson(field.type(), values[i]));
            }
            return object;
        }
        if (type instanceof ListType list) {
            ArrayNode array = JSON.arrayNode();
            for (Object element : (Collection<?>) value) {
                array.add(toJson(list.element(), element));
            }
            return array;
        }
        if (type instanceof SetType set) {
            ArrayNode array = JSON.arrayNode();
            List<String> names = new ArrayList<>();
            for (Object element : (Collection<?>) value) {
                names.add(((Enum<?>) element).name());
            }
            // in the enum's declaration order, so the same set is always the same JSON
            set.element().constants().stream().filter(names::contains).forEach(array::add);
            return array;
        }
        return JSON.textNode(String.valueOf(value));
    }

    /** Any value the runtime holds, by its Java type (for values whose model type is not at hand). */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Enum<?> e) {
            return JSON.textNode(e.name());
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = JSON.arrayNode();
            c.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Record) {
            ObjectNode object = JSON.objectNode();
            for (var component : value.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    object.set(component.getName(), toJson(component.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    object.put(component.getName(), "unreadable: " + e);
                }
            }
            return object;
        }
        return JSON.textNode(String.valueOf(value));
    }

    /**
     * A JSON value as a value of {@code type}.
     *
     * @param where what the value is for, named in the error ("ClimateControl.targetTemperature")
     * @throws FeatureException INVALID_ARGUMENT naming {@code where}, what was expected and what came
     */
    static Object fromJson(ValueType type, JsonNode json, String where) {
        if (json == null || json.isMissingNode()) {
            throw invalid(where, "a value is missing (expected " + expected(type) + ")");
        }
        if (type instanceof ScalarType scalar) {
            return scalar(scalar, json, where);
        }
        if (json.isNull()) {
            throw invalid(where, "null is not " + expected(type));
        }
        if (type instanceof EnumType enumType) {
            if (!json.isTextual()) {
                throw invalid(where, json + " is not " + expected(type));
            }
            return enumConstant(enumType, json.textValue(), where);
        }
        if (type instanceof RecordType record) {
            if (!json.isObject()) {
                throw invalid(where, abbreviate(json) + " is not " + expected(type));
            }
            Object[] values = new Object[record.fields().size()];
            for (int i = 0; i < values.length; i++) {
                RecordType.Field field = record.fields().get(i);
                JsonNode fieldJson = json.get(field.name());
                if (fieldJson == null) {
                    throw invalid(where, "field '" + field.name() + "' is missing (fields: " + fieldNames(record) + ")");
                }
                values[i] = fromJson(field.type(), fieldJson, where + "." + field.name());
            }
            for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (record.field(name) == null) {
                    throw invalid(where, "unknown field '" + name + "' (fields: " + fieldNames(record) + ")");
                }
            }
            return record.create(values);
        }
        if (type instanceof ListType list) {
            if (!json.isArray()) {
                throw invalid(where, abbreviate(json) + " is not " + expected(type));
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                values.add(fromJson(list.element(), json.get(i), where + "[" + i + "]"));
            }
            return List.copyOf(values);
        }
        if (type instanceof SetType set) {
            if (!json.isArray()) {
                throw invalid(where, abbreviate(json) + " is not " + expected(type));
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            EnumSet values = EnumSet.noneOf((Class) set.element().javaType());
            for (int i = 0; i < json.size(); i++) {
                JsonNode element = json.get(i);
                if (!element.isTextual()) {
                    throw invalid(where + "[" + i + "]", element + " is not " + expected(set.element()));
                }
                values.add(enumConstant(set.element(), element.textValue(), where + "[" + i + "]"));
            }
            return values;
        }
        if (type instanceof PagingModelType) {
            throw invalid(where, "a paging model has no value; open it with openModel");
        }
        throw invalid(where, "values of type " + type.signature() + " cannot be written");
    }

    private static Object scalar(ScalarType type, JsonNode json, String where) {
        switch (type) {
            case BOOLEAN:
                if (json.isBoolean()) {
                    return json.booleanValue();
                }
                break;
            case INT:
                if (json.isIntegralNumber() && json.canConvertToInt()) {
                    return json.intValue();
                }
                if (json.isNumber() && json.asDouble() == Math.rint(json.asDouble()) && json.canConvertToInt()) {
                    return json.intValue(); // 3.0 from a JavaScript client is 3
                }
                break;
            case LONG:
                if (json.isNumber() && json.canConvertToLong() && json.asDouble() == Math.rint(json.asDouble())) {
                    return json.longValue();
                }
                break;
            case DOUBLE:
                if (json.isNumber() && Double.isFinite(json.doubleValue())) {
                    return json.doubleValue();
                }
                break;
            case STRING:
                if (json.isTextual()) {
                    return json.textValue();
                }
                break;
            case VOID:
                if (json.isNull()) {
                    return null;
                }
                break;
            default:
                break;
        }
        throw invalid(where, abbreviate(json) + " is not " + expected(type));
    }

    private static Object enumConstant(EnumType type, String name, String where) {
        for (Object constant : type.javaType().getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw invalid(where, "'" + name + "' is not a constant of " + type.javaType().getSimpleName() + " " + type.constants());
    }

    /** What a value of {@code type} looks like in JSON, for error texts and descriptions. */
    static String expected(ValueType type) {
        if (type instanceof ScalarType scalar) {
            return switch (scalar) {
                case BOOLEAN -> "a bool (true or false)";
                case INT -> "an int (a whole number)";
                case LONG -> "a long (a whole number)";
                case DOUBLE -> "a double (a finite number)";
                case STRING -> "a string";
                case VOID -> "null";
            };
        }
        if (type instanceof EnumType e) {
            return "one of " + e.constants();
        }
        if (type instanceof RecordType r) {
            return "an object " + r.javaType().getSimpleName() + " {" + fieldNames(r) + "}";
        }
        if (type instanceof ListType l) {
            return "an array of " + expected(l.element());
        }
        if (type instanceof SetType s) {
            return "an array of names from " + s.element().constants();
        }
        return type.signature();
    }

    /** The JSON description of a type: {@code {"type":"double"}}, {@code {"type":"enum","values":[…]}}, … */
    static JsonNode describe(ValueType type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof ScalarType scalar) {
            node.put("type", scalar.signature());
        } else if (type instanceof EnumType e) {
            node.put("type", "enum");
            node.put("name", e.javaType().getSimpleName());
            ArrayNode values = node.putArray("values");
            e.constants().forEach(values::add);
        } else if (type instanceof RecordType r) {
            node.put("type", "record");
            node.put("name", r.javaType().getSimpleName());
            ObjectNode fields = node.putObject("fields");
            for (RecordType.Field field : r.fields()) {
                fields.set(field.name(), describe(field.type()));
            }
        } else if (type instanceof ListType l) {
            node.put("type", "list");
            node.set("element", describe(l.element()));
        } else if (type instanceof SetType s) {
            node.put("type", "set");
            node.set("element", describe(s.element()));
        } else if (type instanceof PagingModelType p) {
            node.put("type", "model");
            node.set("item", describe(p.item()));
        } else {
            node.put("type", type.signature());
        }
        return node;
    }

    /** A property's constraint: its text as Qt writes it, support, range and domain. */
    static ObjectNode attribute(ValueType type, Attribute<?> attribute) {
        ObjectNode node = JSON.objectNode();
        node.put("constraint", attribute.constraintText());
        node.put("supported", attribute.isSupported());
        if (attribute.minimum() != null) {
            node.put("minimum", attribute.minimum());
        }
        if (attribute.maximum() != null) {
            node.put("maximum", attribute.maximum());
        }
        if (!attribute.domain().isEmpty()) {
            ArrayNode domain = node.putArray("domain");
            attribute.domain().forEach(value -> domain.add(toJson(type, value)));
        }
        return node;
    }

    private static String fieldNames(RecordType record) {
        return String.join(", ", record.fields().stream().map(RecordType.Field::name).toList());
    }

    private static String abbreviate(JsonNode json) {
        return abbreviate(json.toString());
    }

    /** A text cut to 60 characters for an error message. */
    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static FeatureException invalid(String where, String what) {
        return new FeatureException(ErrorCode.INVALID_ARGUMENT, where + ": " + what);
    }
}
