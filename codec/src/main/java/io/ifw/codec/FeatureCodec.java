package io.ifw.codec;

import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelCapability;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ListType;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SignalMember;
import io.ifw.core.query.Query;
import io.ifw.core.query.QueryCodec;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The binary forms of one feature's state and requests, for the remote protocol and the state
 * journal: values by the member's type through {@link ValueCodec}, and availability, attributes,
 * zones, errors, operation arguments and model requests. Little-endian; every decoder checks
 * lengths and refuses malformed bytes with a {@link CodecException} naming what is wrong.
 * Thread-safe (stateless after construction).
 */
public final class FeatureCodec {

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final ValueCodec STRINGS = ValueCodec.of(new ListType(ScalarType.STRING));

    private final FeatureModel model;
    private final ValueCodec[] values;
    private final ValueCodec[] domains;
    private final ValueCodec[][] parameters;
    private final ValueCodec[] items;
    private final ValueCodec[] itemLists;

    public FeatureCodec(FeatureModel model) {
        this.model = model;
        int size = model.members().size();
        values = new ValueCodec[size];
        domains = new ValueCodec[size];
        parameters = new ValueCodec[size][];
        items = new ValueCodec[size];
        itemLists = new ValueCodec[size];
        for (Member member : model.members()) {
            int i = member.index();
            if (member instanceof PropertyMember property) {
                values[i] = ValueCodec.of(property.type());
                domains[i] = ValueCodec.of(new ListType(property.type()));
            } else if (member instanceof SignalMember signal) {
                values[i] = ValueCodec.of(signal.payload());
            } else if (member instanceof OperationMember operation) {
                values[i] = ValueCodec.of(operation.result());
                parameters[i] = operation.parameters().stream().map(p -> ValueCodec.of(p.type())).toArray(ValueCodec[]::new);
            } else if (member instanceof ModelMember paging) {
                items[i] = ValueCodec.of(paging.type().item());
                itemLists[i] = ValueCodec.of(new ListType(paging.type().item()));
            }
        }
    }

    public FeatureModel model() {
        return model;
    }

    // ---- values: a property's value, a signal's payload, an operation's result ----

    public int putValue(int member, Object value, MutableDirectBuffer buffer, int offset) {
        return values[member].encode(value, buffer, offset);
    }

    public Object value(int member, DirectBuffer buffer, int offset, int length) {
        return values[member].decode(buffer, offset, length);
    }

    // ---- availability ----

    public static int putAvailability(ValueAvailability availability, MutableDirectBuffer buffer, int offset) {
        buffer.putByte(offset, (byte) StableCodes.code(availability.state()));
        return 1 + buffer.putStringUtf8(offset + 1, availability.reason(), ORDER);
    }

    public static ValueAvailability availability(DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "availability");
        int state = in.unsigned();
        String reason = in.string();
        in.end();
        return new ValueAvailability(StableCodes.availabilityState(state), reason);
    }

    // ---- attributes ----

    public int putAttribute(int member, Attribute<?> attribute, MutableDirectBuffer buffer, int offset) {
        int at = offset;
        buffer.putByte(at++, (byte) (attribute.isSupported() ? 1 : 0));
        at = putOptionalDouble(attribute.minimum(), buffer, at);
        at = putOptionalDouble(attribute.maximum(), buffer, at);
        at += domains[member].encode(attribute.domain(), buffer, at);
        return at - offset;
    }

    public Attribute<?> attribute(int member, DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "attribute");
        boolean supported = in.bool();
        Double minimum = in.optionalDouble();
        Double maximum = in.optionalDouble();
        Object domain = domains[member].decode(buffer, in.position, in.remaining());
        Attribute<Object> attribute = Attribute.unrestricted();
        try {
            attribute = attribute.withRange(minimum, maximum);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad attribute range: " + e.getMessage());
        }
        if (domain instanceof List<?> list && !list.isEmpty()) {
            attribute = attribute.withDomain(new ArrayList<>(list));
        }
        return attribute.withSupported(supported);
    }

    private static int putOptionalDouble(Double value, MutableDirectBuffer buffer, int at) {
        if (value == null) {
            buffer.putByte(at, (byte) 0);
            return at + 1;
        }
        buffer.putByte(at, (byte) 1);
        buffer.putDouble(at + 1, value, ORDER);
        return at + 9;
    }

    // ---- zones and errors ----

    public static int putZones(List<String> zones, MutableDirectBuffer buffer, int offset) {
        return STRINGS.encode(zones, buffer, offset);
    }

    @SuppressWarnings("unchecked")
    public static List<String> zones(DirectBuffer buffer, int offset, int length) {
        Object zones = STRINGS.decode(buffer, offset, length);
        if (zones == null) {
            throw new CodecException("no zone list");
        }
        for (Object zone : (List<Object>) zones) {
            if (zone == null) {
                throw new CodecException("a null zone name");
            }
        }
        return (List<String>) zones;
    }

    public static int putError(FeatureError error, MutableDirectBuffer buffer, int offset) {
        if (error == null) {
            buffer.putByte(offset, (byte) 0);
            return 1;
        }
        buffer.putByte(offset, (byte) 1);
        int at = offset + 1;
        at += buffer.putStringUtf8(at, error.code().name(), ORDER);
        at += buffer.putStringUtf8(at, error.message(), ORDER);
        return at - offset;
    }

    public static FeatureError error(DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "error");
        if (!in.bool()) {
            in.end();
            return null;
        }
        String code = in.string();
        String message = in.string();
        in.end();
        return new FeatureError(errorCode(code), message);
    }

    /** An error code by name; a code this side does not know is UNKNOWN. */
    public static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNKNOWN;
        }
    }

    // ---- operations ----

    public int putArguments(int operation, Object[] arguments, MutableDirectBuffer buffer, int offset) {
        ValueCodec[] codecs = parameters[operation];
        int count = arguments == null ? 0 : arguments.length;
        if (count != codecs.length) {
            throw new IllegalArgumentException(model.member(operation).name() + " takes " + codecs.length + " arguments, not " + count);
        }
        int at = offset;
        buffer.putInt(at, count, ORDER);
        at += 4;
        for (int i = 0; i < count; i++) {
            int length = codecs[i].encode(arguments[i], buffer, at + 4);
            buffer.putInt(at, length, ORDER);
            at += 4 + length;
        }
        return at - offset;
    }

    public Object[] arguments(int operation, DirectBuffer buffer, int offset, int length) {
        ValueCodec[] codecs = parameters[operation];
        int end = offset + length;
        if (length < 4) {
            throw new CodecException("arguments of " + model.member(operation).name() + " are truncated: 4 bytes needed, " + length + " left");
        }
        int count = buffer.getInt(offset, ORDER);
        if (count != codecs.length) {
            throw new CodecException(model.member(operation).name() + " takes " + codecs.length + " arguments; " + count + " were sent");
        }
        Object[] arguments = new Object[count];
        int at = offset + 4;
        for (int i = 0; i < count; i++) {
            if (end - at < 4) {
                throw new CodecException("arguments of " + model.member(operation).name() + " are truncated at argument " + (i + 1));
            }
            int size = buffer.getInt(at, ORDER);
            at += 4;
            if (size < 0 || size > end - at) {
                throw new CodecException("argument " + (i + 1) + " of " + model.member(operation).name() + " is " + size
                        + " bytes, more than the " + (end - at) + " left");
            }
            arguments[i] = codecs[i].decode(buffer, at, size);
            at += size;
        }
        if (at != end) {
            throw new CodecException((end - at) + " bytes after the end of the arguments of " + model.member(operation).name());
        }
        return arguments;
    }

    // ---- paging models ----

    public static int putModelOpen(Query query, String contentType, MutableDirectBuffer buffer, int offset) {
        int at = offset;
        at += buffer.putStringUtf8(at, contentType, ORDER);
        byte[] encoded = QueryCodec.encode(query);
        buffer.putInt(at, encoded.length, ORDER);
        buffer.putBytes(at + 4, encoded);
        return at + 4 + encoded.length - offset;
    }

    /** A model open request's content type and query. */
    public record ModelOpen(String contentType, Query query) {
    }

    public static ModelOpen modelOpen(DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "model request");
        String contentType = in.string();
        int size = in.integer();
        in.need(size);
        byte[] query = new byte[size];
        buffer.getBytes(in.position, query);
        in.position += size;
        in.end();
        try {
            return new ModelOpen(contentType, QueryCodec.decode(query));
        } catch (RuntimeException e) {
            throw new CodecException("bad query in a model request: " + e.getMessage());
        }
    }

    public static int putModelInfo(ModelInfo info, MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset, info.size(), ORDER);
        List<String> names = info.capabilities().stream().map(Enum::name).sorted().toList();
        return 4 + STRINGS.encode(names, buffer, offset + 4);
    }

    @SuppressWarnings("unchecked")
    public static ModelInfo modelInfo(DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "model info");
        int size = in.integer();
        List<String> names = (List<String>) STRINGS.decode(buffer, in.position, in.remaining());
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                capabilities.add(ModelCapability.valueOf(name));
            } catch (IllegalArgumentException | NullPointerException e) {
                // a capability of a newer peer: not usable here
            }
        }
        return new ModelInfo(size, capabilities);
    }

    public static int putFetch(int start, int count, MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset, start, ORDER);
        buffer.putInt(offset + 4, count, ORDER);
        return 8;
    }

    /** A fetch's start and count, as two ints in a long (start high). */
    public static long fetch(DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "fetch");
        int start = in.integer();
        int count = in.integer();
        in.end();
        if (start < 0 || count < 0) {
            throw new CodecException("a fetch of " + count + " items from " + start);
        }
        return ((long) start << 32) | (count & 0xFFFF_FFFFL);
    }

    public int putItems(int model, List<Object> list, MutableDirectBuffer buffer, int offset) {
        return itemLists[model].encode(list, buffer, offset);
    }

    @SuppressWarnings("unchecked")
    public List<Object> items(int model, DirectBuffer buffer, int offset, int length) {
        Object list = itemLists[model].decode(buffer, offset, length);
        if (list == null) {
            throw new CodecException("no item list");
        }
        return (List<Object>) list;
    }

    public int putEdit(int model, ModelEdit edit, MutableDirectBuffer buffer, int offset) {
        buffer.putByte(offset, (byte) StableCodes.code(edit.kind()));
        buffer.putInt(offset + 1, edit.index(), ORDER);
        buffer.putInt(offset + 5, edit.to(), ORDER);
        return 9 + items[model].encode(edit.item(), buffer, offset + 9);
    }

    public ModelEdit edit(int model, DirectBuffer buffer, int offset, int length) {
        Reader in = new Reader(buffer, offset, length, "model edit");
        int kind = in.unsigned();
        int index = in.integer();
        int to = in.integer();
        Object item = items[model].decode(buffer, in.position, in.remaining());
        return new ModelEdit(StableCodes.editKind(kind), index, to, item);
    }

    /** Reads little-endian fields from a bounded region, refusing to read past it. */
    private static final class Reader {
        final DirectBuffer buffer;
        final int end;
        final String what;
        int position;

        Reader(DirectBuffer buffer, int offset, int length, String what) {
            this.buffer = buffer;
            this.position = offset;
            this.end = offset + length;
            this.what = what;
        }

        void need(int bytes) {
            if (bytes < 0 || bytes > end - position) {
                throw new CodecException(what + " is truncated: " + bytes + " bytes needed, " + Math.max(0, end - position) + " left");
            }
        }

        int remaining() {
            return end - position;
        }

        int unsigned() {
            need(1);
            return buffer.getByte(position++) & 0xFF;
        }

        boolean bool() {
            int flag = unsigned();
            if (flag > 1) {
                throw new CodecException("bad boolean byte " + flag + " in " + what);
            }
            return flag == 1;
        }

        int integer() {
            need(4);
            position += 4;
            return buffer.getInt(position - 4, ORDER);
        }

        Double optionalDouble() {
            if (!bool()) {
                return null;
            }
            need(8);
            position += 8;
            return buffer.getDouble(position - 8, ORDER);
        }

        String string() {
            int length = integer();
            need(length);
            String text = buffer.getStringWithoutLengthUtf8(position, length);
            position += length;
            return text;
        }

        void end() {
            if (position != end) {
                throw new CodecException((end - position) + " bytes after the end of the " + what);
            }
        }
    }
}
