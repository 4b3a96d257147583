package io.ifw.qface;

import io.ifw.core.Attribute;
import io.ifw.core.model.EnumType;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ListType;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PagingModelType;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SetType;
import io.ifw.core.model.SignalMember;
import io.ifw.core.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes an IFW feature interface as a QFace document and its annotation file, so that a Qt
 * project can run its own generator on IFW's definition. What QFace cannot say exactly (a 64-bit
 * {@code long}, a set of an enum that is also used alone) is written as the nearest QFace type plus
 * an {@code @ifw: {type: ...}} tag, which the importer reads back: importing an export gives an
 * interface with the same feature model fingerprint.
 */
public final class QFaceExporter {

    /** The two files of an export: {@code Name.qface} and {@code Name.yaml}. */
    public record Export(String baseName, String qface, String yaml) {
    }

    private final FeatureModel model;
    private final Map<String, Class<?>> typesByName = new LinkedHashMap<>();
    private final Map<Class<?>, Object> types = new LinkedHashMap<>();
    private final Set<Class<?>> enumsUsedAlone = new LinkedHashSet<>();
    private final Set<Class<?>> enumsUsedAsSet = new LinkedHashSet<>();
    private final Map<String, Object> annotations = new LinkedHashMap<>();

    private QFaceExporter(FeatureModel model) {
        this.model = model;
    }

    /**
     * Exports one feature interface.
     *
     * @throws IllegalArgumentException when the interface is no valid feature, or two of its types
     *     have the same simple name (QFace names types by simple name within a module)
     */
    public static Export export(Class<?> featureInterface) {
        return new QFaceExporter(FeatureModel.of(featureInterface)).write();
    }

    private Export write() {
        Class<?> type = model.featureInterface();
        String module = type.getPackageName();
        String name = type.getSimpleName();
        for (Member member : model.members()) {
            if (member instanceof PropertyMember p) {
                collect(p.type());
            } else if (member instanceof OperationMember o) {
                o.parameters().forEach(parameter -> collect(parameter.type()));
                collect(o.result());
            } else if (member instanceof SignalMember s) {
                collect(s.payload());
            } else if (member instanceof ModelMember m) {
                collect(m.type().item());
            }
        }
        String version = model.version().matches("[0-9]+\\.[0-9]+") ? model.version() : "1.0";
        StringBuilder out = new StringBuilder();
        out.append("// Exported by IFW from feature ").append(model.id()).append(" (").append(type.getName())
                .append("), feature model fingerprint ").append(model.fingerprint()).append(".\n");
        out.append("// 'bin/ifw qface import' reads it back into the same feature model.\n");
        out.append("module ").append(module).append(' ').append(version).append("\n\n");
        out.append("@config: { id: ").append(quote(model.id())).append(model.isZoned() ? ", zoned: true" : "").append(" }\n");
        out.append("interface ").append(name).append(" {\n");
        String prefix = module + "." + name;
        if (!model.defaultZones().isEmpty()) {
            annotations.put(prefix, Map.of("config_simulator", Map.of("zones", model.defaultZones())));
        }
        for (Member member : model.members()) {
            if (member instanceof PropertyMember p) {
                property(out, p, prefix);
            } else if (member instanceof ModelMember m) {
                out.append("    model<").append(typeName(m.type().item().javaType())).append("> ").append(m.name()).append(";\n");
            } else if (member instanceof OperationMember o) {
                operation(out, o);
            } else if (member instanceof SignalMember s) {
                signal(out, s);
            }
        }
        out.append("}\n");
        for (Map.Entry<Class<?>, Object> entry : types.entrySet()) {
            out.append('\n');
            if (entry.getValue() instanceof EnumType e) {
                boolean flag = enumsUsedAsSet.contains(entry.getKey()) && !enumsUsedAlone.contains(entry.getKey());
                out.append(flag ? "flag " : "enum ").append(entry.getKey().getSimpleName()).append(" {\n");
                for (int i = 0; i < e.constants().size(); i++) {
                    out.append("    ").append(e.constants().get(i)).append(" = ").append(flag ? 1L << i : i)
                            .append(i + 1 < e.constants().size() ? ",\n" : "\n");
                }
                out.append("}\n");
            } else {
                RecordType record = (RecordType) entry.getValue();
                out.append("struct ").append(entry.getKey().getSimpleName()).append(" {\n");
                for (RecordType.Field field : record.fields()) {
                    String written = qface(field.type());
                    String exact = exact(field.type());
                    if (!written.equals(exact)) {
                        out.append("    @ifw: { type: ").append(quote(exact)).append(" }\n");
                    }
                    out.append("    ").append(written).append(' ').append(field.name()).append(";\n");
                }
                out.append("}\n");
            }
        }
        return new Export(name, out.toString(), yaml());
    }

    private void property(StringBuilder out, PropertyMember p, String prefix) {
        String written = qface(p.type());
        String exact = exact(p.type());
        if (!written.equals(exact)) {
            out.append("    @ifw: { type: ").append(quote(exact)).append(" }\n");
        }
        out.append("    ").append(p.readOnly() ? "readonly " : "").append(written).append(' ').append(p.name()).append(";\n");
        Map<String, Object> simulator = new LinkedHashMap<>();
        if (p.defaultValue() != null) {
            simulator.put("default", yamlValue(p.defaultValue()));
        }
        Attribute<?> attribute = p.attribute();
        if (attribute.minimum() != null && attribute.maximum() != null) {
            simulator.put("range", List.of(yamlNumber(attribute.minimum()), yamlNumber(attribute.maximum())));
        } else if (attribute.minimum() != null) {
            simulator.put("minimum", yamlNumber(attribute.minimum()));
        } else if (attribute.maximum() != null) {
            simulator.put("maximum", yamlNumber(attribute.maximum()));
        }
        if (attribute.domain() != null && !attribute.domain().isEmpty()) {
            simulator.put("domain", attribute.domain().stream().map(this::yamlValue).toList());
        }
        if (p.unsupportedEverywhere()) {
            simulator.put("unsupported", true);
        } else if (!p.unsupportedZones().isEmpty()) {
            Map<String, Object> zones = new LinkedHashMap<>();
            p.unsupportedZones().stream().sorted().forEach(zone -> zones.put(zone, true));
            simulator.put("unsupported", zones);
        }
        if (!simulator.isEmpty()) {
            annotations.put(prefix + "#" + p.name(), Map.of("config_simulator", simulator));
        }
    }

    private void operation(StringBuilder out, OperationMember o) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> parameters = new ArrayList<>();
        for (OperationMember.Parameter parameter : o.parameters()) {
            parameters.add(parameter(parameter.name(), parameter.type(), overrides));
        }
        String result = o.result() == ScalarType.VOID ? "void" : qface(o.result());
        List<String> tag = new ArrayList<>();
        if (o.result() != ScalarType.VOID && !result.equals(exact(o.result()))) {
            tag.add("type: " + quote(exact(o.result())));
        }
        if (!overrides.isEmpty()) {
            tag.add("parameters: { " + overrides.entrySet().stream().map(e -> e.getKey() + ": " + quote(e.getValue()))
                    .collect(Collectors.joining(", ")) + " }");
        }
        if (!tag.isEmpty()) {
            out.append("    @ifw: { ").append(String.join(", ", tag)).append(" }\n");
        }
        out.append("    ").append(result).append(' ').append(o.name()).append('(').append(String.join(", ", parameters)).append(");\n");
    }

    private void signal(StringBuilder out, SignalMember s) {
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> parameters = new ArrayList<>();
        ValueType payload = s.payload();
        String eventName = Character.toUpperCase(s.name().charAt(0)) + s.name().substring(1) + "Event";
        if (payload instanceof RecordType record && record.javaType().getEnclosingClass() == model.featureInterface()
                && record.javaType().getSimpleName().equals(eventName) && record.fields().size() > 1) {
            // The importer's form of a signal with several parameters: write them again one by one.
            types.remove(record.javaType());
            typesByName.remove(eventName);
            for (RecordType.Field field : record.fields()) {
                parameters.add(parameter(field.name(), field.type(), overrides));
            }
        } else if (payload != ScalarType.VOID) {
            parameters.add(parameter("value", payload, overrides));
        }
        if (!overrides.isEmpty()) {
            out.append("    @ifw: { parameters: { ").append(overrides.entrySet().stream().map(e -> e.getKey() + ": " + quote(e.getValue()))
                    .collect(Collectors.joining(", "))).append(" } }\n");
        }
        out.append("    signal ").append(s.name()).append('(').append(String.join(", ", parameters)).append(");\n");
    }

    private String parameter(String name, ValueType type, Map<String, String> overrides) {
        String written = qface(type);
        if (!written.equals(exact(type))) {
            overrides.put(name, exact(type));
        }
        return written + " " + name;
    }

    private void collect(ValueType type) {
        if (type instanceof EnumType e) {
            register(e.javaType(), e);
            enumsUsedAlone.add(e.javaType());
        } else if (type instanceof SetType s) {
            register(s.element().javaType(), s.element());
            enumsUsedAsSet.add(s.element().javaType());
        } else if (type instanceof RecordType r) {
            if (!types.containsKey(r.javaType())) {
                register(r.javaType(), r);
                r.fields().forEach(field -> collect(field.type()));
            }
        } else if (type instanceof ListType l) {
            collect(l.element());
        } else if (type instanceof PagingModelType m) {
            collect(m.item());
        }
    }

    private void register(Class<?> javaType, Object type) {
        Class<?> existing = typesByName.putIfAbsent(javaType.getSimpleName(), javaType);
        if (existing != null && existing != javaType) {
            throw new IllegalArgumentException("feature " + model.id() + " uses two types named " + javaType.getSimpleName() + " ("
                    + existing.getName() + " and " + javaType.getName() + "); QFace names the types of a module by simple name");
        }
        types.putIfAbsent(javaType, type);
    }

    private boolean isFlag(Class<?> enumType) {
        return enumsUsedAsSet.contains(enumType) && !enumsUsedAlone.contains(enumType);
    }

    /** The type as QFace writes it (the nearest type where QFace has none). */
    private String qface(ValueType type) {
        if (type instanceof ScalarType s) {
            return switch (s) {
                case BOOLEAN -> "bool";
                case INT, LONG -> "int";
                case DOUBLE -> "real";
                case STRING -> "string";
                default -> "void";
            };
        }
        if (type instanceof EnumType e) {
            return e.javaType().getSimpleName();
        }
        if (type instanceof SetType s) {
            return isFlag(s.element().javaType()) ? s.element().javaType().getSimpleName() : "list<" + s.element().javaType().getSimpleName() + ">";
        }
        if (type instanceof RecordType r) {
            return typeName(r.javaType());
        }
        if (type instanceof ListType l) {
            return "list<" + qface(l.element()) + ">";
        }
        return "model<" + typeName(((PagingModelType) type).item().javaType()) + ">";
    }

    /** The type exactly, in the notation of {@code @ifw: {type: ...}}. */
    private String exact(ValueType type) {
        if (type == ScalarType.LONG) {
            return "long";
        }
        if (type instanceof SetType s && !isFlag(s.element().javaType())) {
            return "set<" + s.element().javaType().getSimpleName() + ">";
        }
        if (type instanceof ListType l) {
            return "list<" + exact(l.element()) + ">";
        }
        return qface(type);
    }

    private String typeName(Class<?> type) {
        return type.getSimpleName();
    }

    private Object yamlValue(Object value) {
        if (value instanceof Enum<?> e) {
            return e.getDeclaringClass().getSimpleName() + "." + e.name();
        }
        if (value instanceof Set<?> set) {
            return set.stream().map(this::yamlValue).toList();
        }
        return value;
    }

    private static Object yamlNumber(Double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) value.longValue() : value;
    }

    private String yaml() {
        StringBuilder out = new StringBuilder("# Annotations of the QFace export of IFW feature ").append(model.id())
                .append(": the simulator's defaults, ranges, domains and zones.\n");
        for (Map.Entry<String, Object> entry : annotations.entrySet()) {
            out.append('\n').append(entry.getKey()).append(":\n");
            writeYaml(out, entry.getValue(), 1);
        }
        return out.toString();
    }

    private static void writeYaml(StringBuilder out, Object value, int depth) {
        String indent = "    ".repeat(depth);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> inner && inner.values().stream().anyMatch(v -> v instanceof Map<?, ?>)) {
                    out.append(indent).append(entry.getKey()).append(":\n");
                    writeYaml(out, entry.getValue(), depth + 1);
                } else if (entry.getValue() instanceof Map<?, ?> inner) {
                    out.append(indent).append(entry.getKey()).append(":\n");
                    writeYaml(out, inner, depth + 1);
                } else {
                    out.append(indent).append(entry.getKey()).append(": ").append(flow(entry.getValue())).append('\n');
                }
            }
        }
    }

    private static String flow(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(QFaceExporter::flow).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + flow(e.getValue())).collect(Collectors.joining(", ", "{ ", " }"));
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
