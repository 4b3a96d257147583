package io.ifw.itests;

import static io.ifw.itests.HotSwapIT.awaitBackend;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.ifw.core.DiscoveryResult;
import io.ifw.core.dto.BackendDTO;
import io.ifw.core.dto.FeatureDTO;
import io.ifw.core.dto.PropertyValueDTO;
import io.ifw.core.spi.Backend;
import io.ifw.test.climate.TestClimate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
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

/** The ifw: Gogo commands, run through the shell's command processor as a user types them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT {

    private static final String CLIMATE = "io.ifw.test.Climate";

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Inject
    private TestClimate climate;

    private CommandSession session;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private ServiceRegistration<Backend> simulation;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(
                bundle(IfwContainerOptions.fixture("climate-feature")),
                bundle(IfwContainerOptions.fixture("climate-backend")));
    }

    @Before
    public void openSession() {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        session = processor.createSession(InputStream.nullInputStream(), out, out);
        simulation = SimulatedClimate.register(context);
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
    }

    @After
    public void closeSession() {
        simulation.unregister();
        session.close();
    }

    @Test
    public void shouldListFeaturesWithTheirStatus() throws Exception {
        @SuppressWarnings("unchecked")
        List<FeatureDTO> features = (List<FeatureDTO>) session.execute("ifw:features");

        FeatureDTO feature = features.stream().filter(f -> f.id.equals(CLIMATE)).findFirst().orElseThrow();
        assertTrue(features.stream().anyMatch(f -> f.id.equals("io.ifw.vehicle.ClimateControl")));
        assertEquals(CLIMATE, feature.id);
        assertEquals("climate-production", feature.backend);
        assertEquals("PRODUCTION_BACKEND_LOADED", feature.discoveryResult);
        assertTrue(feature.valid && feature.initialized);
        assertNull(feature.members);
        String shown = session.format(feature, Converter.INSPECT).toString();
        assertTrue(shown, shown.contains("climate-production"));
    }

    @Test
    public void shouldShowOneFeatureWithMembersAndZones() throws Exception {
        FeatureDTO feature = (FeatureDTO) session.execute("ifw:feature " + CLIMATE);

        assertEquals(List.of("Left", "Right"), List.of(feature.zones));
        assertTrue(List.of(feature.members).contains("property targetTemperature:double"));
        assertTrue(List.of(feature.members).contains("operation describe():string"));
    }

    @Test
    public void shouldListBackendsBestFirstWithTheBoundOneMarked() throws Exception {
        @SuppressWarnings("unchecked")
        List<BackendDTO> backends = (List<BackendDTO>) session.execute("ifw:backends " + CLIMATE);

        assertEquals("climate-production", backends.get(0).name);
        assertTrue(backends.get(0).bound);
        assertEquals("climate-simulation", backends.get(1).name);
        assertEquals("simulation", backends.get(1).kind);
    }

    @Test
    public void shouldGetAndSetAPropertyInAZone() throws Exception {
        PropertyValueDTO before = (PropertyValueDTO) session.execute("ifw:get " + CLIMATE + "@Right targetTemperature");
        assertEquals(Double.valueOf(22.0), before.value);
        assertEquals("AVAILABLE", before.availability);
        assertEquals("[16-30]", before.constraint);

        PropertyValueDTO after = (PropertyValueDTO) session.execute("ifw:set " + CLIMATE + "@Right targetTemperature 24.5");

        assertEquals(Double.valueOf(24.5), after.value);
        assertEquals(Double.valueOf(24.5), climate.zone("Right").targetTemperature().get());
    }

    @Test
    public void shouldFailASetOutsideTheRangeWithCodeAndConstraint() throws Exception {
        assertFails("ifw:set " + CLIMATE + "@Left targetTemperature 35",
                "OUT_OF_RANGE: targetTemperature of io.ifw.test.Climate in zone Left does not accept Double 35.0: the constraint is [16-30]");
        assertFails("ifw:set " + CLIMATE + "@Left targetTemperature warm", "targetTemperature: 'warm' is not a double");
        assertFails("ifw:set " + CLIMATE + "@Middle targetTemperature 20", "INVALID_ZONE");
        assertFails("ifw:get " + CLIMATE + " humidity", "no property 'humidity' in io.ifw.test.Climate");
        assertFails("ifw:get io.ifw.test.Nothing humidity", "unknown feature 'io.ifw.test.Nothing'");
    }

    @Test
    public void shouldCallAnOperation() throws Exception {
        assertEquals("climate-production", session.execute("ifw:call " + CLIMATE + " describe"));
    }

    @Test
    public void shouldSwitchBackendsByNameAndBack() throws Exception {
        FeatureDTO used = (FeatureDTO) session.execute("ifw:use " + CLIMATE + " climate-simulation");
        awaitBackend(climate, "climate-simulation", DiscoveryResult.MANUALLY_BOUND);
        assertEquals("MANUALLY_BOUND", used.discoveryResult);
        assertEquals("climate-simulation", session.execute("ifw:call " + CLIMATE + " describe"));

        session.execute("ifw:use " + CLIMATE);

        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
    }

    private void assertFails(String command, String messagePart) {
        try {
            Object result = session.execute(command);
            fail(command + " should fail, returned " + result);
        } catch (Exception e) {
            assertTrue("'" + e.getMessage() + "' should contain '" + messagePart + "'", e.getMessage().contains(messagePart));
        }
    }
}
