package io.ifw.core.model;

import io.ifw.core.Attribute;
import io.ifw.core.Feature;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Signal;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Domain;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Unsupported;
import io.ifw.core.annotations.Zones;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.util.promise.Promise;

/** Reads a feature interface into a {@link FeatureModel}, by reflection, once per interface. */
final class FeatureModelReader {

    private static final ClassValue<Object> CACHE = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return new FeatureModelReader(type).read();
            } catch (FeatureModelException e) {
                return e;
            }
        }
    };

    private static final Map<Class<?>, ScalarType> SCALARS = Map.of(
            boolean.class, ScalarType.BOOLEAN, Boolean.class, ScalarType.BOOLEAN,
            int.class, ScalarType.INT, Integer.class, ScalarType.INT,
            long.class, ScalarType.LONG, Long.class, ScalarType.LONG,
            double.class, ScalarType.DOUBLE, Double.class, ScalarType.DOUBLE,
            String.class, ScalarType.STRING);

    private final Class<?> type;
    private final String typeName;

    private FeatureModelReader(Class<?> type) {
        this.type = type;
        this.typeName = type.getName();
    }

    static FeatureModel read(Class<?> type) {
        Object model = CACHE.get(type);
        if (model instanceof FeatureModelException e) {
            throw new FeatureModelException(e.interfaceName(), e.memberName(), e.reason());
        }
        return (FeatureModel) model;
    }

    private FeatureModel read() {
        io.ifw.core.annotations.Feature feature = type.getAnnotation(io.ifw.core.annotations.Feature.class);
        if (!type.isInterface()) {
            throw failure(null, "is not an interface");
        }
        if (feature == null) {
            throw failure(null, "has no @Feature annotation");
        }
        if (feature.id().isBlank()) {
            throw failure(null, "@Feature has an empty id");
        }
        if (!Feature.class.isAssignableFrom(type)) {
            throw failure(null, "does not extend io.ifw.core.Feature");
        }
        boolean zoned = ZonedFeature.class.isAssignableFrom(type);
        if (zoned) {
            checkZonedSelfType();
        }
        List<String> zones = readZones(zoned);
        List<Method> methods = memberMethods();
        List<Member> members = new ArrayList<>();
        for (int index = 0; index < methods.size(); index++) {
            members.add(member(methods.get(index), index, zones));
        }
        return new FeatureModel(feature.id(), feature.version(), type, zoned, zones, members);
    }

    private void checkZonedSelfType() {
        for (Type parent : type.getGenericInterfaces()) {
            if (parent instanceof ParameterizedType p && p.getRawType() == ZonedFeature.class
                    && p.getActualTypeArguments()[0] != type) {
                throw failure(null, "must extend ZonedFeature<" + type.getSimpleName() + ">, not " + p.getTypeName());
            }
        }
    }

    private List<String> readZones(boolean zoned) {
        Zones zones = type.getAnnotation(Zones.class);
        if (zones == null) {
            return List.of();
        }
        if (!zoned) {
            throw failure(null, "has @Zones but does not extend ZonedFeature");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String zone : zones.value()) {
            if (zone.isBlank()) {
                throw failure(null, "@Zones has an empty zone name");
            }
            if (!names.add(zone)) {
                throw failure(null, "@Zones names zone '" + zone + "' twice");
            }
        }
        return List.copyOf(names);
    }

    /** The interface's own member methods, ordered by name; overloads are rejected. */
    private List<Method> memberMethods() {
        List<Method> methods = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Method method : type.getMethods()) {
            Class<?> declaring = method.getDeclaringClass();
            if (declaring == Feature.class || declaring == ZonedFeature.class || declaring == Object.class
                    || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            if (!names.add(method.getName())) {
                throw failure(method.getName(), "is overloaded; members are matched by name, so each name may appear once");
            }
            methods.add(method);
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    private Member member(Method method, int index, List<String> zones) {
        String name = method.getName();
        Class<?> raw = method.getReturnType();
        Type generic = method.getGenericReturnType();
        boolean hasAttributes = method.isAnnotationPresent(Range.class) || method.isAnnotationPresent(Domain.class)
                || method.isAnnotationPresent(Default.class) || method.isAnnotationPresent(Unsupported.class);
        if (raw == Property.class || raw == ReadOnlyProperty.class) {
            noParameters(method);
            ValueType valueType = valueType(typeArgument(method, generic), name, new HashSet<>());
            return property(method, index, valueType, raw == ReadOnlyProperty.class, zones);
        }
        if (hasAttributes) {
            throw failure(name, "has @Range, @Domain, @Default or @Unsupported, which only properties may have");
        }
        if (raw == Promise.class) {
            List<OperationMember.Parameter> parameters = new ArrayList<>();
            for (java.lang.reflect.Parameter parameter : method.getParameters()) {
                parameters.add(new OperationMember.Parameter(parameter.getName(),
                        valueType(parameter.getParameterizedType(), name + "(" + parameter.getName() + ")", new HashSet<>())));
            }
            return new OperationMember(name, index, method, parameters, resultType(typeArgument(method, generic), name));
        }
        if (raw == Signal.class) {
            noParameters(method);
            return new SignalMember(name, index, method, resultType(typeArgument(method, generic), name));
        }
        if (raw == PagingModel.class) {
            noParameters(method);
            Type item = typeArgument(method, generic);
            if (!(item instanceof Class<?> c) || !c.isRecord()) {
                throw failure(name, "a PagingModel's items must be records, not " + item.getTypeName());
            }
            return new ModelMember(name, index, method, new PagingModelType((RecordType) valueType(item, name, new HashSet<>())));
        }
        throw failure(name, "returns " + generic.getTypeName()
                + "; a member returns Property, ReadOnlyProperty, Promise (an operation), Signal or PagingModel");
    }

    private PropertyMember property(Method method, int index, ValueType valueType, boolean readOnly, List<String> zones) {
        String name = method.getName();
        if (valueType instanceof PagingModelType) {
            throw failure(name, "a PagingModel is a member of its own, not a property value");
        }
        Attribute<Object> attribute = Attribute.unrestricted();
        Range range = method.getAnnotation(Range.class);
        if (range != null) {
            if (!(valueType instanceof ScalarType s && s.isNumeric())) {
                throw failure(name, "@Range needs a numeric property, not " + valueType.displayName());
            }
            try {
                attribute = attribute.withRange(finite(range.min()), finite(range.max()));
            } catch (IllegalArgumentException e) {
                throw failure(name, "@Range: " + e.getMessage());
            }
        }
        Domain domain = method.getAnnotation(Domain.class);
        if (domain != null) {
            attribute = attribute.withDomain(parseAll(name, "@Domain", valueType, domain.value()));
        }
        Object defaultValue = null;
        Default defaultAnnotation = method.getAnnotation(Default.class);
        if (defaultAnnotation != null) {
            defaultValue = parse(name, "@Default", valueType, defaultAnnotation.value());
            var violation = attribute.check(defaultValue);
            if (violation != null) {
                throw failure(name, "@Default \"" + defaultAnnotation.value() + "\" breaks its own constraint " + violation.message());
            }
        }
        Unsupported unsupported = method.getAnnotation(Unsupported.class);
        Set<String> unsupportedZones = unsupported == null ? Set.of() : Set.copyOf(Arrays.asList(unsupported.zones()));
        for (String zone : unsupportedZones) {
            if (!zones.contains(zone)) {
                throw failure(name, "@Unsupported names zone '" + zone + "', which @Zones does not declare " + zones);
            }
        }
        return new PropertyMember(name, index, method, valueType, readOnly, attribute, defaultValue, unsupportedZones,
                unsupported != null && unsupportedZones.isEmpty());
    }

    private static Double finite(double bound) {
        return Double.isInfinite(bound) ? null : bound;
    }

    private List<Object> parseAll(String member, String annotation, ValueType valueType, String[] texts) {
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            values.add(parse(member, annotation, valueType, text));
        }
        return values;
    }

    private Object parse(String member, String annotation, ValueType valueType, String text) {
        try {
            return valueType.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure(member, annotation + ": " + e.getMessage());
        }
    }

    private ValueType resultType(Type type, String member) {
        return type == Void.class ? ScalarType.VOID : valueType(type, member, new HashSet<>());
    }

    private ValueType valueType(Type generic, String member, Set<Class<?>> enclosingRecords) {
        if (generic instanceof Class<?> c) {
            ScalarType scalar = SCALARS.get(c);
            if (scalar != null) {
                return scalar;
            }
            if (c.isEnum()) {
                return EnumType.of(c);
            }
            if (c.isRecord()) {
                return recordType(c, member, enclosingRecords);
            }
            throw failure(member, "unsupported type " + c.getTypeName()
                    + " (supported: boolean, int, long, double, String, enums, records, List<T>, Set<enum>, PagingModel<record>)");
        }
        if (generic instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type argument = p.getActualTypeArguments()[0];
            if (raw == List.class) {
                return new ListType(valueType(argument, member, enclosingRecords));
            }
            if (raw == Set.class) {
                if (argument instanceof Class<?> e && e.isEnum()) {
                    return new SetType(EnumType.of(e));
                }
                throw failure(member, "a Set holds enum constants only, not " + argument.getTypeName());
            }
            if (raw == PagingModel.class) {
                throw failure(member, "a PagingModel cannot be nested in " + member);
            }
        }
        throw failure(member, "unsupported type " + generic.getTypeName()
                + " (supported: boolean, int, long, double, String, enums, records, List<T>, Set<enum>, PagingModel<record>)");
    }

    private RecordType recordType(Class<?> record, String member, Set<Class<?>> enclosingRecords) {
        if (!enclosingRecords.add(record)) {
            throw failure(member, "record " + record.getSimpleName() + " contains itself");
        }
        List<RecordType.Field> fields = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            ValueType fieldType = valueType(component.getGenericType(), member + " (" + record.getSimpleName() + "." + component.getName() + ")",
                    enclosingRecords);
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            fields.add(new RecordType.Field(component.getName(), fieldType, accessor));
        }
        enclosingRecords.remove(record);
        return new RecordType(record, fields);
    }

    private Type typeArgument(Method method, Type generic) {
        if (!(generic instanceof ParameterizedType p)) {
            throw failure(method.getName(), "returns a raw " + method.getReturnType().getSimpleName() + "; give its value type");
        }
        Type argument = p.getActualTypeArguments()[0];
        if (!(argument instanceof Class<?>) && !(argument instanceof ParameterizedType)) {
            throw failure(method.getName(), "has the open type " + argument.getTypeName() + "; give a concrete value type");
        }
        return argument;
    }

    private void noParameters(Method method) {
        if (method.getParameterCount() > 0) {
            throw failure(method.getName(), "has parameters; only operations (returning Promise) take parameters");
        }
    }

    private FeatureModelException failure(String member, String reason) {
        return new FeatureModelException(typeName, member, reason);
    }
}
