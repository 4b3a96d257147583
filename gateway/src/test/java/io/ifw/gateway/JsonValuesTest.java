package io.ifw.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ValueType;
import io.ifw.media.AmFmTuner;
import io.ifw.media.TunerStation;
import io.ifw.vehicle.ClimateControl;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FeatureModel CLIMATE = FeatureModel.of(ClimateControl.class);
    private static final FeatureModel TUNER = FeatureModel.of(AmFmTuner.class);

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    private static ValueType type(FeatureModel model, String property) {
        return model.property(property).type();
    }

    @Test
    void shouldMapRecordsEnumsAndSetsBothWays() throws Exception {
        ValueType station = type(TUNER, "station");
        TunerStation classic = new TunerStation("FM-89300", "Classic FM", AmFmTuner.Band.FM, 89300);
        JsonNode written = JsonValues.toJson(station, classic);
        assertThat(written.toString()).isEqualTo("{\"id\":\"FM-89300\",\"name\":\"Classic FM\",\"band\":\"FM\",\"frequencyKhz\":89300}");
        assertThat(JsonValues.fromJson(station, written, "AmFmTuner.station")).isEqualTo(classic);

        ValueType directions = type(CLIMATE, "airflowDirections");
        Object set = JsonValues.fromJson(directions, json("[\"FLOOR\",\"WINDSHIELD\"]"), "w");
        assertThat(set).isEqualTo(EnumSet.of(ClimateControl.AirflowDirection.FLOOR, ClimateControl.AirflowDirection.WINDSHIELD));
        assertThat(JsonValues.toJson(directions, set).toString()).as("the enum's order").isEqualTo("[\"WINDSHIELD\",\"FLOOR\"]");
        assertThat(JsonValues.fromJson(type(CLIMATE, "fanSpeedLevel"), json("3.0"), "f")).isEqualTo(3);
        assertThat(JsonValues.toJson(type(CLIMATE, "targetTemperature"), null).isNull()).isTrue();
    }

    @Test
    void shouldNameWhatIsWrongWithAValue() throws Exception {
        assertThat(refusal(type(CLIMATE, "targetTemperature"), "\"warm\"", "ClimateControl.targetTemperature"))
                .isEqualTo("ClimateControl.targetTemperature: \"warm\" is not a double (a finite number)");
        assertThat(refusal(type(CLIMATE, "fanSpeedLevel"), "2.5", "f")).isEqualTo("f: 2.5 is not an int (a whole number)");
        assertThat(refusal(type(CLIMATE, "fanSpeedLevel"), "12345678901", "f")).isEqualTo("f: 12345678901 is not an int (a whole number)");
        assertThat(refusal(type(CLIMATE, "recirculationMode"), "\"MAX\"", "r"))
                .isEqualTo("r: 'MAX' is not a constant of RecirculationMode [OFF, ON, AUTO]");
        assertThat(refusal(type(CLIMATE, "airflowDirections"), "[\"FLOOR\", 3]", "a"))
                .isEqualTo("a[1]: 3 is not one of [WINDSHIELD, DASHBOARD, FLOOR]");
        assertThat(refusal(type(CLIMATE, "heater"), "null", "h")).isEqualTo("h: null is not a bool (true or false)");
        ValueType station = type(TUNER, "station");
        assertThat(refusal(station, "{\"id\":\"x\",\"name\":\"n\",\"band\":\"FM\"}", "s"))
                .isEqualTo("s: field 'frequencyKhz' is missing (fields: id, name, band, frequencyKhz)");
        assertThat(refusal(station, "{\"id\":\"x\",\"name\":\"n\",\"band\":\"FM\",\"frequencyKhz\":1,\"colour\":\"red\"}", "s"))
                .isEqualTo("s: unknown field 'colour' (fields: id, name, band, frequencyKhz)");
        assertThat(refusal(station, "{\"id\":\"x\",\"name\":\"n\",\"band\":\"XM\",\"frequencyKhz\":1}", "s"))
                .startsWith("s.band: 'XM' is not a constant of Band");
        assertThat(refusal(station, "[1]", "s")).isEqualTo("s: [1] is not an object TunerStation {id, name, band, frequencyKhz}");
        assertThatThrownBy(() -> JsonValues.fromJson(station, null, "s")).isInstanceOf(FeatureException.class)
                .hasMessage("s: a value is missing (expected an object TunerStation {id, name, band, frequencyKhz})");
    }

    private static String refusal(ValueType type, String json, String where) throws Exception {
        try {
            JsonValues.fromJson(type, json(json), where);
            return "accepted";
        } catch (FeatureException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            return e.getMessage();
        }
    }
}
