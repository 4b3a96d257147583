package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.testkit.FeatureTestKit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

/** Faults injected from simulation data and by the simulator's own calls, as the front end sees them. */
class FaultsTest {

    private final ManualTicker ticker = new ManualTicker();

    private SimulatorBackend simulator(String json) throws SimulationDataException {
        return new SimulatorBackend(QtInterfaces.EchoZoned.class, SimulationData.read("faults.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FeatureModel.of(QtInterfaces.EchoZoned.class)), ticker);
    }

    @Test
    void shouldMakeAValueUnavailableFromTheDataPerZone() throws Exception {
        SimulatorBackend simulator = simulator("""
                {"EchoZoned": {"zones": ["Left", "Right"],
                  "intValue": {"default": 4, "ifw:unavailable": {"Right": "sensor disconnected"}}}}""");
        try (FeatureHandle<QtInterfaces.EchoZoned> handle = FeatureTestKit.bind(QtInterfaces.EchoZoned.class, simulator)) {
            assertThat(handle.feature().zone("Right").intValue().availability())
                    .isEqualTo(ValueAvailability.notAvailable("sensor disconnected"));
            assertThat(handle.feature().zone("Left").intValue().availability()).isEqualTo(ValueAvailability.AVAILABLE);

            simulator.unavailable("intValue", "Right", null);
            assertThat(handle.feature().zone("Right").intValue().availability()).isEqualTo(ValueAvailability.AVAILABLE);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldFailTheNextRequestsWithTheCodeThenServeAgain() throws Exception {
        SimulatorBackend simulator = simulator("{\"EchoZoned\": {\"zones\": [\"Left\"], \"intValue\": {\"ifw:failNext\": {\"count\": 2, \"code\": \"TIMEOUT\"}}}}");
        try (FeatureHandle<QtInterfaces.EchoZoned> handle = FeatureTestKit.bind(QtInterfaces.EchoZoned.class, simulator)) {
            QtInterfaces.EchoZoned left = handle.feature().zone("Left");
            FeatureException first = (FeatureException) left.intValue().set(1).getFailure();
            FeatureException second = (FeatureException) left.intValue().set(2).getFailure();

            assertThat(first.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(first.getMessage()).isEqualTo("simulated failure of intValue of org.example.echomodule.EchoZoned (1 more to come)");
            assertThat(second.getMessage()).endsWith("(0 more to come)");
            assertThat(left.intValue().set(3).getFailure()).isNull();
            assertThat(left.intValue().get()).isEqualTo(3);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldAnswerLaterWithLatencyOnTheSimulatorsClock() throws Exception {
        SimulatorBackend simulator = simulator("{\"EchoZoned\": {\"zones\": [\"Left\"]}}");
        simulator.latency("stringValue", 300);
        try (FeatureHandle<QtInterfaces.EchoZoned> handle = FeatureTestKit.bind(QtInterfaces.EchoZoned.class, simulator)) {
            Promise<Void> write = handle.feature().zone("Left").stringValue().set("slow");

            ticker.advance(299);
            assertThat(write.isDone()).isFalse();
            ticker.advance(1);
            assertThat(write.isDone()).isTrue();
            assertThat(write.getFailure()).isNull();
            assertThat(ticker.scheduled()).as("the one-shot delay is gone").isZero();
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldRefuseBadFaultDataAndUnknownMembers() throws Exception {
        assertThatThrownBy(() -> simulator("{\"EchoZoned\": {\"intValue\": {\"ifw:failNext\": {\"count\": 1, \"code\": \"OOPS\"}}}}"))
                .hasMessageStartingWith("faults.json: $.EchoZoned.intValue.ifw:failNext.code: unknown error code 'OOPS'");
        assertThatThrownBy(() -> simulator("{\"EchoZoned\": {\"intValue\": {\"ifw:latencyMs\": \"soon\"}}}"))
                .hasMessageStartingWith("faults.json: $.EchoZoned.intValue.ifw:latencyMs: a latency is a number of ms");
        SimulatorBackend simulator = simulator("{\"EchoZoned\": {}}");
        assertThatThrownBy(() -> simulator.failNext("nothing", 1, ErrorCode.UNKNOWN))
                .hasMessage("no member 'nothing' in org.example.echomodule.EchoZoned");
        simulator.stop();
    }
}
