package io.ifw.core.shell;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text of what the {@code ifw:} commands return, for their {@code --json} flag: OSGi DTOs
 * (their public fields), records (their components), collections, arrays and maps, numbers,
 * booleans, enums (their name) and anything else as its {@code toString()} in a JSON string. A
 * collection at the top is printed one JSON value per line, so scripts can read it line by line.
 */
public final class ShellJson {

    private ShellJson() {
    }

    /** One JSON value per element of a collection or array at the top, one line each; else one JSON value. */
    public static String lines(Object value) {
        if (value instanceof Collection<?> collection) {
            StringBuilder text = new StringBuilder();
            for (Object element : collection) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                write(text, element);
            }
            return text.toString();
        }
        return of(value);
    }

    /** The value as one JSON value. */
    public static String of(Object value) {
        StringBuilder text = new StringBuilder();
        write(text, value);
        return text.toString();
    }

    private static void write(StringBuilder text, Object value) {
        if (value == null) {
            text.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            text.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isFinite(d)) {
                text.append(value);
            } else {
                string(text, value.toString()); // JSON has no NaN or Infinity
            }
        } else if (value instanceof Enum<?> constant) {
            string(text, constant.name());
        } else if (value instanceof CharSequence || value instanceof Character) {
            string(text, value.toString());
        } else if (value instanceof Map<?, ?> map) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                text.append(first ? "" : ",");
                first = false;
                string(text, String.valueOf(entry.getKey()));
                text.append(':');
                write(text, entry.getValue());
            }
            text.append('}');
        } else if (value instanceof Iterable<?> iterable) {
            text.append('[');
            boolean first = true;
            for (Object element : iterable) {
                text.append(first ? "" : ",");
                first = false;
                write(text, element);
            }
            text.append(']');
        } else if (value.getClass().isArray()) {
            text.append('[');
            int length = java.lang.reflect.Array.getLength(value);
            for (int i = 0; i < length; i++) {
                text.append(i == 0 ? "" : ",");
                write(text, java.lang.reflect.Array.get(value, i));
            }
            text.append(']');
        } else if (value.getClass().isRecord()) {
            text.append('{');
            boolean first = true;
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                text.append(first ? "" : ",");
                first = false;
                string(text, component.getName());
                text.append(':');
                write(text, read(component, value));
            }
            text.append('}');
        } else if (value instanceof org.osgi.dto.DTO) {
            text.append('{');
            boolean first = true;
            for (Field field : value.getClass().getFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                text.append(first ? "" : ",");
                first = false;
                string(text, field.getName());
                text.append(':');
                try {
                    write(text, field.get(value));
                } catch (IllegalAccessException e) {
                    text.append("null");
                }
            }
            text.append('}');
        } else {
            string(text, value.toString());
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void string(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
