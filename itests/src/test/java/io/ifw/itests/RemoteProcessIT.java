package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureHandle;
import io.ifw.core.FeatureOptions;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.media.AmFmTuner;
import io.ifw.media.TunerStation;
import io.ifw.vehicle.ClimateControl;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.promise.Promise;

/**
 * The remote backends across processes: the built distribution runs as a second JVM and serves
 * its local backends; this container (its local backends stopped) takes the features from it
 * with remote clients, over aeron:ipc and over aeron:udp on loopback.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RemoteProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    private static final String TUNER = "io.ifw.media.AmFmTuner";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ClimateControl climate;

    @Inject
    private AmFmTuner tuner;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private CommandProcessor shell;

    private Path work;
    private Path aeron;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<org.osgi.service.cm.Configuration> clients = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Before
    public void stopLocalBackends() throws Exception {
        for (Bundle bundle : context.getBundles()) {
            if ("io.ifw.backend.local".equals(bundle.getSymbolicName()) || "io.ifw.backend.local.media".equals(bundle.getSymbolicName())) {
                bundle.stop();
            }
        }
        work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ifw-remote-it-" + System.nanoTime()));
        aeron = work.resolve("aeron");
    }

    @After
    public void stopAll() throws Exception {
        for (org.osgi.service.cm.Configuration client : clients) {
            client.delete();
        }
        for (ServerProcess server : servers) {
            server.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private ServerProcess startServer(Map<String, String> settings) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "itest");
        config.put("heartbeatIntervalMs", "200");
        config.put("livenessTimeoutMs", "1500");
        config.put("driverTimeoutMs", "3000");
        config.putAll(settings);
        ServerProcess server = ServerProcess.start(work, ServerProcess.config(config), aeron);
        servers.add(server);
        return server;
    }

    private void startClient(String name, String channel, String secret, int ranking) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getFactoryConfiguration("io.ifw.remote.client", name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("channel", channel);
        properties.put("secret", secret);
        properties.put("aeronDirectory", aeron.toString());
        properties.put("onLoss", "unregister");
        properties.put("ranking", ranking);
        properties.put("heartbeatIntervalMs", 200L);
        properties.put("suspectAfterMs", 600L);
        properties.put("livenessTimeoutMs", 1500L);
        properties.put("driverTimeoutMs", 3000L);
        properties.put("callTimeoutMs", 10_000L);
        configuration.update(properties);
        clients.add(configuration);
    }

    private String remoteReport() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        CommandSession session = shell.createSession(InputStream.nullInputStream(), out, out);
        try {
            Object result = session.execute("ifw:remote");
            return String.valueOf(result);
        } finally {
            session.close();
        }
    }

    private void awaitBound(String featureId, String backend) {
        await().atMost(WAIT).until(() -> {
            FeatureStatus status = registry.status(featureId);
            return status.initialized() && status.backend() != null && backend.equals(status.backend().name());
        });
    }

    private static <T> T resolved(Promise<T> promise) throws Exception {
        Throwable failure = promise.getFailure();
        if (failure != null) {
            throw new AssertionError("expected success, got " + failure, failure);
        }
        return promise.getValue();
    }

    @Test
    public void shouldServeTheDistributionOverIpcToTwoClientsAndFailOverToTheSimulatorWhenItIsKilled() throws Exception {
        ServerProcess server = startServer(Map.of("channel", "aeron:ipc"));
        startClient("a", "aeron:ipc", "", 5);
        awaitBound(CLIMATE, "a:climate-local");
        awaitBound(TUNER, "a:tuner-local");
        assertTrue(((Feature) climate).status().backend().remote());

        // Values and writes.
        resolved(climate.zone("Rear").targetTemperature().set(23.5));
        assertEquals(Double.valueOf(23.5), climate.zone("Rear").targetTemperature().get());
        assertEquals(Double.valueOf(12.0), climate.outsideTemperature().get()); // the server's local backend, not the simulator's 10.5
        HotSwapIT.assertFailsWith(climate.zone("FrontLeft").fanSpeedLevel().set(9), ErrorCode.OUT_OF_RANGE, "[0-5]");

        // Calls, signals and a paging model.
        TunerStation found = resolved(tuner.seekUp());
        assertNotNull(found);
        await().atMost(WAIT).until(() -> found.equals(tuner.station().get()));
        AtomicInteger started = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        tuner.scanStarted().subscribe(nothing -> started.incrementAndGet());
        tuner.scanStopped().subscribe(nothing -> stopped.incrementAndGet());
        resolved(tuner.startScan());
        await().atMost(WAIT).until(() -> started.get() == 1);
        resolved(tuner.stopScan());
        await().atMost(WAIT).until(() -> stopped.get() == 1);
        try (ModelInstance<TunerStation> stations = tuner.stations().open(ModelOptions.DEFAULTS.withLoadingType(ModelOptions.LoadingType.DATA_CHANGED))) {
            resolved(stations.ready());
            assertTrue("stations: " + stations.size(), stations.size() > 0);
            List<TunerStation> all = resolved(stations.fetch(0, stations.size()));
            assertEquals(stations.size(), all.size());
            assertTrue(all.contains(found));
        }

        // A second client of the same server, at once: each sees the other's writes.
        startClient("b", "aeron:ipc", "", 1);
        await().atMost(WAIT).until(() -> registry.backends(CLIMATE).stream().map(BackendInfo::name).anyMatch("b:climate-local"::equals));
        try (FeatureHandle<ClimateControl> viaB = registry.open(ClimateControl.class, FeatureOptions.DEFAULTS.withPreferredBackends(List.of("b:*")))) {
            await().atMost(WAIT).until(() -> ((Feature) viaB.feature()).status().initialized());
            assertEquals("b:climate-local", ((Feature) viaB.feature()).status().backend().name());
            assertEquals(Double.valueOf(23.5), viaB.feature().zone("Rear").targetTemperature().get());
            resolved(viaB.feature().zone("Rear").targetTemperature().set(24.0));
            await().atMost(WAIT).until(() -> Double.valueOf(24.0).equals(climate.zone("Rear").targetTemperature().get()));
        }
        String report = remoteReport();
        assertTrue(report, report.contains("client a of aeron:ipc stream 4100: CONNECTED, server itest (full)"));
        assertTrue(report, report.contains("client b of aeron:ipc stream 4100: CONNECTED, server itest (full)"));

        // kill -9: the remote backends are withdrawn and every feature falls back to the simulator.
        server.kill();
        await().atMost(WAIT).until(() -> registry.status(CLIMATE).discoveryResult() == DiscoveryResult.SIMULATION_BACKEND_LOADED
                && registry.status(CLIMATE).initialized());
        assertEquals("simulator", ((Feature) climate).status().backend().name());
        assertEquals(Double.valueOf(10.5), climate.outsideTemperature().get());

        // Back: the clients reconnect by themselves, resync, and the features swap back.
        startServer(Map.of("channel", "aeron:ipc"));
        awaitBound(CLIMATE, "a:climate-local");
        assertEquals(Double.valueOf(12.0), climate.outsideTemperature().get());
        resolved(climate.zone("FrontLeft").targetTemperature().set(19.5));
        assertEquals(Double.valueOf(19.5), climate.zone("FrontLeft").targetTemperature().get());
    }

    @Test
    public void shouldAcceptTheSecretOverUdpRefuseAWrongOneAndEnforceTheReadOnlyRole() throws Exception {
        int port;
        try (DatagramSocket socket = new DatagramSocket(0)) {
            port = socket.getLocalPort();
        }
        String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
        ServerProcess server = startServer(Map.of("channel", channel, "secret", "full-secret", "readOnlySecret", "viewer-secret"));

        startClient("owner", channel, "full-secret", 5);
        awaitBound(CLIMATE, "owner:climate-local");
        resolved(climate.zone("Rear").targetTemperature().set(22.5));
        assertEquals(Double.valueOf(22.5), climate.zone("Rear").targetTemperature().get());
        TunerStation found = resolved(tuner.seekUp());
        assertNotNull(found);

        startClient("viewer", channel, "viewer-secret", 1);
        await().atMost(WAIT).until(() -> registry.backends(CLIMATE).stream().map(BackendInfo::name).anyMatch("viewer:climate-local"::equals));
        try (FeatureHandle<ClimateControl> view = registry.open(ClimateControl.class, FeatureOptions.DEFAULTS.withPreferredBackends(List.of("viewer:*")))) {
            await().atMost(WAIT).until(() -> ((Feature) view.feature()).status().initialized());
            assertEquals(Double.valueOf(22.5), view.feature().zone("Rear").targetTemperature().get());
            HotSwapIT.assertFailsWith(view.feature().zone("Rear").targetTemperature().set(18.0), ErrorCode.PERMISSION_DENIED,
                    "client 'viewer' has a read-only credential: writes are not allowed");
            resolved(climate.zone("Rear").targetTemperature().set(21.0));
            await().atMost(WAIT).until(() -> Double.valueOf(21.0).equals(view.feature().zone("Rear").targetTemperature().get()));
        }

        startClient("intruder", channel, "guess", 0);
        await().atMost(WAIT).until(() -> remoteReport().contains("client intruder of " + channel + " stream 4100: REFUSED "
                + "(refused by the server (PERMISSION_DENIED): wrong secret)"));
        assertTrue(registry.backends(CLIMATE).stream().map(BackendInfo::name).noneMatch(name -> name.startsWith("intruder:")));
        await().atMost(WAIT).until(() -> server.output().contains("refused client 'intruder' (127.0.0.1:"));
        assertTrue(server.output(), server.output().contains("): wrong secret"));
    }
}
