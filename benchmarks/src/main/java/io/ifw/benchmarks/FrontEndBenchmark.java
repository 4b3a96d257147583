package io.ifw.benchmarks;

import io.ifw.core.FeatureHandle;
import io.ifw.core.Registration;
import io.ifw.core.testkit.FeatureTestKit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.util.promise.Promise;

/**
 * A local feature front end in steady state: a {@code set} through the front end (checked, applied
 * by the backend, acknowledged), and a backend change delivered to a front-end listener. Run with
 * {@code -prof gc} for the bytes each allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FrontEndBenchmark {

    private EchoBackend backend;
    private FeatureHandle<Echo> handle;
    private Registration listening;
    private long value;
    private volatile long seen;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new EchoBackend();
        handle = FeatureTestKit.bind(Echo.class, backend);
        listening = handle.feature().stamp().onChange(stamp -> seen = stamp);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        listening.close();
        handle.close();
    }

    /** A write through the front end, to the backend and back as an acknowledgement. */
    @Benchmark
    public Promise<Void> set() {
        return handle.feature().stamp().set(++value);
    }

    /** A change of the backend, delivered to the front end's listener (inline: no other thread). */
    @Benchmark
    public long changeDelivered() {
        backend.stamp(++value);
        return seen;
    }
}
