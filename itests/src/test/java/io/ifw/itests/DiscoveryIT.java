package io.ifw.itests;

import static io.ifw.itests.HotSwapIT.awaitBackend;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.FeatureOptions;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.Features;
import io.ifw.core.spi.Backend;
import io.ifw.test.climate.TestClimate;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Collectors;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Discovery settings from Config Admin, manual choice, and private handles, in Felix. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLIMATE = "io.ifw.test.Climate";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Inject
    private TestClimate climate;

    private ServiceRegistration<Backend> simulation;
    private org.osgi.service.cm.Configuration configuration;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(
                bundle(IfwContainerOptions.fixture("climate-feature")),
                bundle(IfwContainerOptions.fixture("climate-backend")));
    }

    @Before
    public void registerSimulation() {
        simulation = SimulatedClimate.register(context);
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
    }

    @After
    public void cleanUp() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
        registry.useDiscovery(CLIMATE);
        simulation.unregister();
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
    }

    @Test
    public void shouldFollowADiscoveryModeFromConfigAdminAndReturnWhenItIsDeleted() throws Exception {
        configure("SIMULATION_ONLY");

        awaitBackend(climate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertEquals(DiscoveryMode.SIMULATION_ONLY, climate.status().discoveryMode());

        configuration.delete();
        configuration = null;

        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
        assertEquals(DiscoveryMode.AUTO, climate.status().discoveryMode());
    }

    @Test
    public void shouldPreferBackendsMatchingTheConfiguredGlobs() throws Exception {
        configure("AUTO", "climate-sim*");

        awaitBackend(climate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertEquals(List.of("climate-simulation", "climate-production", "simulator"),
                registry.backends(CLIMATE).stream().map(BackendInfo::name).collect(Collectors.toList()));
    }

    @Test
    public void shouldLogAnUnknownModeInOneLineAndKeepTheFeaturesSettings() throws Exception {
        try (LogLines log = LogLines.of("io.ifw.core.internal.DiscoveryConfiguration")) {
            configure("FAST");

            await().atMost(WAIT).until(() -> !log.withLevel().isEmpty());
            List<String> lines = log.withLevel();
            // One line: the configuration (its PID here; its file in a container), the key, the value, what is expected.
            assertEquals(lines.toString(), 1, lines.size());
            assertTrue(lines.get(0), lines.get(0).matches("SEVERE IFW: configuration io\\.ifw\\.discovery for io\\.ifw\\.test\\.Climate is ignored: "
                    + "configuration io\\.ifw\\.discovery\\.[0-9a-f-]+: discoveryMode = 'FAST': "
                    + "expected one of AUTO, PRODUCTION_ONLY, SIMULATION_ONLY, NONE"));
            assertEquals(DiscoveryMode.AUTO, climate.status().discoveryMode());
            assertEquals("climate-production", climate.status().backend().name());
            assertEquals("no component failed", null, failure("io.ifw.core.internal.DiscoveryConfiguration"));
        }
    }

    @Test
    public void shouldBindABackendChosenByNameAndReturnToDiscovery() {
        registry.use(CLIMATE, "climate-simulation");
        awaitBackend(climate, "climate-simulation", DiscoveryResult.MANUALLY_BOUND);

        try {
            registry.use(CLIMATE, "climate-nowhere");
            fail("an unknown backend must be refused");
        } catch (FeatureException e) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertEquals("no backend 'climate-nowhere' for io.ifw.test.Climate (backends: climate-production, climate-simulation, simulator)",
                    e.getMessage());
        }

        registry.useDiscovery(CLIMATE);
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
    }

    @Test
    public void shouldGiveAPrivateHandleItsOwnDiscoveryWhileTheSharedFeatureKeepsItsOwn() throws Exception {
        try (FeatureHandle<TestClimate> handle = Features.open(context, TestClimate.class,
                FeatureOptions.DEFAULTS.withDiscoveryMode(DiscoveryMode.SIMULATION_ONLY), WAIT)) {
            TestClimate privateClimate = handle.feature();
            awaitBackend(privateClimate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
            assertEquals("climate-simulation", HotSwapIT.value(privateClimate.describe()));
            assertEquals("climate-production", HotSwapIT.value(climate.describe()));
            assertTrue(privateClimate != climate);
        }
        assertEquals("climate-production", climate.status().backend().name());
    }

    /** A newer release of the climate feature whose target temperature became an int. */
    @io.ifw.core.annotations.Feature(id = CLIMATE)
    @io.ifw.core.annotations.Zones({"Left", "Right"})
    public interface ClimateWithIntTarget extends io.ifw.core.ZonedFeature<ClimateWithIntTarget> {
        io.ifw.core.Property<Integer> targetTemperature();
    }

    public static final class IntTargetBackend extends io.ifw.core.spi.AbstractBackend<ClimateWithIntTarget> {
        public IntTargetBackend() {
            super(ClimateWithIntTarget.class);
        }
    }

    @Test
    public void shouldIgnoreABackendOfAKindThatIsNeitherProductionNorSimulation() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("ifw.feature", CLIMATE);
        properties.put("ifw.backend.name", "climate-recorded");
        properties.put("ifw.backend.kind", "recorded");
        properties.put("service.ranking", 1000);
        ServiceRegistration<Backend> recorded = context.registerService(Backend.class, new SimulatedClimate(), properties);
        try {
            assertEquals("not listed as a backend of the feature", List.of(),
                    registry.backends(CLIMATE).stream().filter(b -> b.name().equals("climate-recorded")).toList());
            io.ifw.core.FeatureException refused = org.junit.Assert.assertThrows(io.ifw.core.FeatureException.class,
                    () -> registry.use(CLIMATE, "climate-recorded"));
            assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code());
            assertEquals("climate-production", climate.status().backend().name());
        } finally {
            recorded.unregister();
        }
    }

    @Test
    public void shouldSkipAnIncompatibleBackendAndReportTheMemberWhenNoOtherIsLeft() throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("ifw.feature", CLIMATE);
        properties.put("ifw.backend.name", "climate-v2");
        properties.put("ifw.backend.kind", "production");
        properties.put("service.ranking", 100);
        ServiceRegistration<Backend> incompatible = context.registerService(Backend.class, new IntTargetBackend(), properties);
        try {
            assertEquals("the best-ranked backend is incompatible, the next one serves",
                    "climate-production", climate.status().backend().name());
            configure("NONE");
            await().atMost(WAIT).until(() -> climate.status().discoveryMode() == DiscoveryMode.NONE);
            registry.use(CLIMATE, "climate-v2");

            await().atMost(WAIT).until(() -> climate.status().discoveryResult() == DiscoveryResult.ERROR_WHILE_LOADING);
            assertEquals(ErrorCode.INCOMPATIBLE, climate.status().error().code());
            assertEquals("backend climate-v2 serves an incompatible io.ifw.test.Climate: incompatible; conflicts: targetTemperature: "
                    + "property targetTemperature:double here, property targetTemperature:int there; only here: airConditioning, "
                    + "calibrate, describe, outsideTemperature, warning", climate.status().error().message());
            assertEquals(io.ifw.core.ConnectionStatus.State.INCOMPATIBLE, climate.status().connection().state());
        } finally {
            registry.useDiscovery(CLIMATE);
            incompatible.unregister();
        }
    }

    @Test
    public void shouldListEveryFeatureInTheRegistry() {
        assertEquals(List.of("io.ifw.media.AmFmTuner", "io.ifw.media.MediaIndexer", "io.ifw.media.MediaLibrary", "io.ifw.media.MediaPlayer",
                CLIMATE, "io.ifw.vehicle.ClimateControl", "io.ifw.vehicle.WindowControl"),
                registry.features().stream().map(s -> s.featureId()).collect(Collectors.toList()));
        try {
            registry.status("io.ifw.test.Nothing");
            fail("an unknown feature must be refused");
        } catch (FeatureException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("unknown feature 'io.ifw.test.Nothing' (known: io.ifw.media.AmFmTuner, "));
        }
    }

    private void configure(String mode, String... preferred) throws Exception {
        configuration = configurationAdmin.createFactoryConfiguration("io.ifw.discovery", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("featureId", CLIMATE);
        properties.put("discoveryMode", mode);
        properties.put("preferredBackends", preferred);
        configuration.update(properties);
    }

    private String failure(String componentName) {
        for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs()) {
            if (description.name.equals(componentName)) {
                for (ComponentConfigurationDTO configuration : componentRuntime.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        return configuration.failure;
                    }
                }
            }
        }
        return null;
    }
}
