package io.ifw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * "Hosts" on one machine: a network namespace per host with two interfaces, each plugged into a
 * bridge of a namespace of its own (the switch): {@code eth0} on the data network, which the
 * hosts talk over and which a test can cut ({@link #unplug}), and {@code mgmt0} on a management
 * network, where this test's JVM has an interface too, to watch and drive the hosts whatever
 * happens to the data network. Every run has its own names ({@code ifwXXXX-NAME}) and its own
 * two /24s out of 198.18.0.0/15, the range set aside for network benchmarks; {@link #close}
 * removes all of it (the namespaces, and with them their links and the processes still in them),
 * and a shutdown hook does the same if the JVM ends first.
 *
 * <p>Traffic goes only to addresses of namespaces made here. Where namespaces cannot be made
 * (not root, no {@code ip}), {@link #unavailableBecause} says why and nothing is sent.
 */
final class NetworkNamespaces implements AutoCloseable {

    private static final long COMMAND_TIMEOUT_S = 30;

    /**
     * A host: its namespace, its address on the data network and on the management network.
     */
    record Host(String name, String namespace, String address, String managementAddress, String switchPort) {
    }

    private final String prefix;
    private final String subnet;
    private final String managementSubnet;
    private final String switchNamespace;
    private final String testInterface;
    private final List<String> namespaces = new ArrayList<>();
    private final Thread cleanup = new Thread(this::removeQuietly, "ifw-netns-cleanup");
    private boolean closed;

    private NetworkNamespaces(String prefix, String subnet, String managementSubnet) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.managementSubnet = managementSubnet;
        this.switchNamespace = prefix + "-sw";
        this.testInterface = prefix + "t0";
    }

    /**
     * Why namespaces cannot be made here, or {@code null} when they can: tried by making one
     * namespace and removing it again.
     */
    static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root (network namespaces need CAP_NET_ADMIN; CI runs as root)";
        }
        String probe = "ifwprobe" + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
        try {
            Result made = run(List.of("ip", "netns", "add", probe));
            if (made.exit() != 0) {
                return "'ip netns add' failed: " + made.output().trim();
            }
            run(List.of("ip", "netns", "del", probe));
            return null;
        } catch (IOException e) {
            return "no 'ip' command (apt-get install -y iproute2): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Makes the switch and this test's interface on it (address .254 of the run's subnet). */
    static NetworkNamespaces create() throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        String used = run(List.of("ip", "-4", "addr")).output() + run(List.of("ip", "-4", "route")).output();
        for (int attempt = 0; attempt < 50; attempt++) {
            int block = random.nextInt(256) * 2;
            String subnet = "198." + (18 + block / 256) + "." + (block % 256);
            String managementSubnet = "198." + (18 + block / 256) + "." + (block % 256 + 1);
            if (used.contains(subnet + ".") || used.contains(managementSubnet + ".")) {
                continue; // another run's (or anything else's) subnet
            }
            String prefix = "ifw" + HexFormat.of().toHexDigits((short) random.nextInt());
            NetworkNamespaces namespaces = new NetworkNamespaces(prefix, subnet, managementSubnet);
            Runtime.getRuntime().addShutdownHook(namespaces.cleanup);
            try {
                namespaces.makeSwitch();
            } catch (IOException | RuntimeException e) {
                namespaces.close();
                throw e;
            }
            return namespaces;
        }
        throw new IOException("no free /24 in 198.18.0.0/15 after 50 tries");
    }

    private void makeSwitch() throws IOException, InterruptedException {
        ip("netns", "add", switchNamespace);
        ip("-n", switchNamespace, "link", "set", "lo", "up");
        ip("-n", switchNamespace, "link", "add", "br0", "type", "bridge");
        ip("-n", switchNamespace, "link", "set", "br0", "up");
        ip("-n", switchNamespace, "link", "add", "br1", "type", "bridge");
        ip("-n", switchNamespace, "link", "set", "br1", "up");
        ip("link", "add", testInterface, "type", "veth", "peer", "name", prefix + "t1");
        ip("link", "set", prefix + "t1", "netns", switchNamespace);
        ip("-n", switchNamespace, "link", "set", prefix + "t1", "master", "br1", "up");
        ip("addr", "add", testAddress() + "/24", "dev", testInterface);
        ip("link", "set", testInterface, "up");
    }

    /**
     * Adds a host: namespace {@code PREFIX-NAME} with loopback, {@code eth0} at {@code .N} of the
     * data subnet and {@code mgmt0} at {@code .N} of the management subnet, plugged into the switch.
     */
    Host add(String name, int number) throws IOException, InterruptedException {
        if (number < 1 || number > 250) {
            throw new IllegalArgumentException("host number " + number + " is not in 1..250");
        }
        String namespace = prefix + "-" + name;
        String port = prefix + "p" + number;
        ip("netns", "add", namespace);
        namespaces.add(namespace); // removed on close even if linking it fails
        ip("-n", namespace, "link", "set", "lo", "up");
        link(namespace, prefix + "h" + number, port, "br0", "eth0", subnet + "." + number);
        link(namespace, prefix + "m" + number, prefix + "q" + number, "br1", "mgmt0", managementSubnet + "." + number);
        return new Host(name, namespace, subnet + "." + number, managementSubnet + "." + number, port);
    }

    /**
     * Links {@code namespace} to a bridge of the switch: a veth pair whose inside end becomes
     * {@code name} with {@code address}/24 and whose other end, {@code port}, joins {@code bridge}.
     */
    private void link(String namespace, String inside, String port, String bridge, String name, String address)
            throws IOException, InterruptedException {
        ip("link", "add", inside, "type", "veth", "peer", "name", port);
        ip("link", "set", inside, "netns", namespace);
        ip("link", "set", port, "netns", switchNamespace);
        ip("-n", switchNamespace, "link", "set", port, "master", bridge, "up");
        ip("-n", namespace, "link", "set", inside, "name", name);
        ip("-n", namespace, "addr", "add", address + "/24", "dev", name);
        ip("-n", namespace, "link", "set", name, "up");
    }

    /** The address of this test's JVM on the management network. */
    String testAddress() {
        return managementSubnet + ".254";
    }

    /** The command that runs {@code command} on {@code host}. */
    static List<String> on(Host host, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        full.addAll(command);
        return full;
    }

    /**
     * Unplugs a host from the data network (a partition: its link is down, it and the others
     * cannot tell why); the management network stays.
     */
    void unplug(Host host) throws IOException, InterruptedException {
        ip("-n", switchNamespace, "link", "set", host.switchPort(), "down");
    }

    /** Plugs a host back into the data network. */
    void plug(Host host) throws IOException, InterruptedException {
        ip("-n", switchNamespace, "link", "set", host.switchPort(), "up");
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + result.exit() + "): " + result.output().trim());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_S + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Kills what still runs in the hosts, removes them, the switch and this test's interface. */
    @Override
    public void close() {
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or ran
        }
    }

    private synchronized void removeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> made = new ArrayList<>(namespaces);
        made.add(switchNamespace);
        for (String namespace : made) {
            try {
                String pids = run(List.of("ip", "netns", "pids", namespace)).output().trim();
                for (String pid : pids.split("\\s+")) {
                    if (!pid.isEmpty()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run(List.of("ip", "netns", "del", namespace));
            } catch (IOException | RuntimeException e) {
                System.err.println("NetworkNamespaces: could not remove " + namespace + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            run(List.of("ip", "link", "del", testInterface)); // gone with the switch already, normally
        } catch (IOException e) {
            // nothing to remove
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
