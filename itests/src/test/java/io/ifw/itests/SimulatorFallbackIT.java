package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureRegistry;
import io.ifw.media.AmFmTuner;
import io.ifw.media.MediaPlayer;
import io.ifw.vehicle.ClimateControl;
import io.ifw.vehicle.WindowControl;
import java.time.Duration;
import java.util.List;
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
 * Every reference feature has the simulator as its fallback: with the local backend bundles
 * stopped, each feature binds the simulator and serves its simulation data; started again, they
 * swap back to production.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatorFallbackIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> FEATURES = List.of("io.ifw.vehicle.ClimateControl", "io.ifw.vehicle.WindowControl",
            "io.ifw.media.MediaPlayer", "io.ifw.media.MediaLibrary", "io.ifw.media.MediaIndexer", "io.ifw.media.AmFmTuner");

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ClimateControl climate;

    @Inject
    private WindowControl windows;

    @Inject
    private MediaPlayer player;

    @Inject
    private AmFmTuner tuner;

    @Inject
    private org.osgi.service.cm.ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Test
    public void shouldFallBackToTheSimulatorAndSwapBackToProduction() throws Exception {
        for (String feature : FEATURES) {
            await().atMost(WAIT).until(() -> registry.status(feature).discoveryResult() == DiscoveryResult.PRODUCTION_BACKEND_LOADED);
            assertTrue(feature, registry.backends(feature).stream().map(BackendInfo::name).anyMatch("simulator"::equals));
        }
        Bundle vehicleAndTuner = installed("io.ifw.backend.local");
        Bundle media = installed("io.ifw.backend.local.media");

        vehicleAndTuner.stop();
        media.stop();

        for (String feature : FEATURES) {
            await().atMost(WAIT).until(() -> registry.status(feature).discoveryResult() == DiscoveryResult.SIMULATION_BACKEND_LOADED
                    && registry.status(feature).initialized());
        }
        assertEquals(Double.valueOf(10.5), climate.outsideTemperature().get());
        assertEquals(Double.valueOf(23.0), climate.zone("Rear").cabinTemperature().get());
        HotSwapIT.assertFailsWith(climate.zone("Rear").heater().set(true), ErrorCode.UNSUPPORTED, "heater of io.ifw.vehicle.ClimateControl is unsupported in zone Rear");
        HotSwapIT.assertFailsWith(climate.zone("FrontLeft").fanSpeedLevel().set(6), ErrorCode.OUT_OF_RANGE, "the constraint is [0-5]");
        HotSwapIT.assertResolved(climate.zone("FrontLeft").targetTemperature().set(19.5));
        assertEquals(Double.valueOf(19.5), climate.zone("FrontLeft").targetTemperature().get());
        assertEquals(WindowControl.HeaterMode.AUTO, windows.zone("FrontLeft").heaterMode().get());
        assertEquals(Integer.valueOf(40), player.volume().get());
        assertEquals("Simulated Radio", tuner.station().get().name());
        HotSwapIT.assertResolved(windows.zone("Roof").open()); // the simulated window opens in steps, on real time here

        vehicleAndTuner.start();
        media.start();

        for (String feature : FEATURES) {
            await().atMost(WAIT).until(() -> registry.status(feature).discoveryResult() == DiscoveryResult.PRODUCTION_BACKEND_LOADED
                    && registry.status(feature).initialized());
        }
        assertEquals(Double.valueOf(12.0), climate.outsideTemperature().get());
        assertEquals("climate-local", ((Feature) climate).status().backend().name());

        vehicleAndTuner.stop(); // and once more: it falls back again
        await().atMost(WAIT).until(() -> registry.status("io.ifw.vehicle.ClimateControl").discoveryResult()
                == DiscoveryResult.SIMULATION_BACKEND_LOADED && registry.status("io.ifw.vehicle.ClimateControl").initialized());
        assertEquals(Double.valueOf(10.5), climate.outsideTemperature().get());
        vehicleAndTuner.start();
    }

    @Test
    public void shouldReloadSimulationDataFromConfigurationAndKeepTheLastGoodData() throws Exception {
        registry.use("io.ifw.vehicle.ClimateControl", "simulator");
        await().atMost(WAIT).until(() -> registry.status("io.ifw.vehicle.ClimateControl").discoveryResult() == DiscoveryResult.MANUALLY_BOUND
                && registry.status("io.ifw.vehicle.ClimateControl").initialized());
        java.nio.file.Path data = java.nio.file.Files.createTempFile("climate-", ".json");
        java.nio.file.Files.writeString(data, "{\"ClimateControl\": {\"outsideTemperature\": {\"default\": -3.5}}}");
        org.osgi.service.cm.Configuration configuration = configurationAdmin.createFactoryConfiguration("io.ifw.simulator", "?");
        java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
        properties.put("featureId", "io.ifw.vehicle.ClimateControl");
        properties.put("dataFile", data.toString());
        try {
            configuration.update(properties);
            await().atMost(WAIT).until(() -> Double.valueOf(-3.5).equals(climate.outsideTemperature().get()));

            java.nio.file.Path broken = java.nio.file.Files.createTempFile("broken-", ".json");
            java.nio.file.Files.writeString(broken, "{\"ClimateControl\": {\"fanSpeedLevel\": {\"range\": [1]}}}");
            java.util.List<String> reports;
            try (LogLines log = LogLines.of("io.ifw.backend.simulator.SimulatorRuntime")) {
                properties.put("dataFile", broken.toString());
                configuration.update(properties);
                await().atMost(WAIT).until(() -> log.messages().stream().anyMatch(r -> r.contains("not used")));
                reports = log.messages();
            }
            assertTrue(reports.toString(), reports.stream().anyMatch(r -> r.equals("IFW: simulation data of io.ifw.vehicle.ClimateControl not used: "
                    + broken + ": $.ClimateControl.fanSpeedLevel.range: a range has two numbers, not [1]; the last good data stays")));
            assertEquals("the last good data stays", Double.valueOf(-3.5), climate.outsideTemperature().get());
        } finally {
            configuration.delete();
            registry.useDiscovery("io.ifw.vehicle.ClimateControl");
        }
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
