package io.ifw.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.Attribute;
import io.ifw.core.testing.Cabin;
import io.ifw.core.testing.Lamp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureModelTest {

    private final FeatureModel cabin = FeatureModel.of(Cabin.class);

    @Test
    void shouldReadIdVersionZonesAndMembersOrderedByName() {
        assertThat(cabin.id()).isEqualTo("io.ifw.test.Cabin");
        assertThat(cabin.version()).isEqualTo("2.1");
        assertThat(cabin.isZoned()).isTrue();
        assertThat(cabin.defaultZones()).containsExactly("FrontLeft", "FrontRight", "Rear");
        assertThat(cabin.members()).extracting(Member::name).containsExactly("airflow", "boost", "doorOpened", "fanSpeed",
                "heater", "levels", "odometer", "outsideTemperature", "preset", "presets", "profile", "recirculation",
                "resetToDefaults", "targetTemperature", "warning");
        for (int i = 0; i < cabin.members().size(); i++) {
            assertThat(cabin.member(i).index()).isEqualTo(i);
        }
    }

    @Test
    void shouldReadEveryValueType() {
        assertThat(cabin.property("heater").type()).isEqualTo(ScalarType.BOOLEAN);
        assertThat(cabin.property("fanSpeed").type()).isEqualTo(ScalarType.INT);
        assertThat(cabin.property("odometer").type()).isEqualTo(ScalarType.LONG);
        assertThat(cabin.property("targetTemperature").type()).isEqualTo(ScalarType.DOUBLE);
        assertThat(cabin.property("profile").type()).isEqualTo(ScalarType.STRING);
        assertThat(cabin.property("recirculation").type()).isEqualTo(new EnumType(Cabin.Mode.class, List.of("OFF", "ON", "AUTO")));
        assertThat(cabin.property("airflow").type().signature()).isEqualTo("set<enum Direction{WINDSHIELD,DASHBOARD,FLOOR}>");
        assertThat(cabin.property("levels").type()).isEqualTo(new ListType(ScalarType.INT));
        assertThat(cabin.property("preset").type().signature()).isEqualTo(
                "Preset{name:string,temperature:double,mode:enum Mode{OFF,ON,AUTO},position:Position{x:double,y:double},levels:list<int>}");
        assertThat(((ModelMember) cabin.member("presets")).type().item().javaType()).isEqualTo(Cabin.Preset.class);
    }

    @Test
    void shouldReadReadOnlyOperationsAndSignals() {
        assertThat(cabin.property("outsideTemperature").readOnly()).isTrue();
        assertThat(cabin.property("targetTemperature").readOnly()).isFalse();
        OperationMember boost = cabin.operation("boost");
        assertThat(boost.parameters()).extracting(OperationMember.Parameter::name).containsExactly("level", "reason");
        assertThat(boost.result()).isEqualTo(ScalarType.INT);
        assertThat(cabin.operation("resetToDefaults").result()).isEqualTo(ScalarType.VOID);
        assertThat(((SignalMember) cabin.member("warning")).payload().signature()).isEqualTo("Warning{text:string,severity:int}");
        assertThat(((SignalMember) cabin.member("doorOpened")).payload()).isEqualTo(ScalarType.VOID);
    }

    @Test
    void shouldReadEveryAttribute() {
        PropertyMember target = cabin.property("targetTemperature");
        assertThat(target.attribute().minimum()).isEqualTo(16.0);
        assertThat(target.attribute().maximum()).isEqualTo(30.0);
        assertThat(target.attribute().constraintText()).isEqualTo("[16-30]");
        assertThat(target.defaultValue()).isEqualTo(21.5);
        assertThat(cabin.property("recirculation").attribute().domain()).isEqualTo(List.of(Cabin.Mode.OFF, Cabin.Mode.AUTO));
        assertThat(cabin.property("profile").attribute().constraintText()).isEqualTo("[\"eco\",\"comfort\"]");
        assertThat(cabin.property("profile").defaultValue()).isEqualTo("comfort");
        PropertyMember odometer = cabin.property("odometer");
        assertThat(odometer.unsupportedZones()).containsExactly("Rear");
        assertThat(odometer.initialAttribute("Rear").isSupported()).isFalse();
        assertThat(odometer.initialAttribute("FrontLeft").isSupported()).isTrue();
        assertThat(cabin.property("heater").attribute()).isEqualTo(Attribute.unrestricted());
    }

    @Test
    void shouldWriteTheCanonicalSchemaText() {
        assertThat(FeatureModel.of(Lamp.class).schemaText()).isEqualTo("""
                feature io.ifw.test.Lamp
                operation blink(times:int):int
                property brightness:int
                property burnHours:int readonly
                property on:bool
                """);
    }

    @Test
    void shouldKeepTheFingerprintStableAcrossReadsAndRuns() {
        assertThat(FeatureModel.of(Lamp.class).fingerprint()).isEqualTo(FeatureModel.of(Lamp.class).fingerprint())
                .hasSize(16)
                // the SHA-256 of the schema text above; it changes only when names, types or order change
                .isEqualTo(Fingerprints.LAMP);
        assertThat(cabin.fingerprint()).isNotEqualTo(FeatureModel.of(Lamp.class).fingerprint());
    }

    @Test
    void shouldGiveTheSameFingerprintToTheSameShapeAndAnotherToAChangedType() {
        assertThat(FeatureModel.of(Evolution.LampSameShape.class).fingerprint()).isEqualTo(Fingerprints.LAMP);
        assertThat(FeatureModel.of(Evolution.LampBrightnessDouble.class).fingerprint()).isNotEqualTo(Fingerprints.LAMP);
    }

    @Test
    void shouldTolerateAddedMembersOnEitherSide() {
        CompatibilityReport report = FeatureModel.of(Lamp.class).compareWith(FeatureModel.of(Evolution.LampWithColor.class));

        assertThat(report.compatible()).isTrue();
        assertThat(report.conflicts()).isEmpty();
        assertThat(report.onlyThere()).containsExactly("color");
        assertThat(FeatureModel.of(Evolution.LampWithColor.class).compareWith(FeatureModel.of(Lamp.class)).onlyHere())
                .containsExactly("color");
    }

    @Test
    void shouldNameTheMemberWhoseTypeChanged() {
        CompatibilityReport report = FeatureModel.of(Lamp.class).compareWith(FeatureModel.of(Evolution.LampBrightnessDouble.class));

        assertThat(report.compatible()).isFalse();
        assertThat(report.conflicts()).containsExactly(
                "brightness: property brightness:int here, property brightness:double there");
        assertThat(report.summary()).startsWith("incompatible; conflicts: brightness:");
    }

    @Test
    void shouldRejectARemovedMemberThatIsRequired() {
        CompatibilityReport report = FeatureModel.of(Evolution.LampWithColor.class)
                .compareWith(FeatureModel.of(Lamp.class), Set.of("color"));

        assertThat(report.compatible()).isFalse();
        assertThat(report.conflicts()).containsExactly("color: required here, missing there");
    }

    @Test
    void shouldMatchRecordFieldsByNameAndToleratAddedFields() {
        FeatureModel v1 = FeatureModel.of(Evolution.Radio1.class);
        FeatureModel v2 = FeatureModel.of(Evolution.Radio2.class);

        assertThat(v1.compareWith(v2).compatible()).isTrue();
        assertThat(v1.fingerprint()).isNotEqualTo(v2.fingerprint());
        assertThat(v1.compareWith(FeatureModel.of(Evolution.Radio3.class)).conflicts()).containsExactly(
                "station: property station:Station{name:string,frequency:int} here, "
                        + "property station:Station{name:string,frequency:double} there");
    }

    @Test
    void shouldReadTextInEachScalarTypeAndNameWhatItCannotRead() {
        assertThat(ScalarType.DOUBLE.parse("21.5")).isEqualTo(21.5);
        assertThat(ScalarType.BOOLEAN.parse("TRUE")).isEqualTo(true);
        assertThat(new EnumType(Cabin.Mode.class, List.of("OFF", "ON", "AUTO")).parse("Mode::AUTO")).isEqualTo(Cabin.Mode.AUTO);
        assertThat(cabin.property("airflow").type().parse("FLOOR|DASHBOARD"))
                .isEqualTo(Set.of(Cabin.Direction.FLOOR, Cabin.Direction.DASHBOARD));
        assertThat(cabin.property("levels").type().parse("[1,2,3]")).isEqualTo(List.of(1, 2, 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScalarType.INT.parse("warm"))
                .hasMessage("'warm' is not an int");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnumType.of(Cabin.Mode.class).parse("HALF"))
                .hasMessage("'HALF' is not a constant of Mode [OFF, ON, AUTO]");
    }

    @Test
    void shouldCoerceNumbersOnlyWithoutLoss() {
        assertThat(ScalarType.DOUBLE.coerce(22)).isEqualTo(22.0);
        assertThat(ScalarType.INT.coerce(3.0)).isEqualTo(3);
        assertThat(ScalarType.INT.coerce(3.5)).isEqualTo(3.5);
        assertThat(ScalarType.LONG.coerce(7)).isEqualTo(7L);
    }
}
