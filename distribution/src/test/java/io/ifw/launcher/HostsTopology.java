package io.ifw.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One server container and two client containers, each on a host of its own
 * ({@link NetworkNamespaces}), over {@code aeron:udp} on the hosts' addresses: the server exports
 * every feature of its local backends and journals them; the clients have no local backends and
 * fall back to their simulator while the server is lost. The test reaches each container through
 * its web gateway on the host's management address (the data network can be cut).
 */
final class HostsTopology implements AutoCloseable {

    static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    static final String TUNER = "io.ifw.media.AmFmTuner";
    static final String REMOTE_CLIMATE = "hosts:climate-local";
    static final String SECRET = "multi-host-secret";
    static final String GATEWAY_TOKEN = "gateway-token";
    private static final String GATEWAY_CONFIG = "io.ifw.gateway.cfg";
    static final int PORT = 40456;

    final NetworkNamespaces network;
    final Path work;
    final HostContainer server;
    final HostContainer clientA;
    final HostContainer clientB;
    private final List<GatewaySession> sessions = new ArrayList<>();

    private HostsTopology(NetworkNamespaces network, Path work, HostContainer server, HostContainer clientA, HostContainer clientB) {
        this.network = network;
        this.work = work;
        this.server = server;
        this.clientA = clientA;
        this.clientB = clientB;
    }

    /**
     * Makes the hosts and starts the containers.
     *
     * @param serverOptions  extra JVM options of the server (Aeron's loss generators, say)
     * @param clientAOptions extra JVM options of client A
     */
    static HostsTopology start(List<String> serverOptions, List<String> clientAOptions) throws Exception {
        Path work = Files.createTempDirectory("ifw-hosts-");
        NetworkNamespaces network = NetworkNamespaces.create();
        HostsTopology topology = null;
        try {
            NetworkNamespaces.Host serverHost = network.add("server", 1);
            NetworkNamespaces.Host hostA = network.add("client-a", 2);
            NetworkNamespaces.Host hostB = network.add("client-b", 3);
            Path home = HostContainer.home(work);
            HostContainer server = new HostContainer(home, work, serverHost, serverConfigs(serverHost), List.of("# the server host", webHost(serverHost)), serverOptions);
            HostContainer clientA = new HostContainer(home, work, hostA, clientConfigs(serverHost), clientProfile(hostA), clientAOptions);
            HostContainer clientB = new HostContainer(home, work, hostB, clientConfigs(serverHost), clientProfile(hostB), List.of());
            topology = new HostsTopology(network, work, server, clientA, clientB);
            server.start();
            clientA.start();
            clientB.start();
            return topology;
        } catch (Exception | AssertionError e) {
            if (topology != null) {
                topology.close();
            } else {
                network.close();
            }
            throw e;
        }
    }

    private static Map<String, List<String>> serverConfigs(NetworkNamespaces.Host host) throws Exception {
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("io.ifw.backend.local.media.cfg", HostContainer.distributionConfig("io.ifw.backend.local.media.cfg"));
        configs.put("io.ifw.journal-hosts.cfg", HostContainer.distributionConfig("io.ifw.journal-default.cfg"));
        configs.put("io.ifw.remote.server-hosts.cfg", List.of("name=hosts", "channel=aeron:udp?endpoint=" + host.address() + ":" + PORT,
                "streamId=4100", "features=*", "secret=" + SECRET, "heartbeatIntervalMs=200", "livenessTimeoutMs=1500", "idleStrategy=backoff"));
        configs.put(GATEWAY_CONFIG, List.of("secret=" + GATEWAY_TOKEN));
        return configs;
    }

    static Map<String, List<String>> clientConfigs(NetworkNamespaces.Host server) {
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("io.ifw.remote.client-hosts.cfg", List.of("name=hosts", "channel=aeron:udp?endpoint=" + server.address() + ":" + PORT,
                "streamId=4100", "features=*", "secret=" + SECRET, "onLoss=unregister", "heartbeatIntervalMs=200", "suspectAfterMs=600",
                "livenessTimeoutMs=1500", "idleStrategy=backoff"));
        configs.put(GATEWAY_CONFIG, List.of("secret=" + GATEWAY_TOKEN));
        return configs;
    }

    static List<String> clientProfile(NetworkNamespaces.Host host) {
        return List.of("# a client host: no local backends", "exclude.bundles=io.ifw.backend.local,io.ifw.backend.local.media", webHost(host));
    }

    /** The profile line that has the host's web server listen on its management address (the tests' gateway sessions go there). */
    private static String webHost(NetworkNamespaces.Host host) {
        return "framework.org.apache.felix.http.host=" + host.managementAddress();
    }

    /** A gateway session with a container, closed with the topology. */
    GatewaySession session(HostContainer container) throws Exception {
        GatewaySession session = GatewaySession.connect(container.gatewayUri(GATEWAY_TOKEN), container.host().name());
        sessions.add(session);
        return session;
    }

    /**
     * Waits until {@code feature}'s status on the container satisfies {@code test}; how long it
     * took, in milliseconds (asked every 20 ms, so within that).
     */
    static long awaitStatus(GatewaySession session, String feature, Predicate<JsonNode> test, String what) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(GatewaySession.WAIT_S);
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = session.status(feature);
            if (test.test(status)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + GatewaySession.WAIT_S + " s; the status: " + status);
    }

    static Predicate<JsonNode> backendNamed(String name) {
        return status -> status.path("backend").path("name").asText().equals(name);
    }

    static Predicate<JsonNode> backendKind(String kind) {
        return status -> status.path("backend").path("kind").asText().equals(kind);
    }

    /** Every container's output, for a failure message. */
    String outputs() {
        return "=== server ===\n" + server.output() + "\n=== client-a ===\n" + clientA.output() + "\n=== client-b ===\n" + clientB.output();
    }

    @Override
    public void close() throws Exception {
        sessions.forEach(GatewaySession::close);
        for (HostContainer container : List.of(clientA, clientB, server)) {
            container.close();
        }
        network.close();
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
