package io.ifw.benchmarks;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor every IFW remote figure is compared with: a 32-byte Aeron ping-pong, one round trip
 * per operation, through an embedded media driver in SHARED mode. Yielding idle strategies
 * everywhere, as for every latency figure in docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RawAeronRoundTripBenchmark {

    private static final int PING_STREAM = 1001;
    private static final int PONG_STREAM = 1002;
    private static final int MESSAGE_BYTES = 32;

    @Param({"aeron:ipc", "aeron:udp?endpoint=127.0.0.1:40123"})
    public String channel;

    private Path aeronDirectory;
    private MediaDriver driver;
    private Aeron aeron;
    private Publication ping;
    private Subscription pongs;
    private Thread echo;
    private final AtomicBoolean running = new AtomicBoolean();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
    private final YieldingIdleStrategy idle = new YieldingIdleStrategy();
    private long received;
    private final FragmentHandler onPong = (buffer, offset, length, header) -> received++;

    @Setup(Level.Trial)
    public void start() throws IOException {
        aeronDirectory = Files.createTempDirectory("ifw-bench-aeron-");
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectory.resolve("driver").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new YieldingIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        String pongChannel = channel.startsWith("aeron:udp") ? "aeron:udp?endpoint=127.0.0.1:40124" : channel;
        ping = aeron.addPublication(channel, PING_STREAM);
        pongs = aeron.addSubscription(pongChannel, PONG_STREAM);
        Subscription pings = aeron.addSubscription(channel, PING_STREAM);
        Publication pong = aeron.addPublication(pongChannel, PONG_STREAM);
        running.set(true);
        echo = new Thread(() -> echoPings(pings, pong), "pong");
        echo.start();
        while (!ping.isConnected() || !pongs.isConnected()) {
            Thread.onSpinWait();
        }
    }

    private void echoPings(Subscription pings, Publication pong) {
        YieldingIdleStrategy echoIdle = new YieldingIdleStrategy();
        FragmentHandler reply = (buffer, offset, length, header) -> {
            while (pong.offer(buffer, offset, length) < 0 && running.get()) {
                echoIdle.idle();
            }
        };
        FragmentAssembler assembler = new FragmentAssembler(reply);
        while (running.get()) {
            echoIdle.idle(pings.poll(assembler, 10));
        }
    }

    @Benchmark
    public long roundTrip() {
        message.putLong(0, System.nanoTime());
        while (ping.offer(message, 0, MESSAGE_BYTES) < 0) {
            idle.idle();
        }
        long expected = received + 1;
        while (received < expected) {
            idle.idle(pongs.poll(onPong, 1));
        }
        return received;
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running.set(false);
        echo.join(TimeUnit.SECONDS.toMillis(5));
        CloseHelper.closeAll(aeron, driver);
        IoUtil.delete(aeronDirectory.toFile(), true);
    }
}
