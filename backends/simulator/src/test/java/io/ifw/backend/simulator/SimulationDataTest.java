package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.model.FeatureModel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Qt's simulation data files read unchanged, and each kind of bad input named by file, path and problem. */
class SimulationDataTest {

    private static final FeatureModel ECHO = FeatureModel.of(QtInterfaces.Echo.class);
    private static final FeatureModel ZONED = FeatureModel.of(QtInterfaces.EchoZoned.class);

    private static SimulationData fixture(String name, FeatureModel model) throws Exception {
        Path folder = Path.of(System.getProperty("ifw.qt.fixtures", "../../../shared/fixtures/qt"));
        try (InputStream in = Files.newInputStream(folder.resolve(name))) {
            return SimulationData.read(name, in, model);
        }
    }

    private static SimulationData json(String text, FeatureModel model) throws SimulationDataException {
        return SimulationData.read("test.json", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), model);
    }

    @Test
    void shouldReadQtsEchoDataByTheInterfacesTrailingName() throws Exception {
        SimulationData echo = fixture("echo_minimal_simulation_data.json", ECHO);

        assertThat(echo.attribute(ECHO.property("floatValue1"), "").constraintText()).isEqualTo(">= 2");
        assertThat(echo.attribute(ECHO.property("floatValue2"), "").constraintText()).isEqualTo("<= 300");
        assertThat(echo.defaultValue(ECHO.property("weekDay"), "")).isEqualTo(QtInterfaces.WeekDay.Wednesday);
        assertThat(echo.attribute(ECHO.property("intValue"), "").constraintText()).isEmpty();
    }

    @Test
    void shouldReadQtsZonedDataWithZonesRangesDomainsAndUnsupported() throws Exception {
        SimulationData zoned = fixture("echo_minimal_simulation_data.json", ZONED);

        assertThat(zoned.zones()).containsExactly("FrontLeft");
        assertThat(zoned.attribute(ZONED.property("intValue"), "FrontLeft").constraintText()).isEqualTo("[10-33]");
        assertThat(zoned.attribute(ZONED.property("intValue"), "").constraintText()).as("no zone-less entry").isEmpty();
        assertThat(zoned.attribute(ZONED.property("stringValue"), "FrontLeft").constraintText())
                .isEqualTo("[\"hello test\",\"test string\",\"three\"]");
        assertThat(zoned.attribute(ZONED.property("rangedValue"), "FrontLeft").constraintText()).isEqualTo("[10-15]");
        assertThat(zoned.attribute(ZONED.property("unsupportedValue"), "FrontLeft").isSupported()).isFalse();
    }

    @Test
    void shouldReadTheInstrumentClusterTutorialData() throws Exception {
        FeatureModel cluster = FeatureModel.of(QtInterfaces.InstrumentCluster.class);

        assertThat(fixture("instrumentcluster_kmh.json", cluster).defaultValue(cluster.property("systemType"), ""))
                .isEqualTo(QtInterfaces.SystemType.Metric);
    }

    @Test
    void shouldNameTheFileAndPlaceOfMalformedJson() {
        assertThatThrownBy(() -> fixture("invalid-data.json", ECHO)).isInstanceOf(SimulationDataException.class)
                .hasMessageMatching("invalid-data\\.json: line \\d+, column \\d+: malformed JSON: .+");
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
