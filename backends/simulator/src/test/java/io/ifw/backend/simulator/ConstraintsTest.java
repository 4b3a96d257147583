package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Qt's simulator constraint cases (ifsimulator_checksettings_vectors.json), in full. */
class ConstraintsTest {

    static JsonNode fixture(String name) throws IOException {
        Path folder = Path.of(System.getProperty("ifw.qt.fixtures", "../../../shared/fixtures/qt"));
        return new ObjectMapper().readTree(folder.resolve(name).toFile());
    }

    @TestFactory
    Stream<DynamicTest> shouldCheckSettingsAsQtDoes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : fixture("ifsimulator_checksettings_vectors.json").get("checkSettings")) {
            String zone = vector.get("zone").isNull() ? null : vector.get("zone").asText();
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () ->
                    assertThat(Constraints.check(vector.get("data"), vector.get("value"), zone))
                            .as(vector.toString()).isEqualTo(vector.get("expected").asBoolean())));
        }
        assertThat(tests).hasSize(30);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldWriteConstraintsAsQtDoes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : fixture("ifsimulator_checksettings_vectors.json").get("constraint")) {
            String zone = vector.get("zone").isNull() ? null : vector.get("zone").asText();
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () ->
                    assertThat(Constraints.text(vector.get("data"), zone)).as(vector.toString())
                            .isEqualTo(vector.get("expected").asText())));
        }
        assertThat(tests).hasSize(12);
        return tests.stream();
    }
}
