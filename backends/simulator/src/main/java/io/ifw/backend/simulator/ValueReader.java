package io.ifw.backend.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifw.core.model.EnumType;
import io.ifw.core.model.ListType;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SetType;
import io.ifw.core.model.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON values of Qt's simulation data into the Java values of a feature's types: numbers,
 * booleans and strings as they are; enums as {@code {"type":"enum","value":"Class::Key"}} or
 * {@code "Key"}; flags as {@code "A|B"}; structs as {@code {"type":"Name","value":[...]}} by
 * position or {@code {"type":"Name","value":{"field":...}}} by field name; lists as arrays.
 */
final class ValueReader {

    private final String file;

    ValueReader(String file) {
        this.file = file;
    }

    Object read(JsonNode node, ValueType type, String path) throws SimulationDataException {
        if (type instanceof ScalarType scalar) {
            return scalar(node, scalar, path);
        }
        if (type instanceof EnumType enumType) {
            return constant(typedValue(node, path), enumType, path);
        }
        if (type instanceof SetType set) {
            JsonNode value = typedValue(node, path);
            String text = value.isTextual() ? value.asText() : null;
            if (text == null) {
                throw problem(path, "flags of " + set.element().javaType().getSimpleName() + " are written \"A|B\", not " + value);
            }
            try {
                return set.parse(text);
            } catch (IllegalArgumentException e) {
                throw problem(path, "unknown flag: " + e.getMessage());
            }
        }
        if (type instanceof RecordType record) {
            return record(node, record, path);
        }
        if (type instanceof ListType list) {
            if (!node.isArray()) {
                throw problem(path, "a list is a JSON array, not " + node.getNodeType().name().toLowerCase());
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(read(node.get(i), list.element(), path + "[" + i + "]"));
            }
            return List.copyOf(values);
        }
        throw problem(path, type.displayName() + " cannot be given in simulation data");
    }

    private Object scalar(JsonNode node, ScalarType type, String path) throws SimulationDataException {
        switch (type) {
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.asBoolean();
                }
                break;
            case INT:
                if (node.isNumber() && node.asDouble() == node.asInt()) {
                    return node.asInt();
                }
                break;
            case LONG:
                if (node.isNumber() && node.asDouble() == node.asLong()) {
                    return node.asLong();
                }
                break;
            case DOUBLE:
                if (node.isNumber()) {
                    return node.asDouble();
                }
                break;
            case STRING:
                if (node.isTextual()) {
                    return node.asText();
                }
                break;
            default:
                break;
        }
        throw problem(path, "expected " + type.signature() + ", found " + node);
    }

    private Object constant(JsonNode node, EnumType type, String path) throws SimulationDataException {
        if (!node.isTextual()) {
            throw problem(path, "an enum value is \"Class::Key\" or {\"type\":\"enum\",\"value\":\"Class::Key\"}, not " + node);
        }
        try {
            return type.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw problem(path, "unknown constant: " + e.getMessage());
        }
    }

    private Object record(JsonNode node, RecordType type, String path) throws SimulationDataException {
        JsonNode value = node.has("type") ? node.get("value") : node;
        if (node.has("type") && !node.get("type").asText().equals(type.javaType().getSimpleName())) {
            throw problem(path, "expected a " + type.javaType().getSimpleName() + ", found type \"" + node.get("type").asText() + "\"");
        }
        if (value == null) {
            throw problem(path, "a struct value has a \"value\"");
        }
        if (value.isArray() && value.size() != type.fields().size()) {
            throw problem(path, "a " + type.javaType().getSimpleName() + " has " + type.fields().size() + " fields, not " + value.size());
        }
        Object[] fields = new Object[type.fields().size()];
        for (int i = 0; i < fields.length; i++) {
            RecordType.Field field = type.fields().get(i);
            JsonNode fieldNode = value.isArray() ? value.get(i) : value.get(field.name());
            if (fieldNode == null) {
                throw problem(path, "the " + type.javaType().getSimpleName() + " has no value for its field '" + field.name() + "'");
            }
            fields[i] = read(fieldNode, field.type(), path + "." + field.name());
        }
        return type.create(fields);
    }

    /** The value of {"type":"enum","value":...}, or the node itself. */
    private JsonNode typedValue(JsonNode node, String path) throws SimulationDataException {
        if (node.isObject()) {
            JsonNode value = node.get("value");
            if (value == null) {
                throw problem(path, "a typed value has a \"value\"");
            }
            return value;
        }
        return node;
    }

    private SimulationDataException problem(String path, String problem) {
        return new SimulationDataException(file, path, problem);
    }
}
