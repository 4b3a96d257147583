package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.dto.BackendDTO;
import io.ifw.core.dto.PropertyValueDTO;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
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
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration files with bad values, dropped into a watched folder while the container runs, as
 * a user edits {@code conf/configs}: the component is FAILED with the file, the key, the value and
 * what is expected, in one log line and in its status command; everything else keeps serving; a
 * corrected file brings the component back. Unknown keys are reported once, with the nearest key.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class BadConfigurationIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private CommandProcessor processor;

    @Inject
    private FeatureRegistry registry;

    private LogLines log;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private CommandSession session;
    private Path folder;
    private org.osgi.service.cm.Configuration watcher;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    /** A folder of this test that File Install watches, as it watches conf/configs. */
    @Before
    public void watchAFolder() throws Exception {
        log = LogLines.of("io.ifw.config");
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        session = processor.createSession(InputStream.nullInputStream(), out, out);
        folder = Files.createTempDirectory(Path.of(System.getProperty("ifw.itests.work", "target")).toAbsolutePath(), "configs-");
        watcher = configurationAdmin.getFactoryConfiguration("org.apache.felix.fileinstall", "bad-configuration-it", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("felix.fileinstall.dir", folder.toString());
        properties.put("felix.fileinstall.poll", "100");
        properties.put("felix.fileinstall.filter", ".*\\.cfg");
        watcher.update(properties);
    }

    @After
    public void stopWatching() throws Exception {
        log.close();
        session.close();
        watcher.delete();
    }

    @Test
    public void shouldShowABackendWithABadValueAsFailedAndKeepServingItsFeature() throws Exception {
        await().atMost(WAIT).until(() -> bound(CLIMATE, "climate-local"));
        Path file = folder.resolve("io.ifw.backend.local.climate.cfg");
        Files.writeString(file, "tickIntervalMs=0\ndegreesPerTik=0.5\n");

        await().atMost(WAIT).until(() -> failed().size() == 1);
        BackendDTO failed = failed().get(0);
        assertEquals(CLIMATE, failed.feature);
        assertEquals("climate-local", failed.name);
        assertEquals("production", failed.kind);
        assertEquals("tickIntervalMs = '0': expected a positive number of milliseconds", failed.problem);
        assertEquals(file.toString(), failed.configuration);
        assertEquals(List.of("IFW: " + file + ": unknown key 'degreesPerTik' is ignored; did you mean 'degreesPerTick'?",
                "IFW: component io.ifw.backend.local.climate is FAILED: " + file + ": tickIntervalMs = '0': expected a positive number of milliseconds"),
                log.messages());

        // The feature is served on: by the simulator, which answers a read from the shell.
        await().atMost(WAIT).until(() -> bound(CLIMATE, "simulator"));
        PropertyValueDTO value = (PropertyValueDTO) session.execute("ifw:get " + CLIMATE + "@FrontLeft targetTemperature");
        assertEquals("AVAILABLE", value.availability);

        Files.writeString(file, "tickIntervalMs=250\ndegreesPerTick=0.5\n");
        await().atMost(WAIT).until(() -> failed().isEmpty() && bound(CLIMATE, "climate-local"));
        assertEquals("the unknown key is not reported again, the corrected file has none", 2, log.messages().size());
    }

    @Test
    public void shouldShowARemoteServerWithABadValueAsFailedWithItsChannelAndReportAMistypedSecretOnce() throws Exception {
        Path file = folder.resolve("io.ifw.remote.server-bad.cfg");
        Files.writeString(file, "name=bad\nchannel=aeron:ipc\nstreamId=abc\nsecrte=s3cret\n");

        String failedLine = "server bad on aeron:ipc stream 0: FAILED (not started: " + file
                + ": streamId = 'abc': expected a whole number (32 bits))";
        await().atMost(WAIT).until(() -> remote().contains(failedLine));
        assertTrue("the default server serves on: " + remote(), remote().contains("server default on aeron:ipc stream 4100: LISTENING"));
        String unknownKey = "IFW: " + file + ": unknown key 'secrte' is ignored; did you mean 'secret'?";
        assertEquals(List.of(unknownKey), log.messages());

        // Corrected at run time: the server starts; the mistyped key is still there but not reported again.
        Files.writeString(file, "name=bad\nchannel=aeron:ipc\nstreamId=4199\nsecrte=s3cret\n");
        await().atMost(WAIT).until(() -> remote().contains("server bad on aeron:ipc stream 4199: LISTENING"));
        assertEquals(List.of(unknownKey), log.messages());

        // Broken again at run time: FAILED again, the other server untouched.
        Files.writeString(file, "name=bad\nchannel=aeron:ipc\nstreamId=4199\nlivenessTimeoutMs=soon\nsecrte=s3cret\n");
        await().atMost(WAIT).until(() -> remote().contains("server bad on aeron:ipc stream 4199: FAILED (not started: " + file
                + ": livenessTimeoutMs = 'soon': expected a whole number)"));
        assertTrue(remote(), remote().contains("server default on aeron:ipc stream 4100: LISTENING"));
    }

    private boolean bound(String featureId, String backend) {
        FeatureStatus status = registry.status(featureId);
        return status.backend() != null && backend.equals(status.backend().name());
    }

    @SuppressWarnings("unchecked")
    private List<BackendDTO> failed() throws Exception {
        return ((List<BackendDTO>) session.execute("ifw:backends " + CLIMATE)).stream().filter(b -> "FAILED".equals(b.status)).toList();
    }

    private String remote() throws Exception {
        return String.valueOf(session.execute("ifw:remote"));
    }
}
