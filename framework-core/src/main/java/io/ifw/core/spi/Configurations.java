package io.ifw.core.spi;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a component's configuration (the properties Declarative Services passes to its activate
 * method) into its component property type, the {@code @interface Config} of the component,
 * strictly and with messages a user can act on.
 *
 * <p>Declarative Services itself converts a bad value by throwing a {@code NumberFormatException}
 * out of the activation (and turns {@code enabled=ture} silently into {@code false}); an IFW
 * component instead takes the raw {@code Map<String, Object>} and calls {@link #read}, which
 * throws an {@link InvalidConfigurationException} naming the file, the key, the value and what is
 * expected, so that the component can show itself as FAILED with that reason and the container
 * goes on serving everything else.
 *
 * <p>Keys the type does not know are logged once per configuration source and key, with the
 * nearest known key when one is close ({@code secrte} → {@code secret}): a mistyped secret must
 * not silently leave a server open. Keys with a dot ({@code service.pid},
 * {@code felix.fileinstall.filename}, {@code ifw.backend.name} …) are service and framework
 * properties, not the component's own settings, and are not checked.
 */
public final class Configurations {

    /** The key Apache Felix File Install puts into every configuration it read from a file. */
    public static final String FILE_INSTALL_FILENAME = "felix.fileinstall.filename";

    private static final System.Logger LOG = System.getLogger("io.ifw.config");
    private static final Set<String> REPORTED_UNKNOWN_KEYS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> FAILURES_REPORTED = new ConcurrentHashMap<>();

    private Configurations() {
    }

    /**
     * Converts the properties into an instance of the component property type: every method of
     * {@code type} is read from the key of the same name ({@code _} stands for {@code .} as in
     * Declarative Services), its default when the key is absent.
     *
     * @throws InvalidConfigurationException at the first value that cannot be converted, or a
     *                                       required key (no default) that is missing
     */
    public static <A> A read(Class<A> type, Map<String, ?> properties) {
        String source = source(properties);
        reportUnknownKeys(type, properties, source);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            if (method.getParameterCount() != 0) {
                continue;
            }
            String key = keyOf(method.getName());
            Object raw = properties.get(key);
            Object value;
            if (raw == null) {
                value = method.getDefaultValue();
                if (value == null) {
                    throw new InvalidConfigurationException(source, key, null, describe(method.getReturnType()) + " (the key is required)");
                }
            } else {
                value = convert(source, key, raw, method.getReturnType());
            }
            values.put(method.getName(), value);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName()) && method.getParameterCount() == 0) {
                Object value = values.get(method.getName());
                return value != null && value.getClass().isArray() ? copy(value) : value;
            }
            return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> values.hashCode();
                case "equals" -> proxy == args[0];
                case "annotationType" -> type;
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }));
    }

    /**
     * For a component that cannot run without a good configuration (a backend whose activation
     * must fail, so that no service is registered): {@link #read} and then {@code checks}; a bad
     * value is logged in one line, "IFW: component C is FAILED: file: key = 'value': expected …",
     * and the {@link InvalidConfigurationException} is rethrown to fail the activation.
     * Declarative Services then shows the component as failed, and {@code ifw:backends} lists a
     * failed backend with that reason.
     */
    public static <A> A readOrFail(String component, Class<A> type, Map<String, ?> properties, java.util.function.Consumer<A> checks) {
        try {
            A config = read(type, properties);
            checks.accept(config);
            FAILURES_REPORTED.remove(component);
            return config;
        } catch (InvalidConfigurationException e) {
            // A delayed component is activated again at each use: the same failure is one line, not one per use.
            if (!e.getMessage().equals(FAILURES_REPORTED.put(component, e.getMessage()))) {
                LOG.log(System.Logger.Level.WARNING, "IFW: component " + component + " is FAILED: " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * A check beyond the type (a range, a relation between keys): passes when {@code valid}, else
     * throws an {@link InvalidConfigurationException} naming the configuration's source, the key,
     * the value as the configuration wrote it and what is expected.
     */
    public static void check(Map<String, ?> properties, String key, boolean valid, String expected) {
        if (!valid) {
            Object value = properties.get(key);
            throw new InvalidConfigurationException(source(properties), key, value == null ? "(its default)" : value, expected);
        }
    }

    /**
     * A component's configuration problem as one line that names where the configuration comes
     * from: an {@link InvalidConfigurationException} names it already; any other refusal of a
     * value (a check of the component's own, e.g. a channel it cannot parse) gets the source in front.
     */
    public static String problem(Map<String, ?> properties, IllegalArgumentException refusal) {
        return refusal instanceof InvalidConfigurationException ? refusal.getMessage() : source(properties) + ": " + refusal.getMessage();
    }

    /**
     * The keys of {@code properties} that {@code type} does not know (keys with a dot excepted),
     * each as a message with the nearest known key when there is one.
     */
    public static List<String> unknownKeys(Class<?> type, Map<String, ?> properties) {
        List<String> known = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getParameterCount() == 0)
                .map(m -> keyOf(m.getName())).sorted().toList();
        List<String> messages = new ArrayList<>();
        for (String key : properties.keySet()) {
            if (key.contains(".") || known.contains(key)) {
                continue;
            }
            String nearest = NearestName.of(key, known);
            messages.add("unknown key '" + key + "' is ignored" + (nearest == null
                    ? " (known keys: " + String.join(", ", known) + ")"
                    : "; did you mean '" + nearest + "'?"));
        }
        return messages;
    }

    /**
     * Where the configuration comes from, for messages: the file File Install read it from
     * (as a path), else {@code configuration PID}.
     */
    public static String source(Map<String, ?> properties) {
        Object file = properties.get(FILE_INSTALL_FILENAME);
        if (file != null) {
            String text = file.toString();
            try {
                return text.startsWith("file:") ? Path.of(URI.create(text)).toString() : text;
            } catch (RuntimeException e) {
                return text;
            }
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "configuration (no file)" : "configuration " + pid;
    }

    private static void reportUnknownKeys(Class<?> type, Map<String, ?> properties, String source) {
        for (String message : unknownKeys(type, properties)) {
            if (REPORTED_UNKNOWN_KEYS.add(source + '\u0000' + message)) {
                LOG.log(System.Logger.Level.WARNING, "IFW: " + source + ": " + message);
            }
        }
    }

    /** Declarative Services' mapping of a method name to a property key. */
    static String keyOf(String methodName) {
        StringBuilder key = new StringBuilder(methodName.length());
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (c == '$') {
                if (i + 1 < methodName.length() && methodName.charAt(i + 1) == '$') {
                    key.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (i + 1 < methodName.length() && methodName.charAt(i + 1) == '_') {
                    key.append('_');
                    i++;
                } else {
                    key.append('.');
                }
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Object convert(String source, String key, Object raw, Class<?> target) {
        if (target.isArray()) {
            Class<?> component = target.getComponentType();
            List<Object> elements = new ArrayList<>();
            if (raw.getClass().isArray()) {
                for (int i = 0; i < Array.getLength(raw); i++) {
                    elements.add(Array.get(raw, i));
                }
            } else if (raw instanceof Collection<?> collection) {
                elements.addAll(collection);
            } else {
                elements.add(raw);
            }
            Object array = Array.newInstance(component, elements.size());
            for (int i = 0; i < elements.size(); i++) {
                Array.set(array, i, scalar(source, key, elements.get(i), component));
            }
            return array;
        }
        if (raw.getClass().isArray() || raw instanceof Collection<?>) {
            List<?> elements = raw instanceof Collection<?> c ? new ArrayList<>(c) : arrayToList(raw);
            if (elements.size() != 1) {
                throw new InvalidConfigurationException(source, key, raw, "one value, " + describe(target));
            }
            raw = elements.get(0);
        }
        return scalar(source, key, raw, target);
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static Object scalar(String source, String key, Object raw, Class<?> target) {
        if (target == String.class) {
            return raw.toString();
        }
        String text = raw.toString().trim();
        try {
            if (target == int.class) {
                return raw instanceof Integer || raw instanceof Short || raw instanceof Byte ? ((Number) raw).intValue() : Integer.parseInt(text);
            }
            if (target == long.class) {
                return raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte
                        ? ((Number) raw).longValue() : Long.parseLong(text);
            }
            if (target == double.class || target == float.class) {
                double value = raw instanceof Number number ? number.doubleValue() : Double.parseDouble(text);
                if (!Double.isFinite(value) || text.matches("(?i).*(nan|infinity).*")) {
                    throw new NumberFormatException("not finite");
                }
                return target == float.class ? (Object) (float) value : (Object) value;
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(source, key, raw, describe(target));
        }
        if (target == boolean.class) {
            if (raw instanceof Boolean bool) {
                return bool;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidConfigurationException(source, key, raw, describe(target));
            };
        }
        if (target.isEnum()) {
            for (Object constant : target.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new InvalidConfigurationException(source, key, raw, describe(target));
        }
        throw new IllegalArgumentException("IFW: a component property type may not use " + target.getName() + " (" + key + ")");
    }

    private static String describe(Class<?> type) {
        if (type.isArray()) {
            return "a list of " + describe(type.getComponentType()) + " values";
        }
        if (type == int.class) {
            return "a whole number (32 bits)";
        }
        if (type == long.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class) {
            return "a finite number";
        }
        if (type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        return "a text";
    }

    private static Object copy(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

}
