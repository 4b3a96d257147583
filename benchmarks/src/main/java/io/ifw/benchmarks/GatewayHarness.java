package io.ifw.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The web gateway measured end to end, in one run with the Aeron IPC figures it is compared with:
 * <ol>
 * <li>raw Aeron and IFW over aeron:ipc in this JVM (the remote harness's measurements);</li>
 * <li>a real container ({@code bin/ifw --headless}) and WebSocket clients (the JDK's) on loopback:
 *     set → acknowledgement round trip, and the latency from one client's write to the change
 *     message another client receives;</li>
 * <li>100 clients watching while one writer makes 1,000 changes a second: messages delivered a
 *     second, and the container's CPU.</li>
 * </ol>
 * <pre>java -cp benchmarks/target/ifw-benchmarks.jar io.ifw.benchmarks.GatewayHarness distribution/target/ifw-VERSION [--quick]</pre>
 */
public final class GatewayHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: GatewayHarness DISTRIBUTION_FOLDER [--quick]");
            System.exit(2);
        }
        boolean quick = List.of(args).contains("--quick");
        Path home = Path.of(args[0]).toAbsolutePath();
        int measured = quick ? 5_000 : 20_000;
        System.out.println("# IFW gateway harness: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));

        RemoteLatencyHarness aeron = new RemoteLatencyHarness(quick ? 5_000 : 20_000, quick ? 20_000 : 100_000);
        aeron.ipcOnly();
        Histogram rawIpc = aeron.results.get("raw Aeron ping-pong, 32 bytes | ipc");
        Histogram ifwIpc = aeron.results.get("IFW remote operation round trip (feature front end) | ipc");
        Histogram ifwChange = aeron.results.get("IFW property change, server backend to client listener | ipc");

        Path work = Files.createTempDirectory("ifw-gateway-harness-");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ifw").toString(), "--headless")
                .redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(work.resolve("stderr.txt").toFile());
        builder.environment().put("IFW_DATA", work.resolve("data").toString());
        builder.environment().put("IFW_AERON_DIR", work.resolve("aeron").toString());
        builder.environment().put("IFW_HTTP_PORT", "0");
        Process container = builder.start();
        try {
            String url = "ws://" + address(work.resolve("stdout.txt"), container) + "/ifw/ws";
            Client writer = new Client(url);
            Client watcher = new Client(url);
            writer.request("{\"type\":\"subscribe\",\"feature\":\"" + CLIMATE + "\"}");
            watcher.request("{\"type\":\"subscribe\",\"feature\":\"" + CLIMATE + "\"}");

            Histogram roundTrip = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            Histogram seen = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            for (int i = 0; i < measured + 2_000; i++) {
                double value = 16.0 + (i % 140) / 10.0;
                long start = System.nanoTime();
                writer.request("{\"type\":\"set\",\"feature\":\"" + CLIMATE + "\",\"zone\":\"Rear\",\"property\":\"targetTemperature\",\"value\":" + value + "}");
                long acknowledged = System.nanoTime();
                long shown = watcher.awaitValue("Rear", value);
                if (i >= 2_000) {
                    roundTrip.recordValue(acknowledged - start);
                    seen.recordValue(shown - start);
                }
            }
            writer.close();
            watcher.close();

            String fanOut = fanOut(url, pid(container), quick ? 5 : 10);

            System.out.println();
            System.out.println("| what | p50 µs | p99 µs | p50 ratio |");
            System.out.println("|---|---:|---:|---:|");
            row("raw Aeron ping-pong, aeron:ipc", rawIpc, rawIpc);
            row("IFW remote call round trip (front end), aeron:ipc", ifwIpc, rawIpc);
            row("IFW property change, server backend to client listener, aeron:ipc", ifwChange, rawIpc);
            row("gateway set → acknowledgement, WebSocket loopback", roundTrip, ifwIpc);
            row("gateway: one client's set → another client's change message", seen, ifwChange);
            System.out.println();
            System.out.println("(ratios: the gateway's round trip to IFW's aeron:ipc call round trip; the gateway's change to IFW's aeron:ipc change; Aeron rows to raw Aeron)");
            System.out.println();
            System.out.println(fanOut);
        } finally {
            container.destroy();
            if (!container.waitFor(30, TimeUnit.SECONDS)) {
                container.destroyForcibly();
            }
        }
    }

    private static void row(String what, Histogram h, Histogram base) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f× |%n", what, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, (double) h.getValueAtPercentile(50) / base.getValueAtPercentile(50));
    }

    /** 100 watchers, one writer at 1,000 changes a second for {@code seconds}: delivered messages a second and the container's CPU. */
    private static String fanOut(String url, long pid, int seconds) throws Exception {
        List<Client> watchers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Client client = new Client(url);
            client.request("{\"type\":\"subscribe\",\"feature\":\"" + CLIMATE + "\"}");
            client.counting = true;
            watchers.add(client);
        }
        Client writer = new Client(url);
        long cpuBefore = cpuTicks(pid);
        long ownCpuBefore = ownCpuNanos();
        long start = System.nanoTime();
        long sets = (long) seconds * 1_000;
        for (long i = 0; i < sets; i++) {
            long due = start + i * 1_000_000L;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(100_000);
            }
            double value = 16.0 + (i % 140) / 10.0;
            writer.send("{\"type\":\"set\",\"feature\":\"" + CLIMATE + "\",\"zone\":\"FrontLeft\",\"property\":\"targetTemperature\",\"value\":" + value + "}");
        }
        long sentNs = System.nanoTime() - start;
        Thread.sleep(1_000); // what is still on its way
        long elapsedNs = System.nanoTime() - start;
        long cpu = cpuTicks(pid) - cpuBefore;
        double ownCores = (ownCpuNanos() - ownCpuBefore) / (double) elapsedNs;
        long delivered = watchers.stream().mapToLong(c -> c.values.get()).sum();
        long slowest = watchers.stream().mapToLong(c -> c.values.get()).min().orElse(0);
        watchers.forEach(Client::close);
        writer.close();
        return String.format(Locale.ROOT, "100 clients, one writer at %.0f sets/s for %d s: %,d change messages delivered (%,.0f/s over %.1f s;"
                        + " the slowest client got %,d of %,d), container CPU %.2f cores (%d%% of the machine's %d); the 101 clients' JVM %.2f cores",
                sets / (sentNs / 1e9), seconds, delivered, delivered / (elapsedNs / 1e9), elapsedNs / 1e9, slowest, sets,
                cpu / 100.0 / (elapsedNs / 1e9), Math.round(100 * cpu / 100.0 / (elapsedNs / 1e9) / Runtime.getRuntime().availableProcessors()),
                Runtime.getRuntime().availableProcessors(), ownCores);
    }

    /** The CPU time this JVM (the clients) used, in nanoseconds. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long pid(Process container) {
        // bin/ifw execs the JVM: the process is the container
        return container.pid();
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String address(Path stdout, Process container) throws Exception {
        Pattern pattern = Pattern.compile("IFW web console: http://([^/]+)/ifw/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(Files.readString(stdout));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!container.isAlive()) {
                throw new IllegalStateException("the container stopped: " + Files.readString(stdout));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the container printed no console address within 60 s");
    }

    /** A WebSocket client: requests answered by id, value messages queued or counted. */
    private static final class Client implements WebSocket.Listener {
        /** One HTTP client (one selector thread) for all the WebSocket clients, as a real many-socket client would have. */
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final WebSocket socket;
        private final AtomicLong nextId = new AtomicLong();
        private final Map<Long, LinkedBlockingQueue<JsonNode>> answers = new ConcurrentHashMap<>();
        private final LinkedBlockingQueue<long[]> rearValues = new LinkedBlockingQueue<>();
        private final AtomicLong values = new AtomicLong();
        private final StringBuilder partial = new StringBuilder();
        volatile boolean counting;

        Client(String url) throws Exception {
            socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), this).get(30, TimeUnit.SECONDS);
        }

        JsonNode request(String message) throws Exception {
            long id = nextId.incrementAndGet();
            LinkedBlockingQueue<JsonNode> answer = new LinkedBlockingQueue<>();
            answers.put(id, answer);
            socket.sendText(message.replaceFirst("\\{", "{\"id\":" + id + ","), true).join();
            JsonNode reply = answer.poll(30, TimeUnit.SECONDS);
            if (reply == null || !"reply".equals(reply.path("type").asText())) {
                throw new IllegalStateException("no reply to " + message + ": " + reply);
            }
            return reply;
        }

        void send(String message) {
            socket.sendText(message, true).join();
        }

        /** The time the value message for {@code zone} with {@code value} arrived. */
        long awaitValue(String zone, double value) throws InterruptedException {
            while (true) {
                long[] next = rearValues.poll(30, TimeUnit.SECONDS);
                if (next == null) {
                    throw new IllegalStateException("no change to " + value + " in " + zone);
                }
                if (Double.longBitsToDouble(next[1]) == value) {
                    return next[0];
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (counting) {
                    if (text.startsWith("{\"type\":\"value\"")) {
                        values.incrementAndGet();
                    }
                } else {
                    try {
                        JsonNode message = JSON.readTree(text);
                        String type = message.path("type").asText();
                        if (type.equals("reply") || type.equals("error")) {
                            LinkedBlockingQueue<JsonNode> answer = answers.remove(message.path("id").asLong());
                            if (answer != null) {
                                answer.add(message);
                            }
                        } else if (type.equals("value") && message.path("zone").asText().equals("Rear")
                                && message.path("property").asText().equals("targetTemperature")) {
                            rearValues.add(new long[] {now, Double.doubleToLongBits(message.path("value").doubleValue())});
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.abort();
        }
    }
}
