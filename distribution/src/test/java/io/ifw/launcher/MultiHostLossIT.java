package io.ifw.launcher;

import static io.ifw.launcher.HostsTopology.CLIMATE;
import static io.ifw.launcher.HostsTopology.REMOTE_CLIMATE;
import static io.ifw.launcher.HostsTopology.TUNER;
import static io.ifw.launcher.HostsTopology.awaitStatus;
import static io.ifw.launcher.HostsTopology.backendNamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Packet loss across hosts, made by Aeron's own loss generators (the debug channel endpoints of
 * {@code io.aeron.driver.ext}; {@code tc netem} is not available): the server's media driver
 * drops 10 % of the data and 5 % of the control frames it receives, client A's drops 10 % of its
 * data. Every write from host A is acknowledged and every acknowledged value is on the server and
 * on host B at the end; calls are answered; the recoveries (NAKs and retransmits) are counted
 * from the drivers' counters. Skipped, with one line, where network namespaces cannot be made.
 */
class MultiHostLossIT {

    private static final List<String> LOSSY = List.of(
            "-Daeron.SendChannelEndpoint.supplier=io.aeron.driver.ext.DebugSendChannelEndpointSupplier",
            "-Daeron.ReceiveChannelEndpoint.supplier=io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier");
    private static final String[] ZONES = {"FrontLeft", "FrontRight", "Rear"};
    private static final int WRITES = 300;
    private static final int CALLS = 50;

    @Test
    void shouldLoseNoAcknowledgedWriteWhenDataAndControlFramesAreLost() throws Exception {
        String unavailable = NetworkNamespaces.unavailableBecause();
        if (unavailable != null) {
            System.out.println("MultiHostLossIT skipped: " + unavailable);
        }
        Assumptions.assumeTrue(unavailable == null, unavailable);
        List<String> serverLoss = concat(LOSSY, "-Daeron.debug.receive.data.loss.rate=0.1", "-Daeron.debug.receive.data.loss.seed=7",
                "-Daeron.debug.receive.control.loss.rate=0.05", "-Daeron.debug.receive.control.loss.seed=11");
        List<String> clientLoss = concat(LOSSY, "-Daeron.debug.receive.data.loss.rate=0.1", "-Daeron.debug.receive.data.loss.seed=13");
        try (HostsTopology hosts = HostsTopology.start(serverLoss, clientLoss)) {
            GatewaySession onA = hosts.session(hosts.clientA);
            GatewaySession onB = hosts.session(hosts.clientB);
            try {
                awaitStatus(onA, CLIMATE, backendNamed(REMOTE_CLIMATE), "client A on the server");
                awaitStatus(onB, CLIMATE, backendNamed(REMOTE_CLIMATE), "client B on the server");
                Map<String, Long> serverBefore = DriverCounters.read(hosts.server.aeronDirectory());
                Map<String, Long> clientBefore = DriverCounters.read(hosts.clientA.aeronDirectory());

                long start = System.nanoTime();
                Map<String, Double> acknowledged = new LinkedHashMap<>();
                for (int i = 0; i < WRITES; i++) {
                    String zone = ZONES[i % ZONES.length];
                    double value = 16.0 + (i % 29) / 2.0;
                    onA.ok(onA.on("set", CLIMATE, zone).put("property", "targetTemperature").put("value", value));
                    acknowledged.put(zone, value);
                }
                for (int i = 0; i < CALLS; i++) {
                    JsonNode station = onA.ok(onA.on("call", TUNER, null).put("operation", "seekUp")).path("result");
                    assertThat(station.path("frequencyKhz").asInt()).as("call %d: %s", i, station).isPositive();
                }
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                try (GatewaySession onServer = hosts.session(hosts.server)) {
                    for (Map.Entry<String, Double> entry : acknowledged.entrySet()) {
                        assertThat(onServer.value(CLIMATE, entry.getKey(), "targetTemperature").asDouble())
                                .as("the server's %s", entry.getKey()).isEqualTo(entry.getValue());
                        MultiHostIT.awaitValue(onB, CLIMATE, entry.getKey(), "targetTemperature", entry.getValue());
                    }
                }
                assertThat(onA.status(CLIMATE).path("backend").path("name").asText()).as("client A stayed on the server").isEqualTo(REMOTE_CLIMATE);

                Map<String, Long> server = delta(serverBefore, DriverCounters.read(hosts.server.aeronDirectory()));
                Map<String, Long> client = delta(clientBefore, DriverCounters.read(hosts.clientA.aeronDirectory()));
                System.out.println("MultiHostLossIT: " + WRITES + " acknowledged writes and " + CALLS + " calls from host A under loss, one after another, in "
                        + tookMs + " ms; server driver: "
                        + pick(server) + "; client A driver: " + pick(client));
                assertThat(server.get("NAKs sent") + client.get("NAKs sent")).as("NAKs for the frames lost").isPositive();
                assertThat(server.get("Retransmits sent") + client.get("Retransmits sent")).as("retransmits of the frames lost").isPositive();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + hosts.outputs(), e);
            }
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((label, value) -> delta.put(label, value - before.getOrDefault(label, 0L)));
        return delta;
    }

    private static String pick(Map<String, Long> counters) {
        StringBuilder text = new StringBuilder();
        for (String label : List.of("NAKs sent", "NAKs received", "Retransmits sent", "Loss gap fills")) {
            text.append(text.length() == 0 ? "" : ", ").append(label).append(' ').append(counters.getOrDefault(label, -1L));
        }
        return text.toString();
    }
}
