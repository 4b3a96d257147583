package io.ifw.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.FeatureRegistry;
import io.ifw.media.AmFmTuner;
import io.ifw.media.MediaPlayer;
import io.ifw.vehicle.ClimateControl;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The gateway over a real WebSocket on a real port of the container's web server: every message
 * kind, the roles, bad input, 100 clients and a client that stops reading.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    private static final String TUNER = "io.ifw.media.AmFmTuner";
    private static final String PLAYER = "io.ifw.media.MediaPlayer";

    @Inject
    private BundleContext context;

    @Inject
    private ClimateControl climate;

    @Inject
    private AmFmTuner tuner;

    @Inject
    private MediaPlayer player;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final List<GatewayClient> clients = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(
                org.ops4j.pax.exam.CoreOptions.mavenBundle("net.bytebuddy", "byte-buddy", System.getProperty("ifw.bytebuddy.version")),
                org.ops4j.pax.exam.CoreOptions.mavenBundle("org.assertj", "assertj-core", System.getProperty("ifw.assertj.version")));
    }

    @After
    public void closeClients() throws Exception {
        clients.forEach(GatewayClient::close);
        registry.useDiscovery(CLIMATE);
        configure(new Hashtable<>());
    }

    private GatewayClient client(String token) throws Exception {
        GatewayClient client = GatewayClient.connect(context, token);
        clients.add(client);
        return client;
    }

    /** Replaces the gateway's configuration; the gateway restarts with it (its clients are closed). */
    private void configure(Dictionary<String, Object> properties) throws Exception {
        var configuration = configurationAdmin.getConfiguration("io.ifw.gateway", "?");
        properties.put("felix.fileinstall.filename", "test");
        configuration.update(properties);
        String expected = properties.get("secret") == null ? "no secret" : "a token is required";
        String maxEvents = String.valueOf(properties.get("maxEvents") == null ? "10000" : properties.get("maxEvents"));
        await().atMost(WAIT).until(() -> {
            var refs = context.getServiceReferences((String) null, "(ifw.gateway.access=*)");
            return refs != null && refs.length == 1 && String.valueOf(refs[0].getProperty("ifw.gateway.access")).startsWith(expected)
                    && String.valueOf(refs[0].getProperty("ifw.gateway.maxEvents")).equals(maxEvents);
        });
    }

    private static ObjectNode on(ObjectNode message, String feature, String zone) {
        message.put("feature", feature);
        if (zone != null) {
            message.put("zone", zone);
        }
        return message;
    }

    @Test
    public void shouldWelcomeListDescribeAndSubscribe() throws Exception {
        GatewayClient client = client(null);
        JsonNode welcome = client.awaitType("welcome");
        assertThat(welcome.get("protocol").intValue()).isEqualTo(1);
        assertThat(welcome.get("role").textValue()).isEqualTo("full");

        JsonNode features = client.request(client.message("features"));
        assertThat(features.get("re").textValue()).isEqualTo("features");
        JsonNode climateEntry = null;
        for (JsonNode f : features.get("features")) {
            if (f.get("feature").textValue().equals(CLIMATE)) {
                climateEntry = f;
            }
        }
        assertThat(climateEntry).as("ClimateControl in %s", features).isNotNull();
        assertThat(climateEntry.get("name").textValue()).isEqualTo("ClimateControl");
        assertThat(climateEntry.get("backend").get("name").textValue()).isEqualTo("climate-local");
        assertThat(climateEntry.get("backend").get("kind").textValue()).isEqualTo("production");

        JsonNode description = client.request(on(client.message("describe"), CLIMATE, null));
        assertThat(description.get("zones").toString()).isEqualTo("[\"FrontLeft\",\"FrontRight\",\"Rear\"]");
        JsonNode target = null;
        for (JsonNode p : description.get("properties")) {
            if (p.get("name").textValue().equals("targetTemperature")) {
                target = p;
            }
        }
        assertThat(target.get("type").get("type").textValue()).isEqualTo("double");
        assertThat(target.get("readOnly").booleanValue()).isFalse();
        assertThat(description.get("simulator").booleanValue()).isTrue();

        JsonNode subscribed = client.request(on(client.message("subscribe"), CLIMATE, null));
        JsonNode rear = subscribed.get("state").get("Rear").get("targetTemperature");
        assertThat(rear.get("value").doubleValue()).isEqualTo(climate.zone("Rear").targetTemperature().get());
        assertThat(rear.get("availability").textValue()).isEqualTo("AVAILABLE");
        assertThat(rear.get("constraint").textValue()).isEqualTo("[16-30]");
        assertThat(rear.get("minimum").doubleValue()).isEqualTo(16.0);
        assertThat(subscribed.get("status").get("backend").get("name").textValue()).isEqualTo("climate-local");

        // a change made in Java reaches the client
        climate.zone("FrontLeft").targetTemperature().set(19.5).getValue();
        JsonNode change = client.await(m -> m.path("type").asText().equals("value") && m.path("zone").asText().equals("FrontLeft")
                && m.path("property").asText().equals("targetTemperature") && m.path("value").doubleValue() == 19.5, "FrontLeft 19.5");
        assertThat(change.get("feature").textValue()).isEqualTo(CLIMATE);

        // a write from the client reaches the Java front end, acknowledged
        ObjectNode set = on(client.message("set"), CLIMATE, "Rear");
        set.put("property", "targetTemperature").put("value", 23.5);
        JsonNode ack = client.request(set);
        assertThat(ack.get("type").textValue()).isEqualTo("reply");
        assertThat(ack.get("re").textValue()).isEqualTo("set");
        await().atMost(WAIT).until(() -> climate.zone("Rear").targetTemperature().get() == 23.5);

        // enums by name, sets as arrays of names
        ObjectNode mode = on(client.message("set"), CLIMATE, null);
        mode.put("property", "recirculationMode").put("value", "ON");
        assertThat(client.request(mode).get("type").textValue()).isEqualTo("reply");
        assertThat(climate.recirculationMode().get()).isEqualTo(ClimateControl.RecirculationMode.ON);
        ObjectNode directions = on(client.message("set"), CLIMATE, null);
        directions.put("property", "airflowDirections").putArray("value").add("FLOOR").add("WINDSHIELD");
        assertThat(client.request(directions).get("type").textValue()).as("set of enums").isEqualTo("reply");
        JsonNode got = client.request(on(client.message("get"), CLIMATE, null).put("property", "airflowDirections"));
        assertThat(got.get("value").toString()).as("in the enum's order").isEqualTo("[\"WINDSHIELD\",\"FLOOR\"]");
        assertThat(climate.airflowDirections().get()).containsExactlyInAnyOrder(ClimateControl.AirflowDirection.FLOOR,
                ClimateControl.AirflowDirection.WINDSHIELD);

        // get of every value of a zone
        JsonNode all = client.request(on(client.message("get"), CLIMATE, "Rear"));
        assertThat(all.get("values").get("targetTemperature").get("value").doubleValue()).isEqualTo(23.5);

        // unsubscribed: no more changes
        client.request(on(client.message("unsubscribe"), CLIMATE, null));
        climate.zone("FrontLeft").targetTemperature().set(20.5).getValue();
        // a second subscriber sees the change, so it has gone through the gateway; the first was not sent it
        GatewayClient other = client(null);
        other.awaitType("welcome");
        other.request(on(other.message("subscribe"), CLIMATE, null));
        climate.zone("FrontLeft").targetTemperature().set(21.5).getValue();
        other.await(m -> m.path("type").asText().equals("value") && m.path("value").doubleValue() == 21.5, "21.5 on the other client");
        JsonNode pong = client.request(client.message("ping"));
        assertThat(pong.get("re").textValue()).isEqualTo("ping");
        assertThat(client.hasReceived(m -> m.path("type").asText().equals("value") && m.path("value").doubleValue() == 21.5))
                .as("a change after unsubscribe").isFalse();
    }

    @Test
    public void shouldCallOperationsRaiseSignalsAndSwitchBackends() throws Exception {
        GatewayClient client = client(null);
        client.awaitType("welcome");
        client.request(on(client.message("subscribe"), TUNER, null));

        // an operation with a record result
        JsonNode seek = client.request(on(client.message("call"), TUNER, null).put("operation", "seekUp"));
        assertThat(seek.get("type").textValue()).as("%s", seek).isEqualTo("reply");
        assertThat(seek.get("result").get("frequencyKhz").intValue()).isEqualTo(tuner.station().get().frequencyKhz());
        assertThat(seek.get("result").get("band").textValue()).isEqualTo(tuner.band().get().name());

        // a signal, as an event
        client.request(on(client.message("call"), TUNER, null).put("operation", "startScan"));
        JsonNode signal = client.await(m -> m.path("type").asText().equals("signal") && m.path("signal").asText().equals("scanStarted"),
                "the scanStarted signal");
        assertThat(signal.get("feature").textValue()).isEqualTo(TUNER);
        assertThat(signal.get("payload").isNull()).isTrue();
        client.request(on(client.message("call"), TUNER, null).put("operation", "stopScan"));

        // switching the backend, as ifw:use does, shows in the status
        client.request(on(client.message("subscribe"), CLIMATE, null));
        JsonNode backends = client.request(on(client.message("backends"), CLIMATE, null));
        assertThat(backends.get("backends").toString()).contains("\"name\":\"simulator\"").contains("\"name\":\"climate-local\"");
        JsonNode used = client.request(on(client.message("use"), CLIMATE, null).put("backend", "simulator"));
        assertThat(used.get("status").get("backend").get("name").textValue()).isEqualTo("simulator");
        client.await(m -> m.path("type").asText().equals("status") && m.path("status").path("backend").path("kind").asText().equals("simulation"),
                "a status with the simulator");

        // fault injection into the simulator: availability events, a failure with its code, latency
        ObjectNode unavailable = on(client.message("fault"), CLIMATE, "Rear");
        unavailable.put("member", "cabinTemperature").put("kind", "unavailable").putArray("arguments").add("sensor").add("unplugged");
        assertThat(client.request(unavailable).get("result").textValue()).contains("unavailable (sensor unplugged)");
        JsonNode availability = client.await(m -> m.path("type").asText().equals("availability") && m.path("zone").asText().equals("Rear")
                && m.path("property").asText().equals("cabinTemperature") && m.path("availability").asText().equals("NOT_AVAILABLE"),
                "cabinTemperature@Rear NOT_AVAILABLE");
        assertThat(availability.get("reason").textValue()).isEqualTo("sensor unplugged");
        ObjectNode fail = on(client.message("fault"), CLIMATE, null);
        fail.put("member", "targetTemperature").put("kind", "fail").putArray("arguments").add("1").add("PERMISSION_DENIED");
        client.request(fail);
        ObjectNode write = on(client.message("set"), CLIMATE, null).put("property", "targetTemperature").put("value", 21.0);
        JsonNode refused = client.request(write);
        assertThat(refused.get("type").textValue()).isEqualTo("error");
        assertThat(refused.get("code").textValue()).isEqualTo("PERMISSION_DENIED");

        // out-of-order answers by id: a slow write answered after a fast call sent later
        ObjectNode latency = on(client.message("fault"), CLIMATE, null);
        latency.put("member", "fanSpeedLevel").put("kind", "latency").putArray("arguments").add("400");
        client.request(latency);
        ObjectNode slow = on(client.message("set"), CLIMATE, null).put("property", "fanSpeedLevel").put("value", 3);
        ObjectNode fast = client.message("ping");
        client.send(slow.toString());
        client.send(fast.toString());
        List<Integer> order = new ArrayList<>();
        int slowId = slow.get("id").intValue();
        int fastId = fast.get("id").intValue();
        for (int i = 0; i < 2; i++) {
            JsonNode answer = client.await(m -> m.path("type").asText().equals("reply")
                    && (m.path("id").asInt() == slowId || m.path("id").asInt() == fastId), "an answer");
            order.add(answer.get("id").intValue());
        }
        assertThat(order).containsExactly(fastId, slowId);

        // a per-call timeout
        ObjectNode timed = on(client.message("set"), CLIMATE, null).put("property", "fanSpeedLevel").put("value", 4).put("timeoutMs", 50);
        JsonNode timeout = client.request(timed);
        assertThat(timeout.get("code").textValue()).isEqualTo("TIMEOUT");

        // back to discovery
        JsonNode back = client.request(on(client.message("use"), CLIMATE, null).putNull("backend"));
        assertThat(back.get("status").get("backend").get("name").textValue()).isEqualTo("climate-local");
    }

    @Test
    public void shouldBrowseAndEditPagingModels() throws Exception {
        GatewayClient client = client(null);
        client.awaitType("welcome");
        ObjectNode open = on(client.message("openModel"), TUNER, null).put("model", "stations").put("query", "[\\frequencyKhz]");
        JsonNode opened = client.request(open);
        assertThat(opened.get("type").textValue()).as("%s", opened).isEqualTo("reply");
        String handle = opened.get("model").textValue();
        assertThat(opened.get("item").get("fields").has("frequencyKhz")).isTrue();
        JsonNode items = client.request(client.message("fetch").put("model", handle).put("start", 0).put("count", 3));
        assertThat(items.get("items").size()).isBetween(1, 3);
        int previous = Integer.MAX_VALUE;
        for (JsonNode item : items.get("items")) {
            assertThat(item.get("frequencyKhz").intValue()).as("descending by the query").isLessThanOrEqualTo(previous);
            previous = item.get("frequencyKhz").intValue();
        }
        JsonNode badQuery = client.request(on(client.message("openModel"), TUNER, null).put("model", "stations").put("query", "name ~~ ("));
        assertThat(badQuery.get("code").textValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(badQuery.get("message").textValue()).startsWith("bad query");

        // an insert into the play queue gives a change event to the instance that watches it
        JsonNode queue = client.request(on(client.message("openModel"), PLAYER, null).put("model", "playQueue")
                .put("loadingType", "DATA_CHANGED"));
        String queueHandle = queue.get("model").textValue();
        ObjectNode insert = client.message("insert").put("model", queueHandle).put("index", 0);
        ObjectNode track = insert.putObject("item");
        track.put("id", "gw-1").put("title", "Over the wire").put("artist", "IFW").put("album", "Gateway").put("genre", "Test")
                .put("year", 2026).put("trackNumber", 1).put("durationMs", 1000L).put("url", "file:///dev/null");
        assertThat(client.request(insert).get("type").textValue()).isEqualTo("reply");
        JsonNode inserted = client.await(m -> m.path("type").asText().equals("modelChange") && m.path("model").asText().equals(queueHandle)
                && m.path("kind").asText().equals("INSERTED"), "the INSERTED model change");
        assertThat(inserted.get("index").intValue()).isEqualTo(0);
        JsonNode first = client.request(client.message("fetch").put("model", queueHandle).put("start", 0).put("count", 1));
        assertThat(first.get("items").get(0).get("title").textValue()).isEqualTo("Over the wire");
        client.request(client.message("remove").put("model", queueHandle).put("index", 0));
        assertThat(client.request(client.message("closeModel").put("model", handle)).get("type").textValue()).isEqualTo("reply");
        JsonNode closedAgain = client.request(client.message("fetch").put("model", handle));
        assertThat(closedAgain.get("message").textValue()).contains("no open model '" + handle + "'");
    }

    @Test
    public void shouldAnswerBadInputWithAnErrorAndStayConnected() throws Exception {
        GatewayClient client = client(null);
        client.awaitType("welcome");
        client.send("{not json");
        JsonNode bad = client.awaitType("error");
        assertThat(bad.get("code").textValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(bad.get("message").textValue()).startsWith("bad JSON").contains("line 1");

        client.send("[1,2]");
        assertThat(client.awaitType("error").get("message").textValue()).contains("a JSON object with a \"type\"");

        JsonNode unknown = client.request(client.message("teleport"));
        assertThat(unknown.get("message").textValue()).isEqualTo("unknown message type 'teleport' (types: features, describe, subscribe,"
                + " unsubscribe, get, set, call, backends, use, fault, openModel, fetch, closeModel, insert, remove, move, ping)");
        assertThat(unknown.get("re").textValue()).isEqualTo("teleport");

        assertThat(client.request(client.message("subscribe")).get("message").textValue()).isEqualTo("subscribe: \"feature\" is missing");
        assertThat(client.request(on(client.message("subscribe"), "io.ifw.Nothing", null)).get("message").textValue())
                .contains("io.ifw.Nothing");
        JsonNode noProperty = client.request(on(client.message("set"), CLIMATE, null).put("property", "targetTemp").put("value", 20));
        assertThat(noProperty.get("message").textValue()).contains("no property 'targetTemp'").contains("targetTemperature");
        JsonNode wrongType = client.request(on(client.message("set"), CLIMATE, null).put("property", "targetTemperature").put("value", "warm"));
        assertThat(wrongType.get("code").textValue()).isEqualTo("INVALID_ARGUMENT");
        assertThat(wrongType.get("message").textValue()).isEqualTo("ClimateControl.targetTemperature: \"warm\" is not a double (a finite number)");
        JsonNode wrongEnum = client.request(on(client.message("set"), CLIMATE, null).put("property", "recirculationMode").put("value", "MAX"));
        assertThat(wrongEnum.get("message").textValue()).contains("'MAX' is not a constant of RecirculationMode [OFF, ON, AUTO]");
        JsonNode noZone = client.request(on(client.message("set"), CLIMATE, "Trunk").put("property", "targetTemperature").put("value", 20));
        assertThat(noZone.get("code").textValue()).isEqualTo("INVALID_ZONE");
        assertThat(noZone.get("message").textValue()).contains("'Trunk'").contains("Rear");
        JsonNode outOfRange = client.request(on(client.message("set"), CLIMATE, "Rear").put("property", "targetTemperature").put("value", 99));
        assertThat(outOfRange.get("code").textValue()).isEqualTo("OUT_OF_RANGE");
        assertThat(outOfRange.get("constraint").textValue()).isEqualTo("[16-30]");
        JsonNode readOnly = client.request(on(client.message("set"), CLIMATE, null).put("property", "cabinTemperature").put("value", 20));
        assertThat(readOnly.get("code").textValue()).isEqualTo("INVALID_OPERATION");
        JsonNode arguments = client.request(on(client.message("call"), TUNER, null).put("operation", "seekUp").put("arguments", 5));
        assertThat(arguments.get("message").textValue()).contains("\"arguments\" is an array or an object");
        JsonNode tooMany = client.request((ObjectNode) on(client.message("call"), TUNER, null).put("operation", "seekUp")
                .set("arguments", GatewayClient.JSON.createArrayNode().add(1)));
        assertThat(tooMany.get("message").textValue()).contains("takes 0 argument(s), not 1");
        client.sendBinary(new byte[] {1, 2, 3});
        assertThat(client.awaitType("error").get("message").textValue()).contains("binary message (3 bytes)");
        JsonNode noUse = client.request(on(client.message("use"), CLIMATE, null).put("backend", "nonesuch"));
        assertThat(noUse.get("message").textValue()).contains("nonesuch");

        // nothing was lost: the connection is up and values are as they were
        assertThat(client.request(client.message("ping")).get("type").textValue()).isEqualTo("reply");
        assertThat(climate.zone("Rear").targetTemperature().get()).isBetween(16.0, 30.0);
    }

    @Test
    public void shouldGiveEachSecretItsRoleAndCheckOrigins() throws Exception {
        Hashtable<String, Object> secured = new Hashtable<>();
        secured.put("secret", "full-s3cret");
        secured.put("readOnlySecret", "look-only");
        configure(secured);

        assertThatThrownBy(() -> client(null)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> client("wrong")).hasStackTraceContaining("401");

        GatewayClient reader = client("look-only");
        assertThat(reader.awaitType("welcome").get("role").textValue()).isEqualTo("read-only");
        assertThat(reader.request(on(reader.message("subscribe"), CLIMATE, null)).get("type").textValue()).isEqualTo("reply");
        JsonNode denied = reader.request(on(reader.message("set"), CLIMATE, null).put("property", "targetTemperature").put("value", 20));
        assertThat(denied.get("code").textValue()).isEqualTo("PERMISSION_DENIED");
        assertThat(denied.get("message").textValue()).isEqualTo("read-only access: 'set' needs the full-access secret");
        assertThat(reader.request(on(reader.message("call"), TUNER, null).put("operation", "seekUp")).get("code").textValue())
                .isEqualTo("PERMISSION_DENIED");

        GatewayClient writer = client("full-s3cret");
        assertThat(writer.awaitType("welcome").get("role").textValue()).isEqualTo("full");
        assertThat(writer.request(on(writer.message("set"), CLIMATE, null).put("property", "targetTemperature").put("value", 22.0))
                .get("type").textValue()).isEqualTo("reply");

        int port = GatewayClient.port(context);
        assertThatThrownBy(() -> clients.add(GatewayClient.connect(context, "full-s3cret", "http://evil.example")))
                .hasStackTraceContaining("403");
        GatewayClient samePage = GatewayClient.connect(context, "full-s3cret", "http://127.0.0.1:" + port);
        clients.add(samePage);
        assertThat(samePage.awaitType("welcome").get("role").textValue()).isEqualTo("full");
    }

    @Test
    public void shouldServeAHundredClients() throws Exception {
        List<GatewayClient> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            GatewayClient client = client(null);
            client.awaitType("welcome");
            client.request(on(client.message("subscribe"), CLIMATE, null));
            hundred.add(client);
        }
        for (int i = 0; i < 10; i++) {
            climate.zone("FrontRight").targetTemperature().set(17.0 + i).getValue();
        }
        for (GatewayClient client : hundred) {
            client.await(m -> m.path("type").asText().equals("value") && m.path("zone").asText().equals("FrontRight")
                    && m.path("value").doubleValue() == 26.0, "the last of ten changes");
        }
    }

    @Test
    public void shouldConflateForAStalledClientAndCutItOffPastTheBound() throws Exception {
        Hashtable<String, Object> small = new Hashtable<>();
        small.put("maxEvents", "64");
        configure(small);
        int port = GatewayClient.port(context);
        GatewayClient healthy = client(null);
        healthy.awaitType("welcome");
        healthy.request(on(healthy.message("subscribe"), CLIMATE, null));

        try (RawWebSocket stalled = new RawWebSocket(port)) {
            stalled.sendText("{\"type\":\"subscribe\",\"id\":1,\"feature\":\"" + CLIMATE + "\"}");
            // 50,000 changes (more than the socket buffers hold) while the stalled client does not read
            int changes = 50_000;
            for (int i = 0; i < changes; i++) {
                climate.zone("FrontRight").fanSpeedLevel().set(i % 5).getValue();
            }
            climate.zone("FrontRight").targetTemperature().set(28.5).getValue();
            healthy.await(m -> m.path("type").asText().equals("value") && m.path("zone").asText().equals("FrontRight")
                    && m.path("property").asText().equals("targetTemperature") && m.path("value").doubleValue() == 28.5, "28.5 on the healthy client");

            // the stalled client reads now: values come conflated, ending with the newest
            List<String> messages = stalled.readTextsUntil(text -> text.contains("\"property\":\"targetTemperature\"") && text.contains("28.5"));
            long fanChanges = messages.stream().filter(text -> text.contains("\"property\":\"fanSpeedLevel\"") && text.contains("\"type\":\"value\"")).count();
            assertThat(fanChanges).as("fan changes delivered to the client that did not read").isLessThan(changes);

            // events are not conflated: the client asks and does not read the answers (each answer to
            // describe is 1.6 KB, so the socket buffers fill); past the bound of 64 events waiting, the
            // server cuts it off: its socket is closed, so the client's next writes fail
            boolean cutOff = stalled.sendUntilClosed("{\"type\":\"describe\",\"id\":2,\"feature\":\"" + CLIMATE + "\"}", 100_000);
            assertThat(cutOff).as("the server closed the connection of the client that did not read").isTrue();
            int code = stalled.awaitCloseCode();
            // 1008 with the reason when the close frame gets through; a reset when the server closed
            // while requests it had not read were still coming in (TCP resets such a connection)
            assertThat(code).isIn(1008, 1006);
            if (code == 1008) {
                assertThat(stalled.closeReason()).contains("did not read");
            }
        }
        climate.zone("FrontRight").targetTemperature().set(18.5).getValue();
        healthy.await(m -> m.path("type").asText().equals("value") && m.path("value").doubleValue() == 18.5, "18.5 after the cut-off");
    }

    /**
     * A WebSocket client on a plain socket with a small receive buffer, which can stop reading:
     * what a browser tab in the background or a phone in a tunnel does to a server.
     */
    static final class RawWebSocket implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private volatile int closeCode = -1;
        private volatile String closeReason = "";

        RawWebSocket(int port) throws Exception {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            out.write(("GET /ifw/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the server closed during the handshake: " + head);
                }
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
        }

        void sendText(String text) throws Exception {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            try {
                out.write(frame.toByteArray());
                out.flush();
            } catch (java.io.IOException e) {
                closeCode = closeCode < 0 ? 1006 : closeCode; // the server closed it
            }
        }

        /** Reads frames until one's text passes {@code last}; the texts read. */
        List<String> readTextsUntil(java.util.function.Predicate<String> last) throws Exception {
            List<String> texts = new ArrayList<>();
            while (true) {
                String text = readFrame();
                if (text == null) {
                    throw new AssertionError("closed before the expected message; read: " + texts.size() + " messages");
                }
                texts.add(text);
                if (last.test(text)) {
                    return texts;
                }
            }
        }

        /** Sends {@code text} again and again, up to {@code times}, until a write fails because the server closed the connection. */
        boolean sendUntilClosed(String text, int times) throws Exception {
            for (int i = 0; i < times; i++) {
                sendText(text);
                if (closeCode >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Reads (and drops) frames until the server's close frame or the end; its code. */
        int awaitCloseCode() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    if (readFrame() == null) {
                        return closeCode;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError("the server did not close the stalled connection", e);
                } catch (java.io.IOException e) {
                    return closeCode < 0 ? 1006 : closeCode; // reset by the server
                }
            }
            throw new AssertionError("the server did not close the stalled connection");
        }

        String closeReason() {
            return closeReason;
        }

        /** One frame's text; {@code null} at a close frame or the end of the stream. */
        private String readFrame() throws java.io.IOException {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = in.read();
            long length = second & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                closeReason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return null;
            }
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
