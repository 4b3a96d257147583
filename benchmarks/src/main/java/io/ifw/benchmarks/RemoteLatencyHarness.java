package io.ifw.benchmarks;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.ifw.backend.remote.aeron.RemoteBenchSupport;
import io.ifw.core.FeatureHandle;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.testkit.FeatureTestKit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.osgi.util.promise.Promise;

/**
 * The end-to-end latency harness of the remote backends. In one run, over {@code aeron:ipc} and
 * over {@code aeron:udp} on loopback, with the same yielding idle strategy for every thread:
 * <ol>
 * <li>raw Aeron ping-pong (32 bytes);</li>
 * <li>IFW remote operation round trip: client call, server backend, promise resolved — at the
 *     backend SPI, and through a feature front end;</li>
 * <li>IFW property change latency: the server's backend sets a value, the client's listener sees it;</li>
 * <li>property update throughput, server to client;</li>
 * </ol>
 * and a gRPC-java unary round trip on loopback as the baseline. Prints a Markdown table.
 *
 * <pre>java -cp benchmarks/target/ifw-benchmarks.jar io.ifw.benchmarks.RemoteLatencyHarness [--quick]</pre>
 */
public final class RemoteLatencyHarness {

    private static final int MESSAGE_BYTES = 32;

    private final int warmup;
    private final int measured;
    private final List<String> rows = new ArrayList<>();
    /** Each measurement's histogram by "what | transport", for harnesses that compare with these figures. */
    final java.util.Map<String, Histogram> results = new java.util.LinkedHashMap<>();

    RemoteLatencyHarness(int warmup, int measured) {
        this.warmup = warmup;
        this.measured = measured;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        RemoteLatencyHarness harness = new RemoteLatencyHarness(quick ? 5_000 : 50_000, quick ? 20_000 : 200_000);
        harness.run();
    }

    private void run() throws Exception {
        Path directory = Files.createTempDirectory("ifw-harness-");
        String aeronDirectory = directory.resolve("aeron").toString();
        System.out.println("# IFW remote latency harness: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", yielding idle strategies, SHARED media driver, " + measured
                + " measured operations after " + warmup + " of warm-up");
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new YieldingIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true))) {
            for (String media : List.of("ipc", "udp")) {
                rawAeron(media, aeronDirectory);
                ifw(media, aeronDirectory);
            }
            grpc();
        } finally {
            IoUtil.delete(directory.toFile(), true);
        }
        System.out.println();
        System.out.println("| what | transport | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | throughput |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    /** Raw Aeron and IFW over aeron:ipc only, with a driver of their own: the baseline of another harness. */
    void ipcOnly() throws Exception {
        Path directory = Files.createTempDirectory("ifw-harness-");
        String aeronDirectory = directory.resolve("aeron").toString();
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new YieldingIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true))) {
            rawAeron("ipc", aeronDirectory);
            ifw("ipc", aeronDirectory);
        } finally {
            IoUtil.delete(directory.toFile(), true);
        }
    }

    private static String channel(String media) throws IOException {
        if (media.equals("ipc")) {
            return "aeron:ipc";
        }
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return "aeron:udp?endpoint=127.0.0.1:" + socket.getLocalPort();
        }
    }

    private void report(String what, String transport, Histogram histogram, String throughput) {
        String row = String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %s |", what, transport,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                histogram.getMaxValue() / 1000.0, throughput);
        rows.add(row);
        results.put(what + " | " + transport, histogram);
        System.out.println(row);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    // ---------------------------------------------------------------- raw Aeron

    private void rawAeron(String media, String aeronDirectory) throws Exception {
        String ping = channel(media);
        String pong = channel(media);
        AtomicBoolean running = new AtomicBoolean(true);
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory))) {
            Publication pings = aeron.addPublication(ping, 1001);
            Subscription pongs = aeron.addSubscription(pong, 1002);
            Subscription echoIn = aeron.addSubscription(ping, 1001);
            Publication echoOut = aeron.addPublication(pong, 1002);
            Thread echo = new Thread(() -> {
                YieldingIdleStrategy idle = new YieldingIdleStrategy();
                FragmentHandler reply = (buffer, offset, length, header) -> {
                    while (echoOut.offer(buffer, offset, length) < 0 && running.get()) {
                        idle.idle();
                    }
                };
                FragmentAssembler assembler = new FragmentAssembler(reply);
                while (running.get()) {
                    idle.idle(echoIn.poll(assembler, 10));
                }
            }, "raw-echo");
            echo.start();
            while (!pings.isConnected() || !pongs.isConnected()) {
                Thread.onSpinWait();
            }
            UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
            YieldingIdleStrategy idle = new YieldingIdleStrategy();
            long[] received = {0};
            FragmentHandler onPong = (buffer, offset, length, header) -> received[0]++;
            Histogram histogram = histogram();
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                message.putLong(0, start);
                while (pings.offer(message, 0, MESSAGE_BYTES) < 0) {
                    idle.idle();
                }
                long expected = received[0] + 1;
                while (received[0] < expected) {
                    idle.idle(pongs.poll(onPong, 1));
                }
                if (i >= warmup) {
                    histogram.recordValue(System.nanoTime() - start);
                }
            }
            running.set(false);
            echo.join();
            report("raw Aeron ping-pong, 32 bytes", media, histogram, "");
        }
    }

    // ---------------------------------------------------------------- IFW

    /** A listener that keeps the last stamp and when it arrived. */
    private static final class StampListener extends ValueListener {
        final int stamp;
        volatile long lastValue;
        volatile long count;

        StampListener(int stamp) {
            this.stamp = stamp;
        }

        @Override
        public void valueChanged(int property, String zone, Object value) {
            if (property == stamp) {
                lastValue = (Long) value;
                count++;
            }
        }
    }

    private void ifw(String media, String aeronDirectory) throws Exception {
        EchoBackend backend = new EchoBackend();
        FeatureModel model = FeatureModel.of(Echo.class);
        int echo = model.member("echo").index();
        int stamp = model.member("stamp").index();
        try (RemoteBenchSupport remote = new RemoteBenchSupport(channel(media), aeronDirectory, "yielding", backend)) {
            StampListener listener = new StampListener(stamp);
            BackendConnection connection = remote.remoteBackend().connect(listener);

            Histogram calls = histogram();
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                Promise<Object> answer = connection.invoke(echo, "", new Object[] {(long) i});
                while (!answer.isDone()) {
                    Thread.yield();
                }
                if (i >= warmup) {
                    calls.recordValue(System.nanoTime() - start);
                }
                if (answer.getFailure() != null) {
                    throw new IllegalStateException("the echo failed", answer.getFailure());
                }
            }
            report("IFW remote operation round trip (backend SPI)", media, calls, "");

            try (FeatureHandle<Echo> handle = FeatureTestKit.bind(Echo.class, remote.remoteBackend())) {
                Echo feature = handle.feature();
                Histogram viaFrontEnd = histogram();
                for (int i = 0; i < warmup + measured; i++) {
                    long start = System.nanoTime();
                    Promise<Long> answer = feature.echo(i);
                    while (!answer.isDone()) {
                        Thread.yield();
                    }
                    if (i >= warmup) {
                        viaFrontEnd.recordValue(System.nanoTime() - start);
                    }
                }
                report("IFW remote operation round trip (feature front end)", media, viaFrontEnd, "");
            }

            Histogram changes = histogram();
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                backend.stamp(start);
                while (listener.lastValue != start) {
                    Thread.yield();
                }
                if (i >= warmup) {
                    changes.recordValue(System.nanoTime() - start);
                }
            }
            report("IFW property change, server backend to client listener", media, changes, "");

            int updates = measured * 5;
            long before = listener.count;
            long snapshotsBefore = remote.snapshots();
            long start = System.nanoTime();
            for (int i = 1; i <= updates; i++) {
                backend.stamp(-i);
            }
            long sent = System.nanoTime();
            while (listener.lastValue != -updates) {
                Thread.yield();
            }
            long elapsed = System.nanoTime() - start;
            long delivered = listener.count - before;
            long resyncs = remote.snapshots() - snapshotsBefore;
            rows.add(String.format(Locale.ROOT, "| IFW property updates, server to client | %s | | | | | | %.2f M updates/s sent, %.2f M/s "
                            + "received (%d of %d delivered, %d resyncs) |", media, updates / ((sent - start) / 1e9) / 1e6,
                    delivered / (elapsed / 1e9) / 1e6, delivered, updates, resyncs));
            System.out.println(rows.get(rows.size() - 1));
            connection.close();
        }
    }

    // ---------------------------------------------------------------- gRPC

    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void grpc() throws Exception {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("ifw.bench.Echo", "Echo"))
                .setRequestMarshaller(new BytesMarshaller())
                .setResponseMarshaller(new BytesMarshaller())
                .build();
        Server server = ServerBuilder.forPort(0).directExecutor()
                .addService(ServerServiceDefinition.builder("ifw.bench.Echo")
                        .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
                            response.onNext(request);
                            response.onCompleted();
                        })).build())
                .build().start();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().directExecutor().build();
        try {
            byte[] message = new byte[MESSAGE_BYTES];
            int rounds = Math.max(2_000, measured / 5);
            int warm = Math.max(1_000, warmup / 5);
            Histogram histogram = histogram();
            for (int i = 0; i < warm + rounds; i++) {
                long start = System.nanoTime();
                ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, message);
                if (i >= warm) {
                    histogram.recordValue(System.nanoTime() - start);
                }
            }
            report("gRPC-java unary round trip, 32 bytes (" + rounds + " calls)", "TCP loopback", histogram, "");
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
            CloseHelper.quietClose(() -> channel.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
