package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A journal bundle that is installed but never registers its recovery (here: never started) does
 * not keep the local backends unbound: past {@code ifw.recovery.wait.ms} they are bound with
 * nothing restored, and one line says why.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RecoveryWaitBoundIT {

    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(Set.of("ifw-state-journal"), CoreOptions.frameworkProperty("ifw.recovery.wait.ms").value("1000"));
    }

    @Test
    public void shouldBindTheLocalBackendsWithNothingRestoredWhenTheJournalNeverComes() throws Exception {
        try (LogLines log = LogLines.of("io.ifw.core.internal.RecoveryGate")) {
            Bundle journal = null;
            for (Bundle bundle : context.getBundles()) {
                if ("io.ifw.journal".equals(bundle.getSymbolicName())) {
                    journal = bundle;
                }
            }
            assertTrue("the journal is installed and not started", journal != null && journal.getState() != Bundle.ACTIVE);

            await().atMost(Duration.ofSeconds(40)).until(() -> {
                FeatureStatus status = registry.status(CLIMATE);
                return status.initialized() && status.backend() != null && "climate-local".equals(status.backend().name());
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> !log.withLevel().isEmpty());
            assertEquals(List.of("WARNING IFW: bundle io.ifw.journal (" + (journal.getState() == Bundle.INSTALLED ? "installed" : "resolved, not started")
                    + ") did not register its state recovery within 1000 ms (ifw.recovery.wait.ms); local backends start without their "
                    + "journaled state"), log.withLevel());
        }
    }
}
