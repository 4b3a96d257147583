package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.testing.ConformanceFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Simulation data in Qt's format (the project's own files, every key and form), and each kind of bad input named by file, path and problem. */
class SimulationDataTest {

    private static final FeatureModel ECHO = FeatureModel.of(QtInterfaces.Echo.class);
    private static final FeatureModel ZONED = FeatureModel.of(QtInterfaces.EchoZoned.class);

    private static SimulationData fixture(String name, FeatureModel model) throws Exception {
        try (InputStream in = ConformanceFile.open(name)) {
            return SimulationData.read(name, in, model);
        }
    }

    private static SimulationData json(String text, FeatureModel model) throws SimulationDataException {
        return SimulationData.read("test.json", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), model);
    }

    @Test
    void shouldReadEchoDataByTheInterfacesTrailingName() throws Exception {
        SimulationData echo = fixture("echo-simulation-data.json", ECHO);

        assertThat(echo.attribute(ECHO.property("floatValue1"), "").constraintText()).isEqualTo(">= 2.5");
        assertThat(echo.attribute(ECHO.property("floatValue2"), "").constraintText()).isEqualTo("<= 250");
        assertThat(echo.defaultValue(ECHO.property("weekDay"), "")).isEqualTo(QtInterfaces.WeekDay.Thursday);
        assertThat(echo.defaultValue(ECHO.property("intValue"), "")).isEqualTo(7);
        assertThat(echo.attribute(ECHO.property("intValue"), "").constraintText()).isEmpty();
        assertThat(echo.defaultValue(ECHO.property("contact"), "")).isEqualTo(new QtInterfaces.Contact("Ada", "Lovelace", "1815"));
        assertThat(echo.defaultValue(ECHO.property("contacts"), "")).isEqualTo(List.of(
                new QtInterfaces.Contact("Alan", "Turing", "1912"), new QtInterfaces.Contact("Grace", "Hopper", "1906")));
        assertThat(echo.defaultValue(ECHO.property("airflow"), ""))
                .isEqualTo(Set.of(QtInterfaces.AirflowDirection.Dashboard, QtInterfaces.AirflowDirection.Floor));
    }

    @Test
    void shouldReadZonedDataByFullIdWithZonesRangesDomainsAndUnsupported() throws Exception {
        SimulationData zoned = fixture("echo-simulation-data.json", ZONED);

        assertThat(zoned.zones()).containsExactly("FrontLeft", "Rear");
        assertThat(zoned.attribute(ZONED.property("intValue"), "FrontLeft").constraintText()).isEqualTo("[10-33]");
        assertThat(zoned.attribute(ZONED.property("intValue"), "Rear").constraintText()).isEqualTo("[0-11]");
        assertThat(zoned.attribute(ZONED.property("intValue"), "").constraintText()).as("no zone-less entry").isEmpty();
        assertThat(zoned.defaultValue(ZONED.property("intValue"), "")).isEqualTo(0);
        assertThat(zoned.defaultValue(ZONED.property("intValue"), "FrontLeft")).isEqualTo(12);
        assertThat(zoned.defaultValue(ZONED.property("intValue"), "Rear")).isEqualTo(4);
        assertThat(zoned.attribute(ZONED.property("stringValue"), "FrontLeft").constraintText()).isEqualTo("[\"one\",\"two\",\"three\"]");
        assertThat(zoned.defaultValue(ZONED.property("stringValue"), "Rear")).isEqualTo("three");
        assertThat(zoned.attribute(ZONED.property("rangedValue"), "FrontLeft").constraintText()).isEqualTo("[10-15.5]");
        assertThat(zoned.attribute(ZONED.property("unsupportedValue"), "Rear").isSupported()).isFalse();
        assertThat(zoned.attribute(ZONED.property("unsupportedValue"), "FrontLeft").isSupported()).isTrue();
    }

    @Test
    void shouldReadAnEnumDefaultGivenByItsKeyAlone() throws Exception {
        FeatureModel cluster = FeatureModel.of(QtInterfaces.InstrumentCluster.class);

        assertThat(fixture("cluster-simulation-data.json", cluster).defaultValue(cluster.property("systemType"), ""))
                .isEqualTo(QtInterfaces.SystemType.Imperial);
    }

    @Test
    void shouldNameTheFileAndPlaceOfTruncatedJson() {
        assertThatThrownBy(() -> fixture("malformed-simulation-data.json", ECHO)).isInstanceOf(SimulationDataException.class)
                .hasMessageMatching("malformed-simulation-data\\.json: line 1[12], column \\d+: malformed JSON: .+");
    }

    @Test
    void shouldNameTheFileAndPlaceOfAnIniStyleFileGivenAsSimulationData() {
        assertThatThrownBy(() -> fixture("ini-style-settings.conf", ECHO)).isInstanceOf(SimulationDataException.class)
                .hasMessageMatching("ini-style-settings\\.conf: line 1, column \\d+: malformed JSON: .+");
    }

    @Test
    void shouldReadStructsByPositionAndByFieldNameListsAndFlags() throws Exception {
        SimulationData data = json("""
                {"Echo": {
                  "contact": {"default": {"type": "Contact", "value": {"forename": "Jane", "name": "Doe", "phone": "67890"}}},
                  "contacts": {"default": [{"type": "Contact", "value": ["John", "Doe", "12345"]}]},
                  "airflow": {"default": {"type": "enum", "value": "AirflowDirection::Floor|AirflowDirection::Windshield"}},
                  "intValue": {"default": {"=": 1, "FrontLeft": 2}}
                }}""", ECHO);

        assertThat(data.defaultValue(ECHO.property("contact"), "")).isEqualTo(new QtInterfaces.Contact("Jane", "Doe", "67890"));
        assertThat(data.defaultValue(ECHO.property("contacts"), "")).isEqualTo(List.of(new QtInterfaces.Contact("John", "Doe", "12345")));
        assertThat(data.defaultValue(ECHO.property("airflow"), ""))
                .isEqualTo(Set.of(QtInterfaces.AirflowDirection.Floor, QtInterfaces.AirflowDirection.Windshield));
        assertThat(data.defaultValue(ECHO.property("intValue"), "")).isEqualTo(1);
    }

    @Test
    void shouldNameFilePathAndProblemOfBadData() {
        assertBad("{\"Echo\": {\"bogus\": {}}}", "test.json: $.Echo.bogus: no member 'bogus' in org.example.echomodule.Echo");
        assertBad("{\"Echo\": {\"intValue\": {\"range\": [1, 2, 3]}}}", "test.json: $.Echo.intValue.range: a range has two numbers, not [1,2,3]");
        assertBad("{\"Echo\": {\"weekDay\": {\"default\": 5}}}", "test.json: $.Echo.weekDay.default: an enum value is");
        assertBad("{\"Echo\": {\"weekDay\": {\"default\": \"WeekDay::Someday\"}}}",
                "test.json: $.Echo.weekDay.default: unknown constant: 'WeekDay::Someday' is not a constant of WeekDay");
        assertBad("{\"Echo\": {\"intValue\": {\"default\": \"ten\"}}}", "test.json: $.Echo.intValue.default: expected int, found \"ten\"");
        assertBad("{\"Echo\": {\"contact\": {\"default\": {\"type\": \"Contact\", \"value\": [\"Jo\"]}}}}",
                "test.json: $.Echo.contact.default: a Contact has 3 fields, not 1");
        assertBad("{\"Echo\": {\"stringValue\": {\"minimum\": 3}}}", "test.json: $.Echo.stringValue: a range needs a numeric property, not string");
        assertBad("[1]", "test.json: $: the top level is an object of interfaces");
    }

    @Test
    void shouldNameTheInterfacesOfAFileWithoutTheFeature() {
        assertThatThrownBy(() -> json("{\"Other\": {}, \"Echo\": {}}", ZONED)).isInstanceOf(SimulationDataException.class)
                .hasMessage("test.json: $: no interface org.example.echomodule.EchoZoned or EchoZoned (the file has: Other, Echo)");
        assertThat(SimulationData.none(ZONED).zones()).isEmpty();
    }

    private static void assertBad(String text, String messageStart) {
        assertThatThrownBy(() -> json(text, ECHO)).isInstanceOf(SimulationDataException.class).hasMessageStartingWith(messageStart);
    }
}
