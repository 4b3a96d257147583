package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Mutual authentication across hosts: a client host looks for its server at an address where an
 * impostor listens (a third party's JVM on a host of its own, {@link ImpostorServer}), which speaks
 * the protocol, welcomes the client's proof and offers the climate control with a value — but
 * cannot prove the secret. The client takes nothing: the climate control stays on its simulator,
 * the impostor's value never shows, and the client says why. Skipped, with one line, where network
 * namespaces cannot be made.
 */
class MultiHostImpostorIT {

    @Test
    void shouldTakeNothingFromAnImpostorOnAnotherHost() throws Exception {
        String unavailable = NetworkNamespaces.unavailableBecause();
        if (unavailable != null) {
            System.out.println("MultiHostImpostorIT skipped: " + unavailable);
        }
        Assumptions.assumeTrue(unavailable == null, unavailable);
        Path work = Files.createTempDirectory("ifw-impostor-");
        try (NetworkNamespaces network = NetworkNamespaces.create()) {
            NetworkNamespaces.Host impostorHost = network.add("impostor", 1);
            NetworkNamespaces.Host clientHost = network.add("client", 2);
            try (HostProgram impostor = HostProgram.start(impostorHost, work.resolve("impostor.txt"), ImpostorServer.class,
                    work.resolve("impostor-aeron").toString(), impostorHost.address() + ":" + HostsTopology.PORT)) {
                impostor.awaitOutput("impostor: listening");
                Path home = HostContainer.home(work);
                try (HostContainer client = new HostContainer(home, work, clientHost, HostsTopology.clientConfigs(impostorHost),
                        HostsTopology.clientProfile(clientHost), List.of())) {
                    client.start();
                    try (GatewaySession session = GatewaySession.connect(client.gatewayUri(HostsTopology.GATEWAY_TOKEN), "client")) {
                        impostor.awaitOutput("(2)"); // welcomed twice: the client tried again after its back-off
                        var status = session.status(HostsTopology.CLIMATE);
                        assertThat(status.path("backend").path("name").asText()).as("%s", status).isEqualTo("simulator");
                        assertThat(session.value(HostsTopology.CLIMATE, "Rear", "targetTemperature").asDouble())
                                .as("the impostor's value").isNotEqualTo(29.5);
                        client.awaitLog("server 'impostor' was not trusted: the server's proof of the secret is wrong");
                    }
                }
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
