package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.spi.BackendProperties;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.util.promise.Promise;

/**
 * A timeout for one call reaches the remote client: the call fails with TIMEOUT after its own
 * timeout (not the client's 60 s), other calls keep theirs, and the server's late answer is dropped
 * and counted. Nothing here depends on how fast the machine is: the backend answers only when the
 * test tells it to, after the timeout has been seen.
 */
class CallTimeoutTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldTimeOutOneCallAtItsOwnTimeoutAndDropTheLateAnswer(String media) throws Exception {
        String channel = RemoteEndToEndTest.channel(media);
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        harness.server(channel).backendAdded(backend,
                RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        RemoteClient client = harness.client("car", channel);
        Thermostat front = harness.thermostat("car").feature().zone("Front");

        Promise<Integer> patient = front.calibrate(1, "patient");
        Promise<Integer> hurried = CallTimeout.within(Duration.ofMillis(150), () -> front.calibrate(2, "hurried"));
        await(() -> backend.calibrationsInFlight().size() == 2, "both calls reach the backend");

        await(hurried::isDone, "the hurried call times out");
        Throwable failure = RemoteEndToEndTest.failureOf(hurried);
        assertThat(failure).isInstanceOf(FeatureException.class);
        assertThat(((FeatureException) failure).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).contains("within 150 ms");
        assertThat(patient.isDone()).as("a call without a timeout of its own keeps the client's 60 s").isFalse();

        backend.finishCalibration("hurried", 7);
        await(() -> client.report().lateAnswersDropped() == 1, "the late answer is dropped and counted");
        assertThat(client.report().callsTimedOut()).isEqualTo(1);
        assertThat(RemoteEndToEndTest.failureOf(hurried)).isSameAs(failure);
        assertThat(client.report().toString()).contains("1 timed out, 1 late answers dropped");

        backend.finishCalibration("patient", 3);
        await(patient::isDone, "the patient call is answered");
        assertThat(RemoteEndToEndTest.valueOf(patient)).isEqualTo(3);
        assertThat(client.report().droppedMessages()).isZero();
    }
}
