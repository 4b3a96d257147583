package io.ifw.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.Feature;
import io.ifw.core.Property;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ValueType;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    enum Mode { OFF, ON, AUTO }

    enum Direction { WINDSHIELD, DASHBOARD, FLOOR }

    record Position(double x, double y) {
    }

    record Preset(String name, double temperature, Mode mode, Position position, List<Integer> levels, boolean favourite, long id) {
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Codec")
    interface Everything extends Feature {
        Property<Boolean> flag();

        Property<Integer> number();

        Property<Long> big();

        Property<Double> real();

        Property<String> text();

        Property<Mode> mode();

        Property<Set<Direction>> directions();

        Property<List<Preset>> presets();

        Property<Preset> preset();
    }

    /** The same record as a peer of an older release has it: without two fields, and one more of its own. */
    interface Older {
        record Preset(String name, double temperature, String note) {
        }

        @io.ifw.core.annotations.Feature(id = "io.ifw.test.Codec")
        interface Codec extends Feature {
            Property<Preset> preset();
        }
    }

    private static final FeatureModel MODEL = FeatureModel.of(Everything.class);
    private static final Preset PRESET = new Preset("Summer", 19.5, Mode.AUTO, new Position(1.5, -2), List.of(1, 2, 3), true, 1L << 40);

    private static ValueType type(String property) {
        return MODEL.property(property).type();
    }

    private static Object roundTrip(String property, Object value) {
        ValueCodec codec = ValueCodec.of(type(property));
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        int length = codec.encode(value, buffer, 3);
        return codec.decode(buffer, 3, length);
    }

    @Test
    void shouldRoundTripEveryType() {
        assertThat(roundTrip("flag", true)).isEqualTo(true);
        assertThat(roundTrip("number", -42)).isEqualTo(-42);
        assertThat(roundTrip("big", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(roundTrip("real", 21.75)).isEqualTo(21.75);
        assertThat(roundTrip("text", "Grüße, 世界")).isEqualTo("Grüße, 世界");
        assertThat(roundTrip("mode", Mode.ON)).isEqualTo(Mode.ON);
        assertThat(roundTrip("directions", EnumSet.of(Direction.FLOOR, Direction.WINDSHIELD)))
                .isEqualTo(EnumSet.of(Direction.FLOOR, Direction.WINDSHIELD));
        assertThat(roundTrip("directions", EnumSet.noneOf(Direction.class))).isEqualTo(Set.of());
        assertThat(roundTrip("preset", PRESET)).isEqualTo(PRESET);
        assertThat(roundTrip("presets", List.of(PRESET, PRESET))).isEqualTo(List.of(PRESET, PRESET));
        assertThat(roundTrip("text", null)).isNull();
    }

    @Test
    void shouldLetPeersWithOtherRecordFieldsUnderstandEachOther() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        int length = ValueCodec.of(type("preset")).encode(PRESET, buffer, 0);

        ValueType older = FeatureModel.of(Older.Codec.class).property("preset").type();
        Object decoded = ValueCodec.of(older).decode(buffer, 0, length);

        assertThat(decoded).isEqualTo(new Older.Preset("Summer", 19.5, ""));
        int back = ValueCodec.of(older).encode(new Older.Preset("Winter", 23.0, "cosy"), buffer, 0);
        assertThat(ValueCodec.of(type("preset")).decode(buffer, 0, back))
                .isEqualTo(new Preset("Winter", 23.0, Mode.OFF, new Position(0.0, 0.0), List.of(), false, 0L));
    }

    @Test
    void shouldRefuseMalformedBytesNamingWhatIsWrong() {
        ValueCodec codec = ValueCodec.of(type("preset"));
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        int length = codec.encode(PRESET, buffer, 0);

        assertThatThrownBy(() -> codec.decode(buffer, 0, length - 5)).isInstanceOf(CodecException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(buffer, 0, length + 2)).isInstanceOf(CodecException.class)
                .hasMessage("2 bytes after the end of a Preset");
        UnsafeBuffer bad = new UnsafeBuffer(new byte[] {1, 3, 0, 0, 0, 'O', 'F', 'X'});
        assertThatThrownBy(() -> ValueCodec.of(type("mode")).decode(bad, 0, 8)).hasMessage("unknown constant 'OFX' of Mode in value");
        assertThatThrownBy(() -> ValueCodec.of(type("flag")).decode(new UnsafeBuffer(new byte[] {7}), 0, 1))
                .hasMessage("bad presence byte 7 of value");
    }

    @Test
    void shouldCheckScalarsOnTheirShortPathAsStrictly() {
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        ValueCodec doubles = ValueCodec.of(io.ifw.core.model.ScalarType.DOUBLE);
        int length = doubles.encode(21.5, buffer, 0);

        assertThat(doubles.decode(buffer, 0, length)).isEqualTo(21.5);
        assertThatThrownBy(() -> doubles.decode(buffer, 0, length - 1)).isInstanceOf(CodecException.class)
                .hasMessage("value is truncated: 8 bytes needed, 7 left");
        assertThatThrownBy(() -> doubles.decode(buffer, 0, length + 3)).hasMessage("3 bytes after the end of a double");
        assertThatThrownBy(() -> doubles.decode(buffer, 0, 0)).hasMessage("value is truncated: 1 bytes needed, 0 left");
        int none = doubles.encode(null, buffer, 0);
        assertThat(doubles.decode(buffer, 0, none)).isNull();
        ValueCodec strings = ValueCodec.of(io.ifw.core.model.ScalarType.STRING);
        int text = strings.encode("Rear", buffer, 0);
        assertThat(strings.decode(buffer, 0, text)).isEqualTo("Rear");
        assertThatThrownBy(() -> strings.decode(buffer, 0, text - 1)).hasMessage("a string of 4 bytes does not fit in value");
        ValueCodec flags = ValueCodec.of(io.ifw.core.model.ScalarType.BOOLEAN);
        buffer.putByte(0, (byte) 1);
        buffer.putByte(1, (byte) 2);
        assertThatThrownBy(() -> flags.decode(buffer, 0, 2)).hasMessage("bad boolean byte 2 of value");
    }

    @Test
    void shouldDecodeKnownEnumConstantsAndStillNameUnknownOnes() {
        ValueCodec modes = ValueCodec.of(type("mode"));
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        for (Object constant : ((io.ifw.core.model.EnumType) type("mode")).javaType().getEnumConstants()) {
            int length = modes.encode(constant, buffer, 0);
            assertThat(modes.decode(buffer, 0, length)).isSameAs(constant);
        }
    }

    @Test
    void shouldSurviveRandomAndMutatedBytesWithCodecExceptionsOnly() {
        ValueCodec codec = ValueCodec.of(type("presets"));
        ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        int length = codec.encode(List.of(PRESET, PRESET), buffer, 0);
        byte[] valid = new byte[length];
        buffer.getBytes(0, valid);
        Random random = new Random(7);
        long deadline = System.nanoTime() + 2_000_000_000L;
        int rounds = 0;
        while (System.nanoTime() < deadline && rounds < 200_000) {
            byte[] bytes = valid.clone();
            if (random.nextInt(4) == 0) {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            } else {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
            } catch (CodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            rounds++;
        }
        assertThat(rounds).isGreaterThan(1_000);
    }
}
