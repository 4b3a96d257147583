package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.DiscoveryResult;
import io.ifw.core.Feature;
import io.ifw.core.FeatureRegistry;
import io.ifw.journal.Recorder;
import io.ifw.journal.Recording;
import io.ifw.journal.Replay;
import io.ifw.vehicle.ClimateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The state journal in the container: a backend that starts again gets its journaled values back
 * before anyone sees it, and a recording of the local backend replayed through the simulator
 * shows the front end the same sequence of values.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JournalIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ClimateControl climate;

    @Inject
    private Recorder recorder;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private void awaitBound(String backend) {
        await().atMost(WAIT).until(() -> registry.status(CLIMATE).initialized() && registry.status(CLIMATE).backend() != null
                && backend.equals(registry.status(CLIMATE).backend().name()));
    }

    @Test
    public void shouldGiveARestartedBackendItsJournaledValuesBeforeAnyoneSeesIt() throws Exception {
        awaitBound("climate-local");
        HotSwapIT.assertResolved(climate.zone("Rear").targetTemperature().set(26.5));
        HotSwapIT.assertResolved(climate.fanSpeedLevel().set(4));
        Bundle local = installed("io.ifw.backend.local");
        List<Double> seen = new CopyOnWriteArrayList<>();

        local.stop();
        await().atMost(WAIT).until(() -> registry.status(CLIMATE).discoveryResult() == DiscoveryResult.SIMULATION_BACKEND_LOADED
                && registry.status(CLIMATE).initialized());
        Double simulated = climate.zone("Rear").targetTemperature().get();
        climate.zone("Rear").targetTemperature().onChange(seen::add);
        local.start();

        awaitBound("climate-local");
        assertEquals(Double.valueOf(26.5), climate.zone("Rear").targetTemperature().get());
        assertEquals(Integer.valueOf(4), climate.fanSpeedLevel().get());
        // One change, from the simulator's value straight to the restored one: the new local backend's
        // initial state already had it (it never showed its default).
        await().atMost(WAIT).until(() -> !seen.isEmpty() || Double.valueOf(26.5).equals(simulated));
        assertEquals("values seen while swapping back from " + simulated, Double.valueOf(26.5).equals(simulated) ? List.of() : List.of(26.5), seen);
    }

    @Test
    public void shouldReplayARecordingOfTheLocalBackendThroughTheSimulatorAsTheFrontEndSawIt() throws Exception {
        awaitBound("climate-local");
        Path directory = Files.createTempDirectory("ifw-recording-");
        List<Double> recorded = new CopyOnWriteArrayList<>();
        climate.zone("FrontLeft").targetTemperature().onChange(recorded::add);
        Recording recording = recorder.record(CLIMATE, directory);
        for (double value : new double[] {18.0, 19.5, 23.0, 20.5, 24.0}) {
            HotSwapIT.assertResolved(climate.zone("FrontLeft").targetTemperature().set(value));
            await().atMost(WAIT).until(() -> Double.valueOf(value).equals(climate.zone("FrontLeft").targetTemperature().get()));
            Thread.sleep(40);
        }
        recording.close();
        assertEquals(List.of(18.0, 19.5, 23.0, 20.5, 24.0), recorded.subList(recorded.size() - 5, recorded.size()));
        assertTrue("values recorded: " + recording.values(), recording.values() >= 5);

        registry.use(CLIMATE, "simulator");
        await().atMost(WAIT).until(() -> registry.status(CLIMATE).initialized() && "simulator".equals(registry.status(CLIMATE).backend().name()));
        Double before = climate.zone("FrontLeft").targetTemperature().get();
        List<Double> replayed = new CopyOnWriteArrayList<>();
        climate.zone("FrontLeft").targetTemperature().onChange(replayed::add);
        try {
            Replay replay = recorder.replay(CLIMATE, directory, 5);
            await().atMost(WAIT).until(() -> replay.done().isDone());
            await().atMost(WAIT).until(() -> !replayed.isEmpty() && replayed.get(replayed.size() - 1).equals(24.0));

            // The recording starts with what the front end showed when it began (a snapshot), then every change.
            List<Double> expected = new ArrayList<>(List.of(18.0, 19.5, 23.0, 20.5, 24.0));
            List<Double> tail = replayed.subList(Math.max(0, replayed.size() - expected.size()), replayed.size());
            assertEquals("seen during the replay (before it: " + before + "): " + replayed, expected, tail);
            assertEquals(replay.total(), replay.replayed());
            assertEquals("simulator", ((Feature) climate).status().backend().name());
        } finally {
            registry.useDiscovery(CLIMATE);
        }
    }
}
