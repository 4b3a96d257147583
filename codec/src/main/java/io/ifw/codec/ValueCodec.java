package io.ifw.codec;

import io.ifw.core.model.EnumType;
import io.ifw.core.model.ListType;
import io.ifw.core.model.RecordType;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SetType;
import io.ifw.core.model.ValueType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes and decodes the values of one type, little-endian:
 * <ul>
 * <li>every value starts with a presence byte (0: {@code null});</li>
 * <li>bool: 1 byte; int: 4; long: 8; double: 8; string: 4-byte length and UTF-8;</li>
 * <li>enum: the constant's name, so that peers with more or fewer constants still agree on the
 *     ones they share; a set of enum constants: a count and the names;</li>
 * <li>record: a field count, then per field its name and its value with a 4-byte length, so that
 *     a peer skips fields it does not know and gives the type's default to those it misses;</li>
 * <li>list: a count and the elements.</li>
 * </ul>
 * Decoding checks every length against the bytes there are and refuses malformed input with a
 * {@link CodecException} naming what is wrong. Thread-safe (stateless after construction).
 */
public final class ValueCodec {

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int MAX_ELEMENTS = 1 << 20;

    private final ValueType type;
    /** For an enum type: the constants' names in UTF-8 and the constants, to decode without a String. */
    private final byte[][] enumNames;
    private final Object[] enumConstants;

    private ValueCodec(ValueType type) {
        this.type = type;
        if (type instanceof EnumType enumType) {
            enumNames = new byte[enumType.constants().size()][];
            enumConstants = new Object[enumNames.length];
            for (int i = 0; i < enumNames.length; i++) {
                enumNames[i] = enumType.constants().get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                enumConstants[i] = enumType.constant(enumType.constants().get(i));
            }
        } else {
            enumNames = null;
            enumConstants = null;
        }
    }

    public static ValueCodec of(ValueType type) {
        return new ValueCodec(type);
    }

    public ValueType type() {
        return type;
    }

    /**
     * Writes {@code value} at {@code offset}; the buffer must be large enough (an expandable
     * buffer grows).
     *
     * @return the number of bytes written
     */
    public int encode(Object value, MutableDirectBuffer buffer, int offset) {
        return write(type, value, buffer, offset) - offset;
    }

    /**
     * Reads a value written by {@link #encode} from {@code length} bytes at {@code offset}.
     *
     * @throws CodecException when the bytes are not a value of this type
     */
    public Object decode(DirectBuffer buffer, int offset, int length) {
        if (type instanceof ScalarType scalar) {
            return decodeScalar(scalar, buffer, offset, length);
        }
        if (enumNames != null) {
            Object constant = decodeKnownConstant(buffer, offset, length);
            if (constant != null) {
                return constant;
            }
        }
        int[] position = {offset};
        Object value = read(type, buffer, position, offset + length, "value");
        if (position[0] != offset + length) {
            throw new CodecException((offset + length - position[0]) + " bytes after the end of a " + type.displayName());
        }
        return value;
    }

    /**
     * A scalar without the general reader's bookkeeping: a steady stream of updates decodes
     * without allocating (beyond the box of a value outside the JDK's caches).
     */
    private static Object decodeScalar(ScalarType scalar, DirectBuffer buffer, int offset, int length) {
        if (length < 1) {
            throw new CodecException("value is truncated: 1 bytes needed, 0 left");
        }
        int presence = buffer.getByte(offset) & 0xFF;
        if (presence == 0) {
            expectLength(scalar, 1, length);
            return null;
        }
        if (presence != 1) {
            throw new CodecException("bad presence byte " + presence + " of value");
        }
        int at = offset + 1;
        switch (scalar) {
            case BOOLEAN: {
                expectLength(scalar, 2, length);
                int flag = buffer.getByte(at) & 0xFF;
                if (flag > 1) {
                    throw new CodecException("bad boolean byte " + flag + " of value");
                }
                return flag == 1;
            }
            case INT:
                expectLength(scalar, 5, length);
                return buffer.getInt(at, ORDER);
            case LONG:
                expectLength(scalar, 9, length);
                return buffer.getLong(at, ORDER);
            case DOUBLE:
                expectLength(scalar, 9, length);
                return buffer.getDouble(at, ORDER);
            case STRING: {
                if (length < 5) {
                    throw new CodecException("value is truncated: 4 bytes needed, " + (length - 1) + " left");
                }
                int size = buffer.getInt(at, ORDER);
                if (size < 0 || size != length - 5) {
                    throw new CodecException("a string of " + size + " bytes does not fit in value");
                }
                return buffer.getStringWithoutLengthUtf8(at + 4, size);
            }
            default:
                expectLength(scalar, 1, length);
                return null;
        }
    }

    private static void expectLength(ScalarType scalar, int expected, int length) {
        if (length < expected) {
            throw new CodecException("value is truncated: " + (expected - 1) + " bytes needed, " + (length - 1) + " left");
        }
        if (length > expected) {
            throw new CodecException((length - expected) + " bytes after the end of a " + scalar.signature());
        }
    }

    /** An enum constant whose name this side knows, matched byte by byte; {@code null} to take the general path. */
    private Object decodeKnownConstant(DirectBuffer buffer, int offset, int length) {
        if (length < 5 || buffer.getByte(offset) != 1) {
            return null;
        }
        int size = buffer.getInt(offset + 1, ORDER);
        if (size != length - 5) {
            return null;
        }
        for (int i = 0; i < enumNames.length; i++) {
            byte[] name = enumNames[i];
            if (name.length == size && sameBytes(name, buffer, offset + 5)) {
                return enumConstants[i];
            }
        }
        return null;
    }

    private static boolean sameBytes(byte[] expected, DirectBuffer buffer, int at) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != buffer.getByte(at + i)) {
                return false;
            }
        }
        return true;
    }

    private static int write(ValueType type, Object value, MutableDirectBuffer buffer, int at) {
        if (value == null) {
            buffer.putByte(at, (byte) 0);
            return at + 1;
        }
        buffer.putByte(at++, (byte) 1);
        if (type instanceof ScalarType scalar) {
            switch (scalar) {
                case BOOLEAN:
                    buffer.putByte(at, (byte) ((Boolean) value ? 1 : 0));
                    return at + 1;
                case INT:
                    buffer.putInt(at, (Integer) value, ORDER);
                    return at + 4;
                case LONG:
                    buffer.putLong(at, (Long) value, ORDER);
                    return at + 8;
                case DOUBLE:
                    buffer.putDouble(at, (Double) value, ORDER);
                    return at + 8;
                case STRING:
                    return at + buffer.putStringUtf8(at, (String) value, ORDER);
                default:
                    return at;
            }
        }
        if (type instanceof EnumType) {
            return at + buffer.putStringUtf8(at, ((Enum<?>) value).name(), ORDER);
        }
        if (type instanceof SetType) {
            Set<?> set = (Set<?>) value;
            buffer.putInt(at, set.size(), ORDER);
            at += 4;
            for (Object constant : set) {
                at += buffer.putStringUtf8(at, ((Enum<?>) constant).name(), ORDER);
            }
            return at;
        }
        if (type instanceof ListType list) {
            List<?> items = (List<?>) value;
            buffer.putInt(at, items.size(), ORDER);
            at += 4;
            for (Object item : items) {
                at = write(list.element(), item, buffer, at);
            }
            return at;
        }
        RecordType record = (RecordType) type;
        Object[] fields = record.values(value);
        buffer.putShort(at, (short) fields.length, ORDER);
        at += 2;
        for (int i = 0; i < fields.length; i++) {
            RecordType.Field field = record.fields().get(i);
            at += buffer.putStringUtf8(at, field.name(), ORDER);
            int lengthAt = at;
            at = write(field.type(), fields[i], buffer, at + 4);
            buffer.putInt(lengthAt, at - lengthAt - 4, ORDER);
        }
        return at;
    }

    private static Object read(ValueType type, DirectBuffer buffer, int[] position, int end, String what) {
        int presence = unsigned(buffer, position, end, what);
        if (presence == 0) {
            return null;
        }
        if (presence != 1) {
            throw new CodecException("bad presence byte " + presence + " of " + what);
        }
        if (type instanceof ScalarType scalar) {
            switch (scalar) {
                case BOOLEAN:
                    int flag = unsigned(buffer, position, end, what);
                    if (flag > 1) {
                        throw new CodecException("bad boolean byte " + flag + " of " + what);
                    }
                    return flag == 1;
                case INT:
                    need(position[0], 4, end, what);
                    position[0] += 4;
                    return buffer.getInt(position[0] - 4, ORDER);
                case LONG:
                    need(position[0], 8, end, what);
                    position[0] += 8;
                    return buffer.getLong(position[0] - 8, ORDER);
                case DOUBLE:
                    need(position[0], 8, end, what);
                    position[0] += 8;
                    return buffer.getDouble(position[0] - 8, ORDER);
                case STRING:
                    return string(buffer, position, end, what);
                default:
                    return null;
            }
        }
        if (type instanceof EnumType enumType) {
            return constant(enumType, string(buffer, position, end, what), what);
        }
        if (type instanceof SetType set) {
            int count = count(buffer, position, end, what);
            Set<Object> constants = new java.util.HashSet<>();
            for (int i = 0; i < count; i++) {
                constants.add(constant(set.element(), string(buffer, position, end, what), what));
            }
            return constants.isEmpty() ? set.parse("") : copyOf(constants);
        }
        if (type instanceof ListType list) {
            int count = count(buffer, position, end, what);
            List<Object> items = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                items.add(read(list.element(), buffer, position, end, what + "[" + i + "]"));
            }
            return items;
        }
        return record((RecordType) type, buffer, position, end, what);
    }

    private static Object record(RecordType record, DirectBuffer buffer, int[] position, int end, String what) {
        need(position[0], 2, end, what);
        int count = buffer.getShort(position[0], ORDER) & 0xFFFF;
        position[0] += 2;
        Object[] values = new Object[record.fields().size()];
        boolean[] seen = new boolean[values.length];
        for (int i = 0; i < count; i++) {
            String name = string(buffer, position, end, what);
            need(position[0], 4, end, what);
            int length = buffer.getInt(position[0], ORDER);
            position[0] += 4;
            if (length < 0) {
                throw new CodecException("negative length " + length + " of " + what + "." + name);
            }
            need(position[0], length, end, what + "." + name);
            RecordType.Field field = record.field(name);
            if (field == null) {
                position[0] += length; // a field this side does not know
                continue;
            }
            int fieldEnd = position[0] + length;
            int index = record.fields().indexOf(field);
            values[index] = read(field.type(), buffer, position, fieldEnd, what + "." + name);
            if (position[0] != fieldEnd) {
                throw new CodecException(what + "." + name + " is " + length + " bytes but its value took " + (position[0] - fieldEnd + length));
            }
            seen[index] = true;
        }
        for (int i = 0; i < values.length; i++) {
            if (!seen[i]) {
                values[i] = ValueType.defaultOf(record.fields().get(i).type()); // a field the peer's record does not have
            }
        }
        try {
            return record.create(values);
        } catch (IllegalArgumentException e) {
            throw new CodecException("cannot make a " + record.javaType().getSimpleName() + " of " + what + ": " + e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<Object> copyOf(Set<Object> constants) {
        return EnumSet.copyOf((Set) constants);
    }

    private static Object constant(EnumType type, String name, String what) {
        try {
            return type.parse(name);
        } catch (IllegalArgumentException e) {
            throw new CodecException("unknown constant '" + name + "' of " + type.javaType().getSimpleName() + " in " + what);
        }
    }

    private static String string(DirectBuffer buffer, int[] position, int end, String what) {
        need(position[0], 4, end, what);
        int length = buffer.getInt(position[0], ORDER);
        if (length < 0 || length > end - position[0] - 4) {
            throw new CodecException("a string of " + length + " bytes does not fit in " + what);
        }
        String text = buffer.getStringWithoutLengthUtf8(position[0] + 4, length);
        position[0] += 4 + length;
        return text;
    }

    private static int count(DirectBuffer buffer, int[] position, int end, String what) {
        need(position[0], 4, end, what);
        int count = buffer.getInt(position[0], ORDER);
        position[0] += 4;
        if (count < 0 || count > MAX_ELEMENTS || count > end - position[0]) {
            throw new CodecException("a count of " + count + " does not fit in " + what);
        }
        return count;
    }

    private static int unsigned(DirectBuffer buffer, int[] position, int end, String what) {
        need(position[0], 1, end, what);
        return buffer.getByte(position[0]++) & 0xFF;
    }

    private static void need(int at, int bytes, int end, String what) {
        if (bytes > end - at) {
            throw new CodecException(what + " is truncated: " + bytes + " bytes needed, " + Math.max(0, end - at) + " left");
        }
    }
}
