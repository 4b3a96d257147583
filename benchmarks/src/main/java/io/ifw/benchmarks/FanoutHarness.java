package io.ifw.benchmarks;

import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.client.ClientSettings;
import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.client.RemoteFeature;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.BackendProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out and soak harness of the remote backends, with real processes on loopback: a server
 * process (its own embedded media driver) changes {@link Echo#stamp()} at a steady rate, and
 * client processes count what reaches them.
 *
 * <ul>
 * <li>{@code benchmark}: for 1, 4 and 16 clients (in one client process, on one media driver),
 *     unicast (every change sent to each client's own channel), multi-destination-cast and UDP
 *     multicast fan-out: changes/s delivered per client and the server process's CPU, in one run.</li>
 * <li>{@code soak [MINUTES]}: 16 client processes, each with its own media driver, at 100,000
 *     deliveries/s in total (6,250 changes/s, each to 16 clients) over fan-out; one client process
 *     is killed (SIGKILL) and started again every minute. Reports gaps never recovered, the
 *     resync time of each restart, and the largest heap and RSS of every process.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks/target/ifw-benchmarks.jar JVM_FLAGS io.ifw.benchmarks.FanoutHarness benchmark|soak [MINUTES]</pre>
 */
public final class FanoutHarness {

    private static final String SECRET = "fanout-secret";
    private static final int STREAM = 4100;
    private static final int FANOUT_STREAM = 4102;
    private static final long WAIT_S = 120;

    private FanoutHarness() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "benchmark" -> benchmark(args.length > 1 ? Integer.parseInt(args[1]) : 20_000, args.length > 2 ? Integer.parseInt(args[2]) : 10);
            case "soak" -> soak(args.length > 1 ? Double.parseDouble(args[1]) : 5);
            case "server" -> serverProcess(args[1], args[2], args[3]);
            case "clients" -> clientsProcess(args[1], args[2], Integer.parseInt(args[3]), Boolean.parseBoolean(args[4]));
            default -> {
                System.err.println("usage: FanoutHarness benchmark [CHANGES_PER_S] [SECONDS] | soak [MINUTES]");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- the benchmark

    private record Mode(String name, String fanout) {
    }

    private static void benchmark(int rate, int seconds) throws Exception {
        System.out.println("# IFW fan-out benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", loopback; the server changes one property " + rate + " times/s for " + seconds + " s; backoff idle strategies, "
                + "SHARED media drivers (the server's embedded in its process, the clients' shared in theirs)");
        List<String> rows = new ArrayList<>();
        for (int clients : List.of(1, 4, 16)) {
            for (Mode mode : List.of(new Mode("unicast", "-"), new Mode("multi-destination-cast", "aeron:udp?control=127.0.0.1:" + freePort()
                    + "|control-mode=dynamic"), new Mode("multicast", "aeron:udp?endpoint=224.0.55.5:" + freePort() + "|interface=127.0.0.1"))) {
                rows.add(run(mode, clients, rate, seconds));
            }
        }
        System.out.println();
        System.out.println("| clients | how changes go | changes/s delivered per client (min) | all delivered | server CPU (cores) | "
                + "server CPU per delivered change |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    private static String run(Mode mode, int clients, int rate, int seconds) throws Exception {
        Path work = Files.createTempDirectory("ifw-fanout-");
        String channel = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        try (Child server = Child.start(work, "server", "server", work.resolve("server-aeron").toString(), channel, mode.fanout());
             Child clientProcess = Child.start(work, "clients", "clients", work.resolve("clients-aeron").toString(), channel,
                     Integer.toString(clients), Boolean.toString(!mode.fanout().equals("-")))) {
            server.await("ready");
            try {
                clientProcess.await("ready");
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\nthe server's output:\n" + server.output(), e);
            }
            server.send("publish " + rate + " " + seconds);
            String published = server.await("published");
            long last = Long.parseLong(field(published, "last"));
            clientProcess.send("await " + last);
            String received = clientProcess.await("received");
            server.send("report");
            String report = server.await("report-end");
            double cpuCores = Double.parseDouble(field(published, "cpu-cores"));
            long delivered = Long.parseLong(field(received, "delivered"));
            double minRate = Double.parseDouble(field(received, "min-rate"));
            String row = String.format(Locale.ROOT, "| %d | %s | %,.0f | %,d of %,d | %.2f | %.2f µs |", clients, mode.name(), minRate, delivered,
                    last * clients, cpuCores, cpuCores * seconds * 1e6 / Math.max(1, delivered));
            System.out.println(row + "   (" + received.trim() + ")");
            if (report.contains("changes it could not take")) {
                System.out.println("  " + report.lines().filter(l -> l.contains("fan-out")).findFirst().orElse(""));
            }
            return row;
        } finally {
            delete(work);
        }
    }

    // ---------------------------------------------------------------- the soak run

    private static void soak(double minutes) throws Exception {
        int clients = 16;
        int rate = 100_000 / clients;
        long seconds = Math.round(minutes * 60);
        Path work = Files.createTempDirectory("ifw-soak-");
        String channel = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        String fanout = "aeron:udp?endpoint=224.0.55.3:" + freePort() + "|interface=127.0.0.1";
        System.out.println("# IFW soak: " + clients + " client processes (own media drivers), multicast fan-out, " + rate + " changes/s = "
                + rate * clients + " deliveries/s in total, " + minutes + " min, one client process killed (SIGKILL) and started again "
                + "every minute; " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        List<Child> children = new ArrayList<>();
        try (Child server = Child.start(work, "server", "server", work.resolve("server-aeron").toString(), channel, fanout)) {
            server.await("ready");
            for (int i = 0; i < clients; i++) {
                children.add(startSoakClient(work, channel, i, 0));
            }
            for (Child child : children) {
                child.await("ready");
            }
            server.send("publish " + rate + " " + seconds);
            long start = System.nanoTime();
            List<String> restarts = new ArrayList<>();
            for (int minute = 1; minute < Math.ceil(minutes); minute++) {
                long at = start + TimeUnit.MINUTES.toNanos(minute);
                while (System.nanoTime() < at) {
                    Thread.sleep(200);
                }
                int victim = (minute - 1) % clients;
                children.get(victim).kill();
                Child again = startSoakClient(work, channel, victim, minute);
                children.set(victim, again);
                String ready = again.await("ready");
                restarts.add("minute " + minute + ": client " + victim + " killed; started again, live after " + field(ready, "live-after-ms")
                        + " ms (JVM start to its first change)");
                System.out.println(restarts.get(restarts.size() - 1));
            }
            String published = server.await("published");
            long last = Long.parseLong(field(published, "last"));
            List<String> results = new ArrayList<>();
            for (Child child : children) {
                child.send("await " + last);
            }
            for (Child child : children) {
                results.add(child.await("received"));
            }
            server.send("report");
            String report = server.await("report-end");
            System.out.println();
            System.out.println("server: " + published.trim());
            System.out.println(report.lines().filter(l -> l.contains("fan-out") || l.contains("exports") || l.contains("agent"))
                    .map(String::trim).reduce((a, b) -> a + "\n        " + b).orElse(""));
            for (int i = 0; i < results.size(); i++) {
                System.out.println("client " + i + ": " + results.get(i).trim());
            }
            restarts.forEach(System.out::println);
        } finally {
            children.forEach(Child::close);
            delete(work);
        }
    }

    private static Child startSoakClient(Path work, String channel, int index, int generation) throws IOException {
        return Child.start(work, "client-" + index + "-" + generation, "clients", work.resolve("client-" + index + "-" + generation + "-aeron").toString(),
                channel, "1", "true");
    }

    // ---------------------------------------------------------------- the server process

    private static void serverProcess(String aeronDirectory, String channel, String fanout) throws Exception {
        PrintStream out = System.out;
        TransportSettings transport = TransportSettings.of(aeronDirectory, true, "shared", "backoff", 16 << 20, 10_000);
        ServerSettings settings = ServerSettings.of("fanout", channel, STREAM, List.of("*"), SECRET, "", 200, 5_000, 10_000, transport);
        if (!fanout.equals("-")) {
            settings = settings.withFanout(fanout, FANOUT_STREAM);
        }
        EchoBackend backend = new EchoBackend();
        Memory memory = new Memory();
        try (RemoteServer server = new RemoteServer(settings)) {
            server.start();
            FeatureModel model = backend.model();
            server.backendAdded(backend, Map.of(BackendProperties.FEATURE, model.id(), BackendProperties.BACKEND_NAME, "echo",
                    BackendProperties.BACKEND_KIND, BackendProperties.KIND_PRODUCTION, org.osgi.framework.Constants.SERVICE_ID, 1L));
            out.println("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            long value = 0;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("publish")) {
                    int rate = Integer.parseInt(words[1]);
                    long seconds = Long.parseLong(words[2]);
                    long cpuBefore = processCpuNs();
                    long start = System.nanoTime();
                    long total = rate * seconds;
                    long periodNs = 1_000_000; // a slice of the rate each millisecond
                    for (long i = 1; i <= total; i++) {
                        long due = start + (i * 1_000_000_000L) / rate;
                        long now = System.nanoTime();
                        if (due > now + periodNs) {
                            LockSupport.parkNanos(due - now);
                            memory.sample();
                        }
                        backend.stamp(++value);
                    }
                    long elapsed = System.nanoTime() - start;
                    double cores = (processCpuNs() - cpuBefore) / (double) elapsed;
                    out.printf(Locale.ROOT, "published last %d in-ms %d cpu-cores %.3f heap-max-mb %d rss-max-mb %d%n", value,
                            TimeUnit.NANOSECONDS.toMillis(elapsed), cores, memory.heapMaxMb, memory.rssMaxMb());
                } else if (words[0].equals("report")) {
                    out.println(server.report());
                    out.println("report-end");
                }
            }
        }
    }

    // ---------------------------------------------------------------- a client process

    private static void clientsProcess(String aeronDirectory, String channel, int count, boolean useFanout) throws Exception {
        long startNs = System.nanoTime();
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        PrintStream out = System.out;
        TransportSettings transport = TransportSettings.of(aeronDirectory, true, "shared", "backoff", 16 << 20, 10_000);
        FeatureModel model = FeatureModel.of(Echo.class);
        int stamp = model.member("stamp").index();
        List<Counter> counters = new ArrayList<>();
        List<RemoteClient> clients = new ArrayList<>();
        Memory memory = new Memory();
        for (int i = 0; i < count; i++) {
            Counter counter = new Counter(stamp);
            counters.add(counter);
            ClientSettings settings = ClientSettings.of("c" + i, channel, STREAM, "", List.of("*"), SECRET, 200, 2_000, 5_000, 10_000,
                    "stay-bound", 0, transport);
            RemoteClient client = new RemoteClient(useFanout ? settings : settings.withoutFanout(), id -> id.equals(model.id()) ? model : null,
                    new RemoteClient.Registrar() {
                        @Override
                        public Object register(RemoteFeature.RemoteBackendService service, Dictionary<String, Object> properties) {
                            counter.connection = service.connect(counter);
                            return service;
                        }

                        @Override
                        public void update(Object registration, Dictionary<String, Object> properties) {
                        }

                        @Override
                        public void unregister(Object registration) {
                        }
                    });
            client.start();
            clients.add(client);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        for (int i = 0; i < count; i++) {
            RemoteClient client = clients.get(i);
            while (counters.get(i).connection == null || (useFanout && client.report().fanout().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("client " + i + " not ready within " + WAIT_S + " s: " + client.report());
                }
                Thread.sleep(5);
            }
        }
        // "live": the first change after it is ready (the server is publishing when a soak client comes back)
        long firstChangeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long baseline = counters.get(0).count;
        while (counters.get(0).count == baseline && System.nanoTime() < firstChangeDeadline) {
            Thread.onSpinWait();
        }
        long liveAfterMs = counters.get(0).count != baseline ? System.currentTimeMillis() - jvmStartMs : -1;
        counters.forEach(Counter::restart); // the rate counts from here: not the snapshot, which came before
        out.println("ready live-after-ms " + liveAfterMs + " in-process-ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                memory.sample();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("await")) {
                long last = Long.parseLong(words[1]);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                for (Counter counter : counters) {
                    while (counter.lastValue < last && System.nanoTime() < end) {
                        Thread.sleep(1);
                    }
                }
                long delivered = 0;
                double minRate = Double.MAX_VALUE;
                long outOfOrder = 0;
                long unrecovered = 0;
                long gaps = 0;
                for (int i = 0; i < count; i++) {
                    Counter counter = counters.get(i);
                    delivered += counter.count;
                    outOfOrder += counter.outOfOrder;
                    unrecovered += counter.lastValue < last ? 1 : 0;
                    gaps += clients.get(i).gaps();
                    double seconds = Math.max(1, counter.lastAtNs - counter.firstAtNs) / 1e9;
                    minRate = Math.min(minRate, counter.count / seconds);
                }
                out.printf(Locale.ROOT, "received delivered %d min-rate %.0f out-of-order %d not-at-last %d gaps %d heap-max-mb %d rss-max-mb %d%n",
                        delivered, minRate, outOfOrder, unrecovered, gaps, memory.heapMaxMb, memory.rssMaxMb());
            }
        }
        clients.forEach(RemoteClient::close);
    }

    /** Counts the stamps one client's listener is told of. */
    private static final class Counter extends ValueListener {
        private final int stamp;
        volatile io.ifw.core.spi.BackendConnection connection;
        volatile long lastValue;
        volatile long count;
        volatile long outOfOrder;
        volatile long firstAtNs;
        volatile long lastAtNs;

        Counter(int stamp) {
            this.stamp = stamp;
        }

        void restart() {
            count = 0;
            firstAtNs = 0;
        }

        @Override
        public void valueChanged(int property, String zone, Object value) {
            if (property == stamp) {
                long v = (Long) value;
                long now = System.nanoTime();
                if (v <= lastValue && v != 0) {
                    outOfOrder++;
                }
                if (firstAtNs == 0) {
                    firstAtNs = now;
                }
                lastValue = v;
                lastAtNs = now;
                count++;
            }
        }
    }

    /** The largest heap in use and resident set seen. */
    private static final class Memory {
        volatile long heapMaxMb;
        private volatile long rssMaxKb;

        void sample() {
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            heapMaxMb = Math.max(heapMaxMb, heap);
            rssMaxKb = Math.max(rssMaxKb, rssKb());
        }

        long rssMaxMb() {
            sample();
            return rssMaxKb >> 10;
        }

        private static long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }

    // ---------------------------------------------------------------- child processes

    /** A child JVM of this class, talked to over its standard input and output. */
    private static final class Child implements AutoCloseable {
        private final String name;
        private final Process process;
        private final PrintStream input;
        private final Path output;
        private int read;

        private Child(String name, Process process, Path output) {
            this.name = name;
            this.process = process;
            this.input = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.output = output;
        }

        static Child start(Path work, String name, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FanoutHarness.class.getName()));
            command.addAll(List.of(args));
            Path output = work.resolve(name + ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new Child(name, process, output);
        }

        String output() throws IOException {
            return Files.readString(output);
        }

        void send(String line) {
            input.println(line);
        }

        /**
         * Waits for the next line that starts with {@code word}; that line, or for
         * {@code report-end} everything since the last line read.
         */
        String await(String word) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S + 60);
            while (true) {
                String text = Files.readString(output);
                int at = read;
                while (true) {
                    int end = text.indexOf('\n', at);
                    if (end < 0) {
                        break;
                    }
                    String line = text.substring(at, end);
                    if (line.startsWith(word)) {
                        String since = text.substring(read, end);
                        read = end + 1;
                        return word.equals("report-end") ? since : line;
                    }
                    at = end + 1;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("no '" + word + "' from " + name + "; its output:\n" + text);
                }
                Thread.sleep(20);
            }
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            input.close();
            kill();
        }
    }

    private static String field(String line, String name) {
        String[] words = line.trim().split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(name)) {
                return words[i + 1];
            }
        }
        throw new IllegalStateException("no " + name + " in '" + line + "'");
    }

    private static int freePort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void delete(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
