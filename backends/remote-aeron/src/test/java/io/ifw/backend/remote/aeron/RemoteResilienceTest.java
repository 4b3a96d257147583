package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteEndToEndTest.failureOf;
import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.client.RemoteFeature;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loss and return of the server, its backend's hot-swap, secrets and roles. */
class RemoteResilienceTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    private static ThermostatBackend export(RemoteServer server, String name, String kind, int ranking, double front) {
        ThermostatBackend backend = new ThermostatBackend(front, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", name, kind, ranking));
        return backend;
    }

    @Test
    void shouldKeepTheBackendBoundWithStaleValuesAndFailFastWhileTheServerIsGoneThenResync() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        RemoteClient client = harness.client("car", "aeron:ipc");
        Thermostat front = harness.thermostat("car").feature().zone("Front");
        List<ConnectionStatus.State> states = new CopyOnWriteArrayList<>();
        harness.thermostat("car").feature().onStatusChange(status -> states.add(status.connection().state()));

        server.close();

        await(() -> client.state() == RemoteClient.State.DISCONNECTED, "the client notices the server is gone");
        await(() -> front.target().availability().state() == ValueAvailability.State.STALE, "values turn stale");
        assertThat(front.target().get()).isEqualTo(21.5);
        long started = System.nanoTime();
        Throwable failure = failureOf(front.target().set(22.0));
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to fail").isLessThan(1_000);
        assertThat(((FeatureException) failure).code()).isEqualTo(ErrorCode.NOT_CONNECTED);
        assertThat(failure.getMessage()).startsWith("remote server on aeron:ipc is not connected: lost");
        assertThat(harness.registered).containsKey("car/io.ifw.test.Thermostat");

        RemoteServer restarted = harness.server("aeron:ipc");
        export(restarted, "local", BackendProperties.KIND_PRODUCTION, 0, 19.0);

        await(() -> client.state() == RemoteClient.State.CONNECTED, "the client reconnects by itself");
        await(() -> front.target().get() == 19.0, "the client resyncs with the new server's state");
        await(() -> front.target().availability().isAvailable(), "values are current again");
        assertThat(failureOf(front.target().set(22.0))).isNull();
        assertThat(harness.registrations).containsExactly("register car/io.ifw.test.Thermostat");
        assertThat(states).contains(ConnectionStatus.State.DISCONNECTED);
        assertThat(states.get(states.size() - 1)).isEqualTo(ConnectionStatus.State.CONNECTED);
    }

    @Test
    void shouldUnregisterWhileTheServerIsGoneAndRegisterAgainWhenItIsBack() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        RemoteClient client = harness.client("car", "aeron:ipc", "", "unregister");
        harness.remoteThermostat("car");

        server.close();
        await(() -> !harness.registered.containsKey("car/io.ifw.test.Thermostat"), "the remote backend is unregistered");
        assertThat(client.state()).isEqualTo(RemoteClient.State.DISCONNECTED);

        export(harness.server("aeron:ipc"), "local", BackendProperties.KIND_PRODUCTION, 0, 19.0);
        Thermostat again = harness.thermostat("car").feature();
        assertThat(again.zone("Front").target().get()).isEqualTo(19.0);
        assertThat(harness.registrations).containsExactly("register car/io.ifw.test.Thermostat",
                "unregister car/io.ifw.test.Thermostat", "register car/io.ifw.test.Thermostat");
    }

    @Test
    void shouldFollowTheServersHotSwapWithAResyncNotAnOutage() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend simulation = export(server, "simulator", BackendProperties.KIND_SIMULATION, -100, 18.0);
        harness.client("car", "aeron:ipc");
        Thermostat thermostat = harness.thermostat("car").feature();
        List<FeatureStatus> statuses = new CopyOnWriteArrayList<>();
        thermostat.onStatusChange(statuses::add);
        assertThat(thermostat.zone("Front").target().get()).isEqualTo(18.0);
        assertThat(harness.registeredProperties.get("car/io.ifw.test.Thermostat").get(BackendProperties.BACKEND_KIND))
                .isEqualTo(BackendProperties.KIND_SIMULATION);

        ThermostatBackend production = export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 23.0);

        await(() -> thermostat.zone("Front").target().get() == 23.0, "the production backend's state arrives");
        await(() -> BackendProperties.KIND_PRODUCTION.equals(harness.registeredProperties.get("car/io.ifw.test.Thermostat")
                .get(BackendProperties.BACKEND_KIND)), "the remote backend's kind follows the server's");
        assertThat(harness.registeredProperties.get("car/io.ifw.test.Thermostat").get(BackendProperties.BACKEND_NAME)).isEqualTo("car:local");
        assertThat(statuses).extracting(status -> status.connection().state()).doesNotContain(ConnectionStatus.State.DISCONNECTED,
                ConnectionStatus.State.SUSPECT);
        assertThat(failureOf(thermostat.zone("Front").target().set(24.0))).isNull();
        assertThat(production.target("Front")).isEqualTo(24.0);
        assertThat(simulation.target("Front")).isEqualTo(18.0);

        server.backendRemoved(production);
        await(() -> thermostat.zone("Front").target().get() == 18.0, "the swap back to the simulator arrives");
    }

    @Test
    void shouldWithdrawAFeatureWhoseLastBackendWentAway() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend backend = export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        RemoteClient client = harness.client("car", "aeron:ipc");
        harness.remoteThermostat("car");

        server.backendRemoved(backend);

        await(() -> !harness.registered.containsKey("car/io.ifw.test.Thermostat"), "the remote backend is unregistered");
        assertThat(client.feature("io.ifw.test.Thermostat").state).isEqualTo(RemoteFeature.State.WITHDRAWN);
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 22.5);
        assertThat(harness.thermostat("car").feature().zone("Front").target().get()).isEqualTo(22.5);
    }

    @Test
    void shouldRefuseAWrongOrMissingSecretOverUdp() throws Exception {
        String channel = RemoteEndToEndTest.channel("udp");
        RemoteServer server = harness.server(channel);
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        List<String> serverLines = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    serverLines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger serverLog = java.util.logging.Logger.getLogger(RemoteServer.class.getName());
        java.util.logging.Logger badInputLog = java.util.logging.Logger.getLogger(BadInput.class.getName());
        serverLog.addHandler(capture);
        badInputLog.addHandler(capture);
        try {
            RemoteClient wrong = harness.client("intruder", channel, "guess", "stay-bound");
            RemoteClient missing = harness.client("anonymous", channel, "", "stay-bound");

            await(() -> wrong.state() == RemoteClient.State.REFUSED, "the wrong secret is refused");
            await(() -> missing.state() == RemoteClient.State.REFUSED, "the missing secret is refused");
            assertThat(wrong.detail()).isEqualTo("refused by the server (PERMISSION_DENIED): wrong secret");
            assertThat(missing.detail()).isEqualTo("refused by the server (PERMISSION_DENIED): a secret is required and none was given");
            assertThat(harness.registered).isEmpty();
            await(() -> server.report().droppedMessages() >= 2, "both refusals are counted");
            // one line per refused client on the server, naming it and why; not a second "dropped a message" line
            assertThat(serverLines).filteredOn(line -> line.contains("intruder")).hasSize(1).allSatisfy(line ->
                    assertThat(line).contains("refused client").endsWith(": wrong secret"));
            assertThat(serverLines).filteredOn(line -> line.contains("anonymous")).hasSize(1);
            assertThat(serverLines).noneMatch(line -> line.contains("dropped a message"));
        } finally {
            serverLog.removeHandler(capture);
            badInputLog.removeHandler(capture);
        }
    }

    @Test
    void shouldLetAReadOnlyCredentialSubscribeButNotWriteOrCall() throws Exception {
        String channel = RemoteEndToEndTest.channel("udp");
        ThermostatBackend backend = export(harness.server(channel, "full-secret", "read-secret", 2_000), "local",
                BackendProperties.KIND_PRODUCTION, 0, 21.5);
        harness.client("viewer", channel, "read-secret", "stay-bound");
        Thermostat front = harness.thermostat("viewer").feature().zone("Front");

        assertThat(front.target().get()).isEqualTo(21.5);
        backend.measure("Front", 18.5);
        await(() -> front.measured().get() == 18.5, "a read-only client still receives changes");

        FeatureException write = (FeatureException) failureOf(front.target().set(22.0));
        assertThat(write.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(write.getMessage()).isEqualTo("client 'viewer' has a read-only credential: writes are not allowed");
        FeatureException call = (FeatureException) failureOf(front.calibrate(1, "x"));
        assertThat(call.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(backend.target("Front")).isEqualTo(21.5);
        assertThat(backend.calibrationsInFlight()).isEmpty();
    }

    @Test
    void shouldRefuseToServeUdpWithoutASecret() {
        IllegalArgumentException problem = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.of("open", "aeron:udp", 4100, List.of("*"), "", "", 500, 3000, 2000, harness.transport()));
        assertThat(problem.getMessage()).isEqualTo("serving over UDP needs a secret: set 'secret' (and 'readOnlySecret' for read-only clients)");
    }

    @Test
    void shouldListenOnLoopbackWhenAUdpChannelHasNoEndpoint() {
        ServerSettings settings = ServerSettings.of("default", "aeron:udp", 4100, List.of("*"), "x", "", 500, 3000, 2000, harness.transport());
        assertThat(settings.channel()).isEqualTo("aeron:udp?endpoint=127.0.0.1:40456");
        assertThat(Channels.isLoopback(Channels.endpoint(settings.channel()))).isTrue();
    }

    /**
     * The server's thread is held (as a long GC pause or a stalled host would hold it): the client
     * hears nothing, is SUSPECT, and stays so (its liveness timeout is two minutes, so a slow
     * machine cannot push it past SUSPECT); released, the server speaks and the client is
     * CONNECTED again, on the same session.
     */
    @Test
    void shouldCountTheEmbeddedMediaDriversErrorsInTheReport() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        await(() -> server.state() == RemoteServer.State.LISTENING, "listening");
        assertThat(server.report().driverErrors()).isZero();
        assertThat(server.report().toString()).doesNotContain("embedded media driver:");

        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             io.aeron.Aeron aeron = io.aeron.Aeron.connect(new io.aeron.Aeron.Context().aeronDirectoryName(harness.aeronDirectory))) {
            // The driver cannot bind a port another socket holds: its error handler sees it.
            assertThatThrownBy(() -> aeron.addSubscription("aeron:udp?endpoint=127.0.0.1:" + taken.getLocalPort(), 4242))
                    .isInstanceOf(io.aeron.exceptions.RegistrationException.class);
        }

        await(() -> server.report().driverErrors() >= 1, "the driver's error is counted");
        assertThat(server.report().toString()).containsPattern("  embedded media driver: [0-9]+ errors? \\(see the log\\)");
    }

    @Test
    void shouldShowAServerWhoseThreadEndedOnAnErrorAsFailedAndItsAgentInTheReport() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        harness.client("car", "aeron:ipc");
        Thermostat thermostat = harness.thermostat("car").feature();
        await(() -> thermostat.status().connection().state() == ConnectionStatus.State.CONNECTED, "connected");
        assertThat(server.report().agent().name()).isEqualTo("ifw-remote-server-test");
        await(() -> server.report().agent().dutyCycles() > 0, "its duty cycles are counted");
        assertThat(server.report().toString()).contains("  agent ifw-remote-server-test: ");

        server.execute(() -> {
            throw new AssertionError("a broken invariant");
        });

        await(() -> server.state() == RemoteServer.State.FAILED, "the server is FAILED, not silently dead");
        assertThat(server.stateDetail()).isEqualTo("its thread ended on java.lang.AssertionError: a broken invariant");
        RemoteReport.Agent agent = server.report().agent();
        assertThat(agent.running()).isFalse();
        assertThat(agent.errors()).isEqualTo(1);
        assertThat(server.report().toString()).contains("FAILED (its thread ended on java.lang.AssertionError: a broken invariant)",
                "agent ifw-remote-server-test (stopped)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldBeSuspectWhileTheServerIsSilentAndConnectedWhenItSpeaksAgain(String media) throws Exception {
        String channel = RemoteEndToEndTest.channel(media);
        RemoteServer server = harness.server(channel);
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        RemoteClient client = harness.client("car", channel, channel.startsWith("aeron:udp") ? RemoteHarness.SECRET : "", "stay-bound",
                Thermostat.class, 120_000);
        Thermostat thermostat = harness.thermostat("car").feature();
        await(() -> thermostat.status().connection().state() == ConnectionStatus.State.CONNECTED, "connected");

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        server.execute(() -> {
            held.countDown();
            try {
                release.await(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the server's thread is held").isTrue();
            await(() -> thermostat.status().connection().state() == ConnectionStatus.State.SUSPECT, "the silent server is suspect");
            assertThat(thermostat.status().connection().detail()).startsWith("no word from the server for ");
            assertThat(client.state()).isEqualTo(RemoteClient.State.SUSPECT);
            assertThat(thermostat.status().valid()).as("still bound while only suspect").isTrue();
        } finally {
            release.countDown();
        }
        await(() -> thermostat.status().connection().state() == ConnectionStatus.State.CONNECTED, "connected again once it speaks");
        assertThat(client.state()).isEqualTo(RemoteClient.State.CONNECTED);
        assertThat(thermostat.zone("Front").target().get()).isEqualTo(21.5);
    }

    @Test
    void shouldNotServeAFeatureWhoseModelDoesNotFitAndNameTheMember() throws Exception {
        export(harness.server("aeron:ipc"), "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);

        RemoteClient client = harness.client("old", "aeron:ipc", "", "stay-bound",
                io.ifw.backend.remote.aeron.testing.ThermostatWithIntTarget.class);

        await(() -> client.feature("io.ifw.test.Thermostat") != null
                && client.feature("io.ifw.test.Thermostat").state == RemoteFeature.State.INCOMPATIBLE, "the feature is found incompatible");
        assertThat(client.feature("io.ifw.test.Thermostat").detail).startsWith(
                "incompatible; conflicts: target: property target:int here, property target:double there");
        // registered, but marked incompatible: discovery never binds it and a consumer sees why
        await(() -> harness.registeredProperties.containsKey("old/io.ifw.test.Thermostat"), "the incompatible backend is registered");
        assertThat(harness.registeredProperties.get("old/io.ifw.test.Thermostat").get(BackendProperties.BACKEND_INCOMPATIBLE))
                .asString().startsWith("incompatible; conflicts: target: property target:int here, property target:double there");
        assertThatThrownBy(() -> harness.registered.get("old/io.ifw.test.Thermostat").connect(null))
                .isInstanceOf(io.ifw.core.FeatureException.class).hasMessageContaining("does not fit this process's interface");
        assertThat(client.state()).isEqualTo(RemoteClient.State.CONNECTED);
        assertThat(client.report().toString()).contains("io.ifw.test.Thermostat from local (production): INCOMPATIBLE (incompatible; conflicts: target:");
    }

    @Test
    void shouldCatchUpWithTheMissedChangesInsteadOfASnapshotAfterADisconnection() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend backend = export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        RemoteClient client = harness.client("car", "aeron:ipc");
        Thermostat front = harness.thermostat("car").feature().zone("Front");
        backend.measure("Front", 18.0);
        await(() -> front.measured().get() == 18.0, "a first change arrives");

        // While the client is away (the server's thread ends its session, then the backend changes).
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        server.disconnect("car", "a test cuts the session", () -> {
            for (int i = 1; i <= 20; i++) {
                backend.measure("Front", 18.0 + i);
            }
            backend.set("Rear", 25.0);
            changed.countDown();
        });
        assertThat(changed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        await(() -> client.state() == RemoteClient.State.CONNECTED && !server.report().clients().isEmpty()
                && server.report().clients().get(0).catchUps() == 1, "the client reconnects and catches up");
        await(() -> front.measured().get() == 38.0, "the missed changes arrive");
        await(() -> front.measured().availability().isAvailable(), "values are current again");
        assertThat(harness.thermostat("car").feature().zone("Rear").target().get()).isEqualTo(25.0);
        RemoteReport.Session session = server.report().clients().get(0);
        assertThat(session.catchUps()).as("caught up").isEqualTo(1);
        assertThat(session.snapshots()).as("no snapshot in the new session").isZero();
        assertThat(harness.registrations).containsExactly("register car/io.ifw.test.Thermostat");
    }

    @Test
    void shouldTakeASnapshotWhenTheServerRestartedAndItsSequencesStartedOver() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        export(server, "local", BackendProperties.KIND_PRODUCTION, 0, 21.5);
        harness.client("car", "aeron:ipc");
        harness.remoteThermostat("car");
        server.close();

        RemoteServer again = harness.server("aeron:ipc");
        export(again, "local", BackendProperties.KIND_PRODUCTION, 0, 19.0);

        await(() -> !again.report().clients().isEmpty() && again.report().clients().get(0).snapshots() == 1, "a snapshot, as the epoch changed");
        assertThat(again.report().clients().get(0).catchUps()).isZero();
    }
}
