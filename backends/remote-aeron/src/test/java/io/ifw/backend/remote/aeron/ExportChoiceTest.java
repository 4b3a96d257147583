package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.core.spi.BackendProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which local backend a server exports: discovery's rule in AUTO (core BackendOrder), and none of a kind discovery ignores. */
class ExportChoiceTest {

    private static final String THERMOSTAT = "io.ifw.test.Thermostat";

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    private static String exported(RemoteServer server) {
        return server.report().features().stream().filter(e -> e.featureId().equals(THERMOSTAT)).map(RemoteReport.Exported::backend)
                .findFirst().orElse("(not offered)");
    }

    @Test
    void shouldExportProductionBeforeAHigherRankedSimulatorThenFollowTheRanking() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        server.backendAdded(new ThermostatBackend(20.0, 20.0), RemoteHarness.properties(THERMOSTAT, "sim", BackendProperties.KIND_SIMULATION, 100));
        await(() -> exported(server).equals("sim (simulation)"), "the simulator, while it is the only one");

        server.backendAdded(new ThermostatBackend(21.0, 20.0), RemoteHarness.properties(THERMOSTAT, "hardware", BackendProperties.KIND_PRODUCTION, 0));
        await(() -> exported(server).equals("hardware (production)"), "production before a higher-ranked simulator");

        server.backendAdded(new ThermostatBackend(22.0, 20.0), RemoteHarness.properties(THERMOSTAT, "spare", BackendProperties.KIND_PRODUCTION, 5));
        await(() -> exported(server).equals("spare (production)"), "then the higher ranking");
    }

    @Test
    void shouldNotExportABackendOfAKindDiscoveryIgnores() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        Map<String, Object> recorded = RemoteHarness.properties(THERMOSTAT, "recorded", "recorded", 50);
        server.backendAdded(new ThermostatBackend(20.0, 20.0), recorded);
        server.backendAdded(new ThermostatBackend(21.0, 20.0), RemoteHarness.properties(THERMOSTAT, "sim", BackendProperties.KIND_SIMULATION, 0));

        // refused on the caller's thread, before anything is queued: the simulator (ranked lower) is the only candidate
        await(() -> exported(server).equals("sim (simulation)"), "the simulator is exported, the recorded backend is not");
    }
}
