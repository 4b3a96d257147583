package io.ifw.journal.tool;

import io.ifw.core.model.PeerSchema;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.DirectBuffer;

/**
 * Writes a value encoded by {@code ValueCodec} as text, knowing its type only from a schema text
 * (the journal tools run without the feature's classes): {@code 21.5}, {@code "Queen"},
 * {@code HEAT}, {@code [FACE, FEET]}, {@code Station{name="FM4", frequency=97800}}.
 */
final class ValueText {

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private ValueText() {
    }

    /** The value as text; what cannot be read is shown as its bytes in hex, with the reason. */
    static String of(PeerSchema.TypeShape type, DirectBuffer buffer, int offset, int length) {
        int[] at = {offset};
        try {
            String text = read(type, buffer, at, offset + length);
            return at[0] == offset + length ? text : text + " (and " + (offset + length - at[0]) + " more bytes)";
        } catch (RuntimeException e) {
            return hex(buffer, offset, length) + " (unreadable as " + type.kind() + " " + type.name() + ": " + e.getMessage() + ")";
        }
    }

    static String hex(DirectBuffer buffer, int offset, int length) {
        StringBuilder text = new StringBuilder("0x");
        for (int i = 0; i < length; i++) {
            text.append(String.format("%02x", buffer.getByte(offset + i)));
        }
        return text.toString();
    }

    private static String read(PeerSchema.TypeShape type, DirectBuffer buffer, int[] at, int end) {
        need(at, 1, end);
        int presence = buffer.getByte(at[0]++) & 0xFF;
        if (presence == 0) {
            return "null";
        }
        switch (type.kind()) {
            case "scalar":
                return scalar(type.name(), buffer, at, end);
            case "enum":
                return raw(buffer, at, end);
            case "set": {
                int count = count(buffer, at, end);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    names.add(raw(buffer, at, end));
                }
                return names.toString();
            }
            case "list": {
                int count = count(buffer, at, end);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(type.fields().get(""), buffer, at, end));
                }
                return items.toString();
            }
            case "record": {
                need(at, 2, end);
                int count = buffer.getShort(at[0], ORDER) & 0xFFFF;
                at[0] += 2;
                StringBuilder text = new StringBuilder(type.name()).append('{');
                for (int i = 0; i < count; i++) {
                    String field = raw(buffer, at, end);
                    need(at, 4, end);
                    int size = buffer.getInt(at[0], ORDER);
                    at[0] += 4;
                    need(at, size, end);
                    Map<String, PeerSchema.TypeShape> fields = type.fields();
                    PeerSchema.TypeShape fieldType = fields.get(field);
                    String value = fieldType == null ? hex(buffer, at[0], size) : of(fieldType, buffer, at[0], size);
                    at[0] += size;
                    text.append(i == 0 ? "" : ", ").append(field).append('=').append(value);
                }
                return text.append('}').toString();
            }
            default:
                throw new IllegalArgumentException("no values of kind " + type.kind());
        }
    }

    private static String scalar(String name, DirectBuffer buffer, int[] at, int end) {
        switch (name) {
            case "bool":
                need(at, 1, end);
                return buffer.getByte(at[0]++) == 1 ? "true" : "false";
            case "int":
                need(at, 4, end);
                at[0] += 4;
                return Integer.toString(buffer.getInt(at[0] - 4, ORDER));
            case "long":
                need(at, 8, end);
                at[0] += 8;
                return Long.toString(buffer.getLong(at[0] - 8, ORDER));
            case "double":
                need(at, 8, end);
                at[0] += 8;
                return Double.toString(buffer.getDouble(at[0] - 8, ORDER));
            case "string":
                return string(buffer, at, end);
            default:
                return "";
        }
    }

    /** A string, quoted. */
    private static String string(DirectBuffer buffer, int[] at, int end) {
        return "\"" + raw(buffer, at, end) + "\"";
    }

    private static String raw(DirectBuffer buffer, int[] at, int end) {
        need(at, 4, end);
        int size = buffer.getInt(at[0], ORDER);
        at[0] += 4;
        if (size < 0) {
            throw new IllegalArgumentException("a string of " + size + " bytes");
        }
        need(at, size, end);
        String text = buffer.getStringWithoutLengthUtf8(at[0], size);
        at[0] += size;
        return text;
    }

    private static int count(DirectBuffer buffer, int[] at, int end) {
        need(at, 4, end);
        int count = buffer.getInt(at[0], ORDER);
        at[0] += 4;
        if (count < 0 || count > end - at[0]) {
            throw new IllegalArgumentException("a count of " + count);
        }
        return count;
    }

    private static void need(int[] at, int bytes, int end) {
        if (bytes < 0 || bytes > end - at[0]) {
            throw new IllegalArgumentException("truncated");
        }
    }
}
