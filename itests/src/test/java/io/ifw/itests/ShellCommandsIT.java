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
    public void closeSession() throws Exception {
        for (String zone : List.of("Left", "Right")) { // the tests share one container: every test starts from the backend's values
            session.execute("ifw:set " + CLIMATE + "@" + zone + " targetTemperature 22");
            session.execute("ifw:set " + CLIMATE + "@" + zone + " airConditioning false");
        }
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
        assertFails("ifw:get " + CLIMATE + " humidity", "unknown property 'humidity' of io.ifw.test.Climate");
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

    @Test
    public void shouldPrintFeaturesAsAnAlignedTable() throws Exception {
        String table = format(session.execute("ifw:features"));

        String[] lines = table.split("\n");
        assertTrue(table, lines[0].startsWith("FEATURE "));
        assertTrue(table, lines[0].matches("FEATURE +STATE +BACKEND +DISCOVERY +CONNECTION +SWAPS"));
        String row = java.util.Arrays.stream(lines).filter(line -> line.startsWith(CLIMATE + " ")).findFirst().orElseThrow();
        assertTrue(row, row.matches(java.util.regex.Pattern.quote(CLIMATE)
                + " +ready +climate-production \\(production\\) +PRODUCTION_BACKEND_LOADED +CONNECTED +\\d+"));
        // aligned: every column starts where its header does
        assertEquals(lines[0].indexOf("BACKEND"), row.indexOf("climate-production"));
        assertEquals(lines[0].indexOf("DISCOVERY"), row.indexOf("PRODUCTION_BACKEND_LOADED"));
    }

    @Test
    public void shouldPrintJsonWithTheJsonFlag() throws Exception {
        String json = (String) session.execute("ifw:features --json");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode climateLine = null;
        for (String line : json.split("\n")) {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(line); // every line is one JSON object
            if (node.get("id").textValue().equals(CLIMATE)) {
                climateLine = node;
            }
        }
        assertEquals("climate-production", climateLine.get("backend").textValue());
        assertTrue(climateLine.get("valid").booleanValue());

        com.fasterxml.jackson.databind.JsonNode value = mapper.readTree((String) session.execute("ifw:get --json Climate@Right targetTemperature"));
        assertEquals(22.0, value.get("value").doubleValue(), 0.0);
        assertEquals("[16-30]", value.get("constraint").textValue());
        assertEquals("Right", value.get("zone").textValue());
    }

    @Test
    public void shouldGetEveryValueOfAZoneWithAvailabilityAndConstraint() throws Exception {
        @SuppressWarnings("unchecked")
        List<PropertyValueDTO> values = (List<PropertyValueDTO>) session.execute("ifw:get Climate@Left");

        assertEquals(List.of("airConditioning", "outsideTemperature", "targetTemperature"), values.stream().map(v -> v.property).toList());
        assertEquals(Boolean.FALSE, values.get(0).value);
        assertNull("outsideTemperature has no zones: no value in zone Left", values.get(1).value);
        assertEquals(Double.valueOf(22.0), values.get(2).value);
        assertEquals("[16-30]", values.get(2).constraint);
        String table = format(values);
        String[] lines = table.split("\n");
        assertTrue(table, lines[0].matches("PROPERTY +ZONE +VALUE +AVAILABILITY +CONSTRAINT"));
        assertTrue(table, lines[1].matches("airConditioning +Left +false +AVAILABLE +-"));
        assertTrue(table, lines[2].matches("outsideTemperature +Left +- +NOT_AVAILABLE \\(not provided by backend climate-production\\) +-"));
        assertTrue(table, lines[3].matches("targetTemperature +Left +22\\.0 +AVAILABLE +\\[16-30\\]"));
        assertEquals(lines[0].indexOf("VALUE"), lines[3].indexOf("22.0"));
        assertEquals(lines[0].indexOf("CONSTRAINT"), lines[3].indexOf("[16-30]"));
    }

    @Test
    public void shouldNameAFeatureByItsShortName() throws Exception {
        FeatureDTO byShortName = (FeatureDTO) session.execute("ifw:feature Climate");
        assertEquals(CLIMATE, byShortName.id);
        String block = format(byShortName);
        assertTrue(block, block.startsWith("feature      " + CLIMATE + "\nstate        ready\nbackend      climate-production (production)"));
        assertTrue(block, block.contains("\nzones        Left, Right\nmembers\n  property airConditioning:bool\n"));
        assertTrue(block, block.contains("\n  property targetTemperature:double\n"));

        PropertyValueDTO set = (PropertyValueDTO) session.execute("ifw:set Climate@Left targetTemperature 21.5");
        assertEquals(Double.valueOf(21.5), set.value);
        assertEquals(CLIMATE, set.feature);
    }

    @Test
    public void shouldExplainEveryCommandInHelp() throws Exception {
        String help = String.valueOf(session.execute("help ifw:set"));

        assertTrue(help, help.contains("set - writes a property, waits for the backend's answer and shows the value then"));
        assertTrue(help, help.contains("Example: ifw:set ClimateControl@FrontLeft targetTemperature 22.5"));
        assertTrue(help, help.contains("--json   print JSON instead of a table"));
        assertTrue(help, help.contains("String   PROPERTY: the property's name, e.g. targetTemperature"));
        assertTrue(help, help.contains("String   VALUE: the new value as text"));
        assertTrue(help, !help.contains("String   \n"));
        for (String command : List.of("features", "feature", "backends", "get", "call", "use", "watch")) {
            String text = String.valueOf(session.execute("help ifw:" + command));
            assertTrue(text, text.contains(command + " - ") && text.contains("Example: ifw:" + command));
        }
        String watch = String.valueOf(session.execute("help ifw:watch"));
        assertTrue(watch, watch.contains("-n, --count   COUNT: stop after this many changes"));
    }

    @Test
    public void shouldWatchChangesUntilCount() throws Exception {
        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        PrintStream watchOut = new PrintStream(watched, true, StandardCharsets.UTF_8);
        CommandSession watchSession = processor.createSession(InputStream.nullInputStream(), watchOut, watchOut);
        java.util.concurrent.CompletableFuture<Object> watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return watchSession.execute("ifw:watch Climate@Right targetTemperature -n 2");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> watched.toString(StandardCharsets.UTF_8).contains("watching"));
            session.execute("ifw:set Climate@Left targetTemperature 19"); // another zone: not shown
            session.execute("ifw:set Climate@Right airConditioning true"); // another member: not shown
            session.execute("ifw:set Climate@Right targetTemperature 23");
            session.execute("ifw:set Climate@Right targetTemperature 24");
            watch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            watchSession.close();
        }

        String[] lines = watched.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(java.util.Arrays.toString(lines), 3, lines.length);
        assertEquals("watching " + CLIMATE + "@Right targetTemperature for 2 changes; Ctrl-C stops", lines[0]);
        assertTrue(lines[1], lines[1].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  targetTemperature@Right = 23\\.0"));
        assertTrue(lines[2], lines[2].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  targetTemperature@Right = 24\\.0"));
    }

    @Test
    public void shouldWatchAsJsonLines() throws Exception {
        ByteArrayOutputStream watched = new ByteArrayOutputStream();
        PrintStream watchOut = new PrintStream(watched, true, StandardCharsets.UTF_8);
        CommandSession watchSession = processor.createSession(InputStream.nullInputStream(), watchOut, watchOut);
        java.util.concurrent.CompletableFuture<Object> watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return watchSession.execute("ifw:watch --json -n 1 Climate airConditioning");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            // --json prints no header: wait until the watch is registered by retrying the change
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                session.execute("ifw:set Climate@Left airConditioning " + (climate.zone("Left").airConditioning().get() ? "false" : "true"));
                return watch.isDone();
            });
            watch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            watchSession.close();
        }
        com.fasterxml.jackson.databind.JsonNode change = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(watched.toString(StandardCharsets.UTF_8).strip());
        assertEquals(CLIMATE, change.get("feature").textValue());
        assertEquals("Left", change.get("zone").textValue());
        assertEquals("VALUE", change.get("kind").textValue());
        assertEquals("airConditioning", change.get("member").textValue());
        assertTrue(change.get("value").isBoolean());
    }

    @Test
    public void shouldNameTheUnknownAndTheNearestValidName() throws Exception {
        assertFailsWith("ifw:get Climate@Right targetTemp",
                "INVALID_ARGUMENT: unknown property 'targetTemp' of io.ifw.test.Climate; did you mean targetTemperature?");
        assertFailsWith("ifw:get Climat@Right targetTemperature", "INVALID_ARGUMENT: unknown feature 'Climat'; did you mean Climate?");
        assertFailsWith("ifw:get Climate@Rigth", "INVALID_ZONE: unknown zone 'Rigth' of io.ifw.test.Climate; did you mean Right?");
        assertFailsWith("ifw:watch Climate targetTemp", "INVALID_ARGUMENT: unknown member 'targetTemp' of io.ifw.test.Climate; "
                + "did you mean targetTemperature?");
        assertFailsWith("ifw:call Climate describ", "INVALID_ARGUMENT: unknown operation 'describ' of io.ifw.test.Climate; did you mean describe?");
        assertFailsWith("ifw:use Climate climate-simulatoin",
                "INVALID_ARGUMENT: unknown backend 'climate-simulatoin' of io.ifw.test.Climate; did you mean climate-simulation?");
        assertFailsWith("ifw:get Climate@Right zzzzzzzz", "INVALID_ARGUMENT: unknown property 'zzzzzzzz' of io.ifw.test.Climate "
                + "(properties: airConditioning, outsideTemperature, targetTemperature)");
        assertFailsWith("ifw:call Climate targetTemperature", "INVALID_ARGUMENT: targetTemperature of io.ifw.test.Climate is a property, "
                + "not an operation (property targetTemperature:double)");
        assertFailsWith("ifw:watch Climate describe", "INVALID_ARGUMENT: describe of io.ifw.test.Climate is an operation, "
                + "not a property or signal (operation describe():string)");
        assertFailsWith("ifw:set Climate@Right airConditioning maybe", "INVALID_ARGUMENT: airConditioning: 'maybe' is not a bool (true or false)");
        assertFailsWith("ifw:watch -n many Climate", "INVALID_ARGUMENT: -n COUNT must be a whole number, not 'many'");
        assertFailsWith("ifw:get", "INVALID_ARGUMENT: ifw:get takes [--json] FEATURE[@ZONE] [PROPERTY]; it was given none "
                + "(e.g. ifw:get ClimateControl@FrontLeft targetTemperature)");
    }

    @Test
    public void shouldCompleteFeatureNamesZonesMembersBackendsAndValues() throws Exception {
        assertEquals(List.of("Climate", "ClimateControl"), session.execute("ifw:complete ifw:get Clim"));
        assertEquals(List.of("io.ifw.test.Climate"), session.execute("ifw:complete ifw:get io.ifw.t"));
        assertEquals(List.of("Climate@Left", "Climate@Right"), session.execute("ifw:complete ifw:get Climate@"));
        assertEquals(List.of("climate@Right"), session.execute("ifw:complete ifw:watch climate@r")); // as typed, then the zone
        assertEquals(List.of("airConditioning", "outsideTemperature", "targetTemperature"),
                session.execute("ifw:complete ifw:get --json Climate@Left ''"));
        assertEquals(List.of("targetTemperature"), session.execute("ifw:complete ifw:set Climate@Left targ"));
        assertEquals(List.of("false", "true"), session.execute("ifw:complete ifw:set Climate@Left airConditioning ''"));
        assertEquals(List.of("calibrate", "describe"), session.execute("ifw:complete ifw:call " + CLIMATE + " ''"));
        assertEquals(List.of("warning"), session.execute("ifw:complete ifw:watch -n 3 Climate targetTemperature w"));
        assertEquals(List.of("climate-production", "climate-simulation"), session.execute("ifw:complete ifw:use Climate climate"));
        assertEquals(List.of("--json", "-n"), session.execute("ifw:complete watch -"));
        // nothing to offer: an unknown feature, a value that is a number, a command without arguments, a count
        assertEquals(List.of(), session.execute("ifw:complete ifw:get Nothing ''"));
        assertEquals(List.of(), session.execute("ifw:complete ifw:set Climate targetTemperature ''"));
        assertEquals(List.of(), session.execute("ifw:complete ifw:features ''"));
        assertEquals(List.of(), session.execute("ifw:complete ifw:watch Climate -n ''"));
    }

    private String format(Object result) {
        return session.format(result, Converter.INSPECT).toString();
    }

    private void assertFailsWith(String command, String message) {
        try {
            Object result = session.execute(command);
            fail(command + " should fail, returned " + result);
        } catch (Exception e) {
            assertEquals(command, message, e.getMessage().lines().findFirst().orElse("") + (e.getMessage().lines().count() > 1 ? " (more lines)" : ""));
        }
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
