package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.vehicle.ClimateControl;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
 * State recovery does not depend on start order: with the journal bundle installed but started
 * after the backends, a local backend waits (its feature says why) and is bound only once the
 * journal has restored it, so the first values anyone sees are the journaled ones.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JournalStartedLastIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    /** Then the bundle's state: "installed" or "resolved, not started". */
    private static final String WAITING = "climate-local is waiting for its journaled state: bundle io.ifw.journal (";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Configuration
    public Option[] config() {
        // The wait for the journal is bounded; this test starts it within moments, but may be slow on a busy machine.
        return IfwContainerOptions.container(Set.of("ifw-state-journal"),
                org.ops4j.pax.exam.CoreOptions.frameworkProperty("ifw.recovery.wait.ms").value("600000"));
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private boolean bound(String backend) {
        FeatureStatus status = registry.status(CLIMATE);
        return status.initialized() && status.backend() != null && backend.equals(status.backend().name());
    }

    private boolean waiting() {
        FeatureStatus status = registry.status(CLIMATE);
        return !status.valid() && status.connection().detail().startsWith(WAITING)
                && status.connection().detail().endsWith(") provides state recovery and has not registered it yet");
    }

    @Test
    public void shouldHoldLocalBackendsUntilTheJournalStartedLastHasRestoredThem() throws Exception {
        Bundle journal = installed("io.ifw.journal");
        Bundle local = installed("io.ifw.backend.local");
        assertTrue("not started: " + journal.getState(), journal.getState() == Bundle.INSTALLED || journal.getState() == Bundle.RESOLVED);

        // Nothing is bound before the journal is there: the feature waits and says why.
        await().atMost(WAIT).until(this::waiting);
        assertEquals(registry.status(CLIMATE).connection().detail(), registry.status(CLIMATE).lastChange());

        journal.start();
        await().atMost(WAIT).until(() -> bound("climate-local"));
        ClimateControl climate = registry.feature(ClimateControl.class);
        HotSwapIT.assertResolved(climate.zone("Rear").targetTemperature().set(26.5));
        HotSwapIT.assertResolved(climate.fanSpeedLevel().set(4));

        // The backend and the journal stop; the backend comes back first, as a new instance.
        local.stop();
        journal.stop();
        local.start();
        await().atMost(WAIT).until(this::waiting);
        List<Double> seen = new CopyOnWriteArrayList<>();
        climate.zone("Rear").targetTemperature().onChange(seen::add);
        assertFalse("no backend is bound while the journal is away", registry.status(CLIMATE).valid());

        journal.start();
        await().atMost(WAIT).until(() -> bound("climate-local"));
        assertEquals(Double.valueOf(26.5), climate.zone("Rear").targetTemperature().get());
        assertEquals(Integer.valueOf(4), climate.fanSpeedLevel().get());
        await().atMost(WAIT).until(() -> !seen.isEmpty() || Double.valueOf(26.5).equals(climate.zone("Rear").targetTemperature().get()));
        assertTrue("the restored value is the first the feature shows, never the backend's default: " + seen,
                seen.stream().allMatch(Double.valueOf(26.5)::equals));
    }
}
