package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import io.ifw.core.DiscoveryResult;
import io.ifw.core.FeatureRegistry;
import io.ifw.vehicle.ClimateControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** IFW_SIMULATION_DATA_OVERRIDE (here as a framework property) points a feature's simulator at another file. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulationOverrideIT {

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ClimateControl climate;

    @Configuration
    public Option[] config() {
        Path data;
        try {
            data = Files.createTempFile("override-climate-", ".json");
            Files.writeString(data, "{\"io.ifw.vehicle.ClimateControl\": {\"outsideTemperature\": {\"default\": 31.5}}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return IfwContainerOptions.container(frameworkProperty("IFW_SIMULATION_DATA_OVERRIDE")
                .value("junk;io.ifw.vehicle.ClimateControl=" + data));
    }

    @Test
    public void shouldServeTheOverridingFileByFullFeatureId() {
        registry.use("io.ifw.vehicle.ClimateControl", "simulator");
        await().atMost(Duration.ofSeconds(20)).until(() -> climate.status().discoveryResult() == DiscoveryResult.MANUALLY_BOUND
                && climate.status().initialized());

        assertEquals(Double.valueOf(31.5), climate.outsideTemperature().get());
        registry.useDiscovery("io.ifw.vehicle.ClimateControl");
    }
}
