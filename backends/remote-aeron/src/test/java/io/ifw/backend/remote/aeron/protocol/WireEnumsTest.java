package io.ifw.backend.remote.aeron.protocol;


import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.ErrorCode;
import io.ifw.core.ModelChange;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderEncoder;
import io.ifw.remote.protocol.sbe.ModelChangedDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.ResultDecoder;
import java.nio.ByteOrder;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The protocol's enums have fixed wire values: frames of a peer of the first protocol version (laid
 * out by hand here, with the raw numbers it sent) decode to the same constants, whatever the order
 * of the Java enums on this side.
 */
class WireEnumsTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Every error code and its fixed wire value: the ordinals of the first version, never renumbered. */
    private static final Map<ErrorCode, Integer> ERROR_CODES = Map.ofEntries(
            Map.entry(ErrorCode.PERMISSION_DENIED, 0), Map.entry(ErrorCode.INVALID_OPERATION, 1), Map.entry(ErrorCode.TIMEOUT, 2),
            Map.entry(ErrorCode.INVALID_ZONE, 3), Map.entry(ErrorCode.UNKNOWN, 4), Map.entry(ErrorCode.NOT_CONNECTED, 5),
            Map.entry(ErrorCode.INCOMPATIBLE, 6), Map.entry(ErrorCode.OUT_OF_RANGE, 7), Map.entry(ErrorCode.UNSUPPORTED, 8),
            Map.entry(ErrorCode.BACKEND_GONE, 9), Map.entry(ErrorCode.NO_BACKEND, 10), Map.entry(ErrorCode.INVALID_ARGUMENT, 11));

    @Test
    void shouldGiveEveryErrorCodeItsFixedWireValueBothWays() {
        assertThat(ERROR_CODES).hasSize(ErrorCode.values().length);
        ERROR_CODES.forEach((code, wire) -> {
            assertThat((int) WireEnums.toWire(code).value()).as(code.name()).isEqualTo(wire);
            assertThat(WireEnums.errorCode(wire.shortValue())).isEqualTo(code);
        });
        assertThat(WireEnums.fromWire(io.ifw.remote.protocol.sbe.ErrorCode.NONE)).isNull();
        assertThat(WireEnums.errorCode((short) 99)).as("a newer peer's code")
                .isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void shouldReadAFirstVersionResultAndRefusalByTheirRawCodes() {
        UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        header(frame, ResultDecoder.BLOCK_LENGTH, ResultDecoder.TEMPLATE_ID);
        frame.putLong(8, 42L, LE);
        frame.putShort(16, (short) 7, LE); // OUT_OF_RANGE as the first version sent it
        frame.putInt(18, 0, LE); // empty message
        frame.putInt(22, 0, LE); // empty payload
        ResultDecoder result = new ResultDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
        assertThat(result.correlationId()).isEqualTo(42L);
        assertThat(WireEnums.errorCode(result.errorCodeRaw())).isEqualTo(ErrorCode.OUT_OF_RANGE);

        frame.putShort(16, (short) -1, LE); // success
        assertThat(WireEnums.errorCode(new ResultDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder()).errorCodeRaw())).isNull();

        header(frame, RefusedDecoder.BLOCK_LENGTH, RefusedDecoder.TEMPLATE_ID);
        frame.putShort(16, (short) 0, LE); // PERMISSION_DENIED
        RefusedDecoder refused = new RefusedDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
        assertThat(WireEnums.errorCode(refused.errorCodeRaw())).isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void shouldGiveEveryModelChangeKindItsFixedWireValue() {
        Map<ModelChange.Kind, Integer> kinds = Map.of(ModelChange.Kind.INSERTED, 0, ModelChange.Kind.REMOVED, 1,
                ModelChange.Kind.MOVED, 2, ModelChange.Kind.CHANGED, 3, ModelChange.Kind.RESET, 4);
        assertThat(kinds).hasSize(ModelChange.Kind.values().length);
        kinds.forEach((kind, wire) -> assertThat((int) WireEnums.toWire(kind).value()).as(kind.name()).isEqualTo(wire));

        UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        header(frame, ModelChangedDecoder.BLOCK_LENGTH, ModelChangedDecoder.TEMPLATE_ID);
        frame.putShort(8, (short) 3, LE); // feature index
        frame.putLong(10, 5L, LE); // instance
        frame.putByte(18, (byte) 4); // RESET as the first version sent it
        ModelChangedDecoder changed = new ModelChangedDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
        assertThat(WireEnums.changeKind(changed.kindRaw())).isEqualTo(ModelChange.Kind.RESET);
        frame.putByte(18, (byte) 9);
        assertThat(WireEnums.changeKind(new ModelChangedDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder()).kindRaw()))
                .as("a kind this side does not know").isNull();
    }

    private static void header(UnsafeBuffer frame, int blockLength, int templateId) {
        new MessageHeaderEncoder().wrap(frame, 0).blockLength(blockLength).templateId(templateId)
                .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
    }
}
