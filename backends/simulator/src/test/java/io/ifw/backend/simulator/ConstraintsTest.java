package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifw.core.testing.ConformanceFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The simulator's constraint checks and texts against the project's conformance cases (Qt's precedence and texts). */
class ConstraintsTest {

    private static final ConformanceFile CASES = ConformanceFile.load("constraints.json");

    @TestFactory
    Stream<DynamicTest> shouldCheckWritesAsQtsSimulatorDoes() {
        return CASES.entries("checks", 45).stream().map(entry -> DynamicTest.dynamicTest(entry.text("name"), () -> {
            JsonNode data = entry.json("data");
            assertThat(Constraints.check(data, entry.json("value"), entry.textOrNull("zone"))).as(entry.toString())
                    .isEqualTo(entry.flag("allowed"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> shouldWriteConstraintsAsQtsSimulatorDoes() {
        return CASES.entries("texts", 18).stream().map(entry -> DynamicTest.dynamicTest(entry.text("name"), () ->
                assertThat(Constraints.text(entry.json("data"), entry.textOrNull("zone"))).as(entry.toString())
                        .isEqualTo(entry.text("text"))));
    }
}
