package io.ifw.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelCapability;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.query.Query;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import java.util.EnumSet;
import java.util.List;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class FeatureCodecTest {

    private final FeatureModel model = FeatureModel.of(Thermostat.class);
    private final FeatureCodec payloads = new FeatureCodec(model);
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64);

    private int index(String member) {
        return model.member(member).index();
    }

    @Test
    void shouldRoundTripAttributesWithRangeAndDomain() {
        int target = index("target");
        Attribute<Double> attribute = Attribute.<Double>range(16.0, 30.0).withDomain(List.of(16.0, 21.5, 30.0));

        int length = payloads.putAttribute(target, attribute, buffer, 0);

        assertThat(payloads.attribute(target, buffer, 0, length)).isEqualTo(attribute);
        int unsupported = payloads.putAttribute(target, Attribute.unsupported(), buffer, 0);
        assertThat(payloads.attribute(target, buffer, 0, unsupported).isSupported()).isFalse();
    }

    @Test
    void shouldRoundTripAvailabilityErrorsAndZones() {
        int length = FeatureCodec.putAvailability(ValueAvailability.notAvailable("sensor lost"), buffer, 0);
        assertThat(FeatureCodec.availability(buffer, 0, length)).isEqualTo(ValueAvailability.notAvailable("sensor lost"));

        length = FeatureCodec.putError(new FeatureError(ErrorCode.UNSUPPORTED, "no heater"), buffer, 0);
        assertThat(FeatureCodec.error(buffer, 0, length)).isEqualTo(new FeatureError(ErrorCode.UNSUPPORTED, "no heater"));
        length = FeatureCodec.putError(null, buffer, 0);
        assertThat(FeatureCodec.error(buffer, 0, length)).isNull();

        length = FeatureCodec.putZones(List.of("Front", "Rear"), buffer, 0);
        assertThat(FeatureCodec.zones(buffer, 0, length)).containsExactly("Front", "Rear");
    }

    @Test
    void shouldRoundTripOperationArgumentsAndRefuseAWrongCount() {
        int calibrate = index("calibrate");

        int length = payloads.putArguments(calibrate, new Object[] {3, "drift"}, buffer, 0);

        assertThat(payloads.arguments(calibrate, buffer, 0, length)).containsExactly(3, "drift");
        assertThatThrownBy(() -> payloads.putArguments(calibrate, new Object[] {3}, buffer, 0))
                .hasMessage("calibrate takes 2 arguments, not 1");
        buffer.putInt(0, 1);
        assertThatThrownBy(() -> payloads.arguments(calibrate, buffer, 0, length))
                .isInstanceOf(CodecException.class).hasMessage("calibrate takes 2 arguments; 1 were sent");
    }

    @Test
    void shouldRoundTripModelRequestsItemsAndEdits() {
        int schedules = index("schedules");
        Query query = Query.parse("name='sched*' [/target]");

        int length = FeatureCodec.putModelOpen(query, "", buffer, 0);
        FeatureCodec.ModelOpen open = FeatureCodec.modelOpen(buffer, 0, length);
        assertThat(open.query().toString()).isEqualTo(query.toString());
        assertThat(open.contentType()).isEmpty();

        length = FeatureCodec.putModelInfo(new ModelInfo(1000, EnumSet.of(ModelCapability.INSERT, ModelCapability.FILTERING)), buffer, 0);
        assertThat(FeatureCodec.modelInfo(buffer, 0, length)).isEqualTo(new ModelInfo(1000, EnumSet.of(ModelCapability.INSERT,
                ModelCapability.FILTERING)));

        List<Object> items = List.of(new Thermostat.Schedule("a", 20.0, Thermostat.Mode.OFF), new Thermostat.Schedule("b", 21.0, Thermostat.Mode.COOL));
        length = payloads.putItems(schedules, items, buffer, 0);
        assertThat(payloads.items(schedules, buffer, 0, length)).isEqualTo(items);

        ModelEdit edit = new ModelEdit(ModelEdit.Kind.INSERT, 2, -1, new Thermostat.Schedule("c", 19.0, Thermostat.Mode.HEAT));
        length = payloads.putEdit(schedules, edit, buffer, 0);
        assertThat(payloads.edit(schedules, buffer, 0, length)).isEqualTo(edit);

        length = FeatureCodec.putFetch(500, 200, buffer, 0);
        long range = FeatureCodec.fetch(buffer, 0, length);
        assertThat((int) (range >>> 32)).isEqualTo(500);
        assertThat((int) range).isEqualTo(200);
    }

    @Test
    void shouldRefuseTruncatedAndTrailingBytes() {
        int length = FeatureCodec.putAvailability(ValueAvailability.stale("swap"), buffer, 0);
        for (int cut = 0; cut < length; cut++) {
            int at = cut;
            assertThatThrownBy(() -> FeatureCodec.availability(buffer, 0, at)).isInstanceOf(CodecException.class);
        }
        assertThatThrownBy(() -> FeatureCodec.availability(buffer, 0, length + 1)).isInstanceOf(CodecException.class)
                .hasMessage("1 bytes after the end of the availability");
        buffer.putByte(0, (byte) 7);
        assertThatThrownBy(() -> FeatureCodec.availability(buffer, 0, length)).hasMessage("unknown availability state 7");
    }

    @Test
    void shouldMapAnErrorCodeOfANewerPeerToUnknown() {
        assertThat(FeatureCodec.errorCode("TIMEOUT")).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(FeatureCodec.errorCode("SOMETHING_NEW")).isEqualTo(ErrorCode.UNKNOWN);
    }

    /**
     * Bytes as the first format wrote them (laid out here by hand, not by the codec) decode to the
     * same constants, and every constant keeps its code whatever its place in its Java enum: a
     * constant inserted in the middle of ValueAvailability.State or ModelEdit.Kind must get a new
     * code and leaves these bytes meaning what they meant.
     */
    @Test
    void shouldDecodeTheFirstFormatsEnumCodesWhateverTheOrderOfTheJavaEnums() {
        UnsafeBuffer old = new UnsafeBuffer(new byte[32]);
        old.putByte(0, (byte) 2); // STALE
        old.putInt(1, 4, java.nio.ByteOrder.LITTLE_ENDIAN);
        old.putBytes(5, "swap".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(FeatureCodec.availability(old, 0, 9)).isEqualTo(ValueAvailability.stale("swap"));

        assertThat(java.util.Map.of(ValueAvailability.State.AVAILABLE, 0, ValueAvailability.State.NOT_AVAILABLE, 1,
                ValueAvailability.State.STALE, 2)).allSatisfy((state, code) -> {
                    assertThat(StableCodes.code(state)).as(state.name()).isEqualTo(code);
                    assertThat(StableCodes.availabilityState(code)).isEqualTo(state);
                }).hasSize(ValueAvailability.State.values().length);
        assertThat(java.util.Map.of(io.ifw.core.spi.ModelEdit.Kind.INSERT, 0, io.ifw.core.spi.ModelEdit.Kind.REMOVE, 1,
                io.ifw.core.spi.ModelEdit.Kind.MOVE, 2)).allSatisfy((kind, code) -> {
                    assertThat(StableCodes.code(kind)).as(kind.name()).isEqualTo(code);
                    assertThat(StableCodes.editKind(code)).isEqualTo(kind);
                }).hasSize(io.ifw.core.spi.ModelEdit.Kind.values().length);
        assertThatThrownBy(() -> StableCodes.editKind(3)).isInstanceOf(CodecException.class).hasMessage("unknown model edit kind 3");
    }
}
