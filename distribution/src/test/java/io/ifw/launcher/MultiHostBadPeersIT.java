package io.ifw.launcher;

import static io.ifw.launcher.HostsTopology.CLIMATE;
import static io.ifw.launcher.HostsTopology.REMOTE_CLIMATE;
import static io.ifw.launcher.HostsTopology.awaitStatus;
import static io.ifw.launcher.HostsTopology.backendNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bad peers across hosts: an attacker on a fourth host, with what a tap on client A's link gave
 * it (A's Hello, its proof and a heartbeat with its session id, read from the log buffer of A's
 * media driver), sends the server a frame that is no IFW message, a heartbeat of a guessed
 * session, A's heartbeat and a goodbye with A's session from its own address, A's Hello and proof
 * replayed, and a handshake of its own with a guessed secret (its proof first from a second
 * publication); and it sends A's answer channel a goodbye and an update. Each is dropped and
 * counted under its reason — the server's and A's {@code ifw:remote} say so, exactly — and the
 * real sessions keep working: a write on A reaches B. Skipped, with one line, where network
 * namespaces cannot be made.
 */
class MultiHostBadPeersIT {

    private static final long WAIT_S = 60;

    @Test
    void shouldDropAndCountWhatAnAttackerOnAnotherHostSendsWhileTheRealSessionsGoOn() throws Exception {
        String unavailable = NetworkNamespaces.unavailableBecause();
        if (unavailable != null) {
            System.out.println("MultiHostBadPeersIT skipped: " + unavailable);
        }
        Assumptions.assumeTrue(unavailable == null, unavailable);
        try (HostsTopology hosts = HostsTopology.start(List.of(), List.of())) {
            try {
                attackAndCheck(hosts);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + hosts.outputs(), e);
            }
        }
    }

    private static void attackAndCheck(HostsTopology hosts) throws Exception {
        GatewaySession onA = hosts.session(hosts.clientA);
        GatewaySession onB = hosts.session(hosts.clientB);
        awaitStatus(onA, CLIMATE, backendNamed(REMOTE_CLIMATE), "client A on the server's climate control");
        awaitStatus(onB, CLIMATE, backendNamed(REMOTE_CLIMATE), "client B on the server's climate control");

        // the tap on A's link
        List<SentFrames.Message> sent = SentFrames.ofPublicationThatSent(hosts.clientA.aeronDirectory(), HeartbeatDecoder.TEMPLATE_ID);
        HexFormat hex = HexFormat.of();
        String hello = hex.formatHex(SentFrames.last(sent, HelloDecoder.TEMPLATE_ID).bytes());
        String proof = hex.formatHex(SentFrames.last(sent, ProofDecoder.TEMPLATE_ID).bytes());
        String heartbeat = hex.formatHex(SentFrames.last(sent, HeartbeatDecoder.TEMPLATE_ID).bytes());

        NetworkNamespaces.Host attackerHost = hosts.network.add("attacker", 4);
        NetworkNamespaces.Host serverHost = hosts.server.host();
        try (HostProgram attacker = HostProgram.start(attackerHost, hosts.work.resolve("attacker.txt"), AttackerHost.class,
                hosts.work.resolve("attacker-aeron").toString(), attackerHost.address(), serverHost.address() + ":" + HostsTopology.PORT,
                "4100", hello, proof, heartbeat)) {
            attacker.awaitOutput("attacker: done");
            assertThat(attacker.output()).contains("attacker: refused: PERMISSION_DENIED wrong secret");

            String server = awaitShell(hosts.server, "ifw:remote", "dropped 8 bad messages: {Hello with an unusable answer channel=1, "
                    + "malformed frame=1, message of an unknown session=1, message of another peer's session=2, proof from another peer=1, "
                    + "refused handshake=1, unexpected proof=1}");
            // the real clients are still the server's only clients
            assertThat(server).contains("from " + hosts.clientA.host().address() + ":", "from " + hosts.clientB.host().address() + ":")
                    .doesNotContain("from " + attackerHost.address() + ":");
            String clientA = awaitShell(hosts.clientA, "ifw:remote",
                    "dropped 2 bad messages: {message from another publication than the server's=2}");
            assertThat(clientA).contains("client hosts of aeron:udp?endpoint=" + serverHost.address() + ":" + HostsTopology.PORT
                    + " stream 4100: CONNECTED");
            hosts.server.awaitLog("dropped a message from " + attackerHost.address() + ":");
            hosts.server.awaitLog("refused client 'attacker' (" + attackerHost.address() + ":");
        }

        // the real sessions go on: a write on A, acknowledged, applied, seen on B; the attacker's update is not A's value
        assertThat(onA.status(CLIMATE).path("backend").path("name").asText()).isEqualTo(REMOTE_CLIMATE);
        onB.ok(onB.on("subscribe", CLIMATE, null));
        double written = onA.value(CLIMATE, "Rear", "targetTemperature").asDouble() == 21.5 ? 22.5 : 21.5;
        onA.ok(onA.on("set", CLIMATE, "Rear").put("property", "targetTemperature").put("value", written));
        onB.await(m -> m.path("type").asText().equals("value") && m.path("zone").asText().equals("Rear")
                && m.path("property").asText().equals("targetTemperature") && m.path("value").asDouble() == written, "Rear at " + written + " on B");
        assertThat(onA.value(CLIMATE, "Rear", "targetTemperature").asDouble()).isEqualTo(written);
    }

    /** Asks the container's shell {@code command} until its answer contains {@code expected}; the answer. */
    private static String awaitShell(HostContainer container, String command, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        String answer = container.shell(command);
        while (!answer.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(container.host().name() + ": no '" + expected + "' from " + command + " within " + WAIT_S
                        + " s; the last answer:\n" + answer);
            }
            Thread.sleep(200);
            answer = container.shell(command);
        }
        return answer;
    }
}
