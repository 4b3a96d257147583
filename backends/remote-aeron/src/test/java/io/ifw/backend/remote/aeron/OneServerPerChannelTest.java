package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.backend.remote.aeron.testing.ThermostatWithMoreModes;
import io.ifw.core.FeatureHandle;
import io.ifw.core.spi.BackendProperties;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One server per channel and stream (a second is refused, naming the first; the channel is free
 * again once the first stops), and peers of different builds agreeing on enum constants by identity.
 */
class OneServerPerChannelTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    private RemoteServer second(String channel, int streamId) {
        ServerSettings settings = ServerSettings.of("second", channel, streamId, List.of("*"),
                channel.startsWith("aeron:udp") ? "another secret" : "", "", 100, 1_000, 2_000, harness.transport());
        RemoteServer server = new RemoteServer(settings);
        server.start();
        return server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldRefuseASecondServerOnTheSameChannelNamingTheFirst(String media) throws Exception {
        String channel = RemoteEndToEndTest.channel(media);
        RemoteServer first = harness.server(channel);
        first.backendAdded(new ThermostatBackend(21.5, 20.0),
                RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));

        RemoteServer second = second(channel, 4100);
        try {
            assertThat(second.state()).isEqualTo(RemoteServer.State.FAILED);
            assertThat(second.stateDetail()).startsWith("not started: server 'test' in process " + ProcessHandle.current().pid())
                    .contains("already serves " + channel + " stream 4100 (lock ");
            // the client is served by the first server only: no refusal meant for nobody
            harness.client("car", channel);
            FeatureHandle<Thermostat> thermostat = harness.thermostat("car");
            assertThat(thermostat.feature().zone("Front").target().get()).isEqualTo(21.5);
        } finally {
            second.close();
        }
        RemoteServer otherStream = second(channel, 4101);
        try {
            await(() -> otherStream.state() == RemoteServer.State.LISTENING, "a server on another stream of the channel listens");
        } finally {
            otherStream.close();
        }
        first.close();
        RemoteServer after = second(channel, 4100);
        try {
            await(() -> after.state() == RemoteServer.State.LISTENING, "the channel is free once the first server stopped");
        } finally {
            after.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldAgreeOnEnumConstantsByIdentityWithAPeerWhoseEnumHasAConstantInserted(String media) throws Exception {
        String channel = RemoteEndToEndTest.channel(media);
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        harness.server(channel).backendAdded(backend,
                RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        harness.client("later", channel, channel.startsWith("aeron:udp") ? RemoteHarness.SECRET : "", "stay-bound",
                ThermostatWithMoreModes.class);
        harness.client("current", channel);
        ThermostatWithMoreModes later = harness.bind(ThermostatWithMoreModes.class, harness.remoteThermostat("later")).feature();
        Thermostat current = harness.thermostat("current").feature();

        // by ordinal, the server's HEAT (1) would read as AUTO here
        assertThat(later.zone("Front").mode().get()).isEqualTo(ThermostatWithMoreModes.Mode.HEAT);
        assertThat(later.zone("Front").schedule().get().mode()).isEqualTo(ThermostatWithMoreModes.Mode.HEAT);
        assertThat(RemoteEndToEndTest.failureOf(later.zone("Front").mode().set(ThermostatWithMoreModes.Mode.COOL))).isNull();
        await(() -> current.zone("Front").mode().get() == Thermostat.Mode.COOL, "COOL written by the later build is COOL for the server");
    }
}
