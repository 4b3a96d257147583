package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.testkit.FeatureTestKit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generic simulator serving a feature from Qt-format data through a real front end. */
class SimulatorBackendTest {

    private static SimulationData data(String json, Class<?> type) throws SimulationDataException {
        return SimulationData.read("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FeatureModel.of(type));
    }

    @Test
    void shouldServeDefaultsZonesAndConstraintsFromTheData() throws Exception {
        SimulationData data = data("""
                {"EchoZoned": {"zones": ["FrontLeft", "Rear"],
                  "intValue": {"default": {"FrontLeft": 12, "Rear": 3}, "range": {"FrontLeft": [10, 33], "Rear": [0, 11]}},
                  "stringValue": {"default": "three", "domain": ["one", "two", "three"]},
                  "unsupportedValue": {"unsupported": {"Rear": true}}}}""", QtInterfaces.EchoZoned.class);

        try (FeatureHandle<QtInterfaces.EchoZoned> handle = FeatureTestKit.bind(QtInterfaces.EchoZoned.class,
                new SimulatorBackend(QtInterfaces.EchoZoned.class, data))) {
            QtInterfaces.EchoZoned echo = handle.feature();
            assertThat(echo.zones()).containsExactly("FrontLeft", "Rear");
            assertThat(echo.zone("Rear").intValue().get()).isEqualTo(3);
            assertThat(echo.zone("FrontLeft").stringValue().get()).isEqualTo("three");
            assertThat(echo.zone("Rear").intValue().set(11).getFailure()).isNull();

            FeatureException range = (FeatureException) echo.zone("Rear").intValue().set(12).getFailure();
            FeatureException domain = (FeatureException) echo.zone("FrontLeft").stringValue().set("four").getFailure();
            FeatureException unsupported = (FeatureException) echo.zone("Rear").unsupportedValue().set("x").getFailure();

            assertThat(range.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
            assertThat(range.getMessage()).endsWith("does not accept Integer 12: the constraint is [0-11]");
            assertThat(domain.getMessage()).endsWith("does not accept String \"four\": the constraint is [\"one\",\"two\",\"three\"]");
            assertThat(unsupported.code()).isEqualTo(ErrorCode.UNSUPPORTED);
            assertThat(echo.zone("Rear").intValue().get()).as("a refused write leaves the value").isEqualTo(11);
            assertThat(echo.zone("FrontLeft").unsupportedValue().set("y").getFailure()).isNull();
        }
    }

    @Test
    void shouldTakeNewDataWhileRunning() throws Exception {
        SimulatorBackend backend = new SimulatorBackend(QtInterfaces.Echo.class,
                data("{\"Echo\": {\"intValue\": {\"default\": 1, \"maximum\": 5}}}", QtInterfaces.Echo.class));
        try (FeatureHandle<QtInterfaces.Echo> handle = FeatureTestKit.bind(QtInterfaces.Echo.class, backend)) {
            backend.apply(data("{\"Echo\": {\"intValue\": {\"default\": 7, \"maximum\": 9}}}", QtInterfaces.Echo.class));

            assertThat(handle.feature().intValue().get()).isEqualTo(7);
            assertThat(handle.feature().intValue().attribute().constraintText()).isEqualTo("<= 9");
        }
    }
}
