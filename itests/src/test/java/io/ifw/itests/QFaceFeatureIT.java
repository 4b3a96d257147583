package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.test.cluster.InstrumentCluster;
import io.ifw.test.cluster.Units;
import io.ifw.test.cluster.Warning;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A feature defined only as a QFace file (itests/fixtures/qface-feature: a .qface and its .yaml,
 * no Java): the build generated its interface and simulation data; here the simulator serves it
 * from that data, a second process serves it over Aeron and journals it, and its state survives a
 * kill -9 of that process.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QFaceFeatureIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CLUSTER = "io.ifw.test.cluster.InstrumentCluster";

    @Inject
    private FeatureRegistry registry;

    @Inject
    private InstrumentCluster cluster;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Path work;
    private final List<ServerProcess> servers = new ArrayList<>();
    private org.osgi.service.cm.Configuration client;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(CoreOptions.bundle(IfwContainerOptions.fixture("qface-feature")));
    }

    @Before
    public void setUp() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ifw-qface-it-" + System.nanoTime()));
    }

    @After
    public void tearDown() throws Exception {
        if (client != null) {
            client.delete();
        }
        for (ServerProcess server : servers) {
            server.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void awaitBackend(String name) {
        await().atMost(WAIT).until(() -> {
            FeatureStatus status = registry.status(CLUSTER);
            return status.initialized() && status.backend() != null && name.equals(status.backend().name());
        });
    }

    @Test
    public void shouldServeTheGeneratedFeatureFromItsGeneratedSimulationData() throws Exception {
        awaitBackend("simulator");

        assertEquals(List.of("Driver", "Passenger"), cluster.zones());
        assertEquals(Double.valueOf(21.5), cluster.zone("Driver").targetTemperature().get());
        assertEquals(Double.valueOf(23.0), cluster.zone("Passenger").targetTemperature().get());
        assertEquals(Double.valueOf(22.0), cluster.targetTemperature().get());
        assertEquals(Integer.valueOf(130), cluster.zone("Passenger").speedLimit().get());
        assertEquals(Double.valueOf(0.75), cluster.zone("Driver").fuelLevel().get());
        assertEquals(Units.Imperial, cluster.zone("Driver").units().get());
        assertEquals(new Warning("tyre pressure", 2), cluster.zone("Driver").currentWarning().get());

        FeatureException perZone = (FeatureException) cluster.zone("Passenger").targetTemperature().set(27.0).getFailure();
        assertEquals(ErrorCode.OUT_OF_RANGE, perZone.code());
        assertEquals("[18-26]", cluster.zone("Passenger").targetTemperature().attribute().constraintText());
        assertNull(cluster.zone("Driver").targetTemperature().set(27.0).getFailure());
        FeatureException range = (FeatureException) cluster.zone("Driver").speedLimit().set(300).getFailure();
        assertEquals(ErrorCode.OUT_OF_RANGE, range.code());
        assertEquals("[0-250]", cluster.zone("Driver").speedLimit().attribute().constraintText());
    }

    @Test
    public void shouldReachItOverAeronFromAnotherProcessThatJournalsIt() throws Exception {
        Path data = work.resolve("server-data");
        Path fixture = Path.of(URI.create(IfwContainerOptions.fixture("qface-feature")));
        List<String> server = List.of("name=qface", "channel=aeron:ipc", "streamId=4300", "heartbeatIntervalMs=200", "livenessTimeoutMs=1500",
                "driverTimeoutMs=3000");
        List<String> journal = List.of("features=" + CLUSTER, "snapshotEvery=100", "directory=" + data.resolve("journal"));
        ServerProcess first = ServerProcess.start(work, server, work.resolve("aeron"), data, journal, List.of(fixture));
        servers.add(first);
        client = configurationAdmin.getFactoryConfiguration("io.ifw.remote.client", "qface", "?");
        client.update(ServerProcess.clientConfig("qclient", 4300, work.resolve("aeron"), "unregister", 10));

        awaitBackend("qclient:simulator");
        assertEquals(Double.valueOf(23.0), cluster.zone("Passenger").targetTemperature().get());
        assertNull("a write over Aeron is acknowledged", cluster.zone("Driver").speedLimit().set(100).getFailure());
        FeatureException refused = (FeatureException) cluster.zone("Driver").speedLimit().set(251).getFailure();
        assertEquals("the server's simulator refuses what its generated data does not allow", ErrorCode.OUT_OF_RANGE, refused.code());

        first.kill();
        awaitBackend("simulator");
        assertEquals("this container's own simulator, from the same generated data", Integer.valueOf(130), cluster.zone("Driver").speedLimit().get());

        ServerProcess second = ServerProcess.start(work, server, work.resolve("aeron"), data, journal, List.of(fixture));
        servers.add(second);
        awaitBackend("qclient:simulator");
        await().atMost(WAIT).until(() -> Integer.valueOf(100).equals(cluster.zone("Driver").speedLimit().get()));
        assertEquals("the other zone kept its generated default", Integer.valueOf(130), cluster.zone("Passenger").speedLimit().get());
    }
}
