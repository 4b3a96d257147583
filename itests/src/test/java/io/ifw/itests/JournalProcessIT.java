package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.vehicle.ClimateControl;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
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
 * The journal across a crash: the distribution runs as a second JVM, serving and journaling its
 * climate control; this container writes to it remotely, one acknowledged write after another,
 * while a third process reads the journal; the server is killed with SIGKILL in the middle of the
 * stream and started again, and every acknowledged value is there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JournalProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    private static final List<String> ZONES = List.of("FrontLeft", "FrontRight", "Rear");

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ClimateControl climate;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Path work;
    private org.osgi.service.cm.Configuration client;
    private final List<ServerProcess> servers = new java.util.ArrayList<>();

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Before
    public void setUp() throws Exception {
        for (Bundle bundle : context.getBundles()) {
            if ("io.ifw.backend.local".equals(bundle.getSymbolicName())) {
                bundle.stop();
            }
        }
        work = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "ifw-journal-it-" + System.nanoTime()));
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

    private ServerProcess startServer(Path data) throws Exception {
        return startServer(data, 4100);
    }

    private ServerProcess startServer(Path data, int streamId) throws Exception {
        List<String> server = List.of("name=journaled", "channel=aeron:ipc", "streamId=" + streamId, "heartbeatIntervalMs=200",
                "livenessTimeoutMs=1500", "driverTimeoutMs=3000");
        List<String> journal = List.of("features=" + CLIMATE, "snapshotEvery=100", "directory=" + data.resolve("journal"));
        ServerProcess process = ServerProcess.start(work, server, work.resolve("aeron"), data, journal);
        servers.add(process);
        return process;
    }

    private void awaitBound() {
        awaitBound("writer:climate-local");
    }

    private void awaitBound(String backend) {
        await().atMost(WAIT).until(() -> {
            FeatureStatus status = registry.status(CLIMATE);
            return status.initialized() && status.backend() != null && backend.equals(status.backend().name());
        });
    }

    private org.osgi.service.cm.Configuration client(String name, int streamId, String onLoss, int ranking) throws Exception {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getFactoryConfiguration("io.ifw.remote.client", name, "?");
        configuration.update(ServerProcess.clientConfig(name, streamId, work.resolve("aeron"), onLoss, ranking));
        return configuration;
    }

    /**
     * A client away while the server was killed, changed and killed again catches up from the
     * server's journal when it is back: the backend's change log went on across both restarts
     * with the same numbers, so the client's last sequence still means something there.
     */
    @Test
    public void shouldCatchUpFromTheJournalAfterTheServerWasKilledTwiceWhileTheClientWasAway() throws Exception {
        Path data = work.resolve("server-data");
        ServerProcess first = startServer(data, 4100);
        org.osgi.service.cm.Configuration observer = client("observer", 4100, "stay-bound", 5);
        try {
            awaitBound("observer:climate-local");
            first.kill();

            // The server runs again, on another stream the observer does not listen to: a writer changes the state there.
            ServerProcess second = startServer(data, 4200);
            org.osgi.service.cm.Configuration writer = client("writer2", 4200, "unregister", 10);
            Map<String, Double> written = new java.util.LinkedHashMap<>();
            try {
                awaitBound("writer2:climate-local");
                for (int i = 0; i < 12; i++) {
                    String zone = ZONES.get(i % ZONES.size());
                    double value = 17.0 + i / 2.0;
                    assertEquals("write " + i + " acknowledged", null, climate.zone(zone).targetTemperature().set(value).getFailure());
                    written.put(zone, value);
                }
                second.kill();
            } finally {
                writer.delete();
            }

            // Back on the observer's stream: it comes back with its sequence, older than anything in the server's memory.
            ServerProcess third = startServer(data, 4100);
            try {
                third.awaitLog("client 'observer' caught up on " + CLIMATE + " from the journal");
            } catch (AssertionError e) {
                throw new AssertionError("the observer did not catch up from the journal; this container's ifw:remote says:\n"
                        + remoteReport() + "\n" + e.getMessage()); // not chained: Pax Exam reports the root cause alone
            }
            awaitBound("observer:climate-local");
            for (Map.Entry<String, Double> entry : written.entrySet()) {
                await().atMost(WAIT).until(() -> entry.getValue().equals(climate.zone(entry.getKey()).targetTemperature().get())
                        && climate.zone(entry.getKey()).targetTemperature().availability().isAvailable());
            }
        } finally {
            observer.delete();
        }
    }

    /** What {@code ifw:remote} prints in this container (the client's side of a failure). */
    private String remoteReport() {
        try {
            org.osgi.framework.ServiceReference<?>[] references = context.getServiceReferences(
                    "io.ifw.backend.remote.aeron.RemoteCommands", null);
            if (references == null) {
                return "(no ifw:remote command)";
            }
            Object commands = context.getService(references[0]);
            return String.valueOf(commands.getClass().getMethod("remote", String.class).invoke(commands, "false"));
        } catch (Exception e) {
            return "(ifw:remote failed: " + e + ")";
        }
    }

    @Test
    public void shouldFindEveryAcknowledgedValueAfterTheServerIsKilledMidStream() throws Exception {
        Path data = work.resolve("server-data");
        ServerProcess server = startServer(data);
        client = configurationAdmin.getFactoryConfiguration("io.ifw.remote.client", "writer", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "writer");
        properties.put("aeronDirectory", work.resolve("aeron").toString());
        properties.put("onLoss", "stay-bound");
        properties.put("ranking", 10);
        properties.put("heartbeatIntervalMs", 200L);
        properties.put("suspectAfterMs", 600L);
        properties.put("livenessTimeoutMs", 1500L);
        properties.put("driverTimeoutMs", 3000L);
        client.update(properties);
        awaitBound();

        // A stream of writes, each acknowledged before the next; the zones take turns.
        Map<String, Double> acknowledged = new ConcurrentHashMap<>();
        Map<String, Double> unanswered = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String zone = ZONES.get(i % ZONES.size());
                double value = 16.0 + (i % 140) / 10.0;
                Promise<Void> write = climate.zone(zone).targetTemperature().set(value);
                try {
                    if (write.getFailure() == null) {
                        acknowledged.put(zone, value);
                        acks.incrementAndGet();
                    } else {
                        unanswered.put(zone, value);
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "acknowledged-writes");
        writer.start();

        // Meanwhile another process reads the journal as it is written.
        await().atMost(WAIT).until(() -> acks.get() >= 50);
        Path readerOutput = work.resolve("reader.txt");
        Process reader = new ProcessBuilder(ServerProcess.home(work).resolve("bin/ifw").toString(), "journal", "follow",
                data.resolve("journal").toString(), "--feature", CLIMATE, "--seconds", "2")
                .redirectOutput(readerOutput.toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        reader.getOutputStream().close();
        await().atMost(WAIT).until(() -> acks.get() >= 400);

        server.kill();
        writer.join(TimeUnit.SECONDS.toMillis(30));
        stop.set(true);
        assertTrue("the reader process ended", reader.waitFor(30, TimeUnit.SECONDS));
        String read = Files.readString(readerOutput, StandardCharsets.UTF_8);
        assertEquals("the reader's exit code; its output:\n" + read, 0, reader.exitValue());
        assertTrue("the reader saw writes while they were journaled:\n" + read, read.lines()
                .filter(line -> line.contains(" climate-local VALUE targetTemperature@")).count() > 10);

        startServer(data);
        awaitBound();
        for (String zone : ZONES) {
            Double now = climate.zone(zone).targetTemperature().get();
            Double expected = acknowledged.get(zone);
            assertTrue(zone + ": " + now + " is neither the last acknowledged value " + expected + " nor the unanswered "
                    + unanswered.get(zone) + " (" + acks.get() + " writes acknowledged)", now.equals(expected) || now.equals(unanswered.get(zone)));
        }
        assertTrue("writes acknowledged before the kill: " + acks.get(), acks.get() >= 400);
    }
}
