package io.ifw.itests;

import static io.ifw.itests.HotSwapIT.awaitBackend;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.test.climate.TestClimate;
import java.time.Duration;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The discovery override of the environment ({@code IFW_DISCOVERY_MODE_OVERRIDE}, given here as
 * a framework property of the same name), with a malformed entry that must not disable it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EnvironmentOverrideIT {

    @Inject
    private BundleContext context;

    @Inject
    private TestClimate climate;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(
                frameworkProperty("IFW_DISCOVERY_MODE_OVERRIDE").value("garbage;io.ifw.test.Climate=SIMULATION_ONLY"),
                bundle(IfwContainerOptions.fixture("climate-feature")),
                bundle(IfwContainerOptions.fixture("climate-backend")));
    }

    @Test
    public void shouldApplyTheOverrideDespiteAMalformedEntryAndIgnoreTheProductionBackend() {
        // the production backend is there, but the override allows simulation only: the container's simulator serves
        awaitBackend(climate, "simulator", DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertEquals(DiscoveryMode.SIMULATION_ONLY, climate.status().discoveryMode());

        SimulatedClimate.register(context);

        awaitBackend(climate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
    }
}
