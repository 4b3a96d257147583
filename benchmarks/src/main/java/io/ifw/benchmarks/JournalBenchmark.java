package io.ifw.benchmarks;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.RecoveredState;
import io.ifw.journal.internal.BackendStream;
import io.ifw.journal.internal.JournalAppender;
import io.ifw.journal.internal.JournalReader;
import io.ifw.journal.internal.JournalWriter;
import io.ifw.journal.internal.Queues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.IoUtil;
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
 * What the state journal costs: a property change of a backend without and with its journal
 * attached (the difference is what the writer pays for a journaled change: the append runs on the
 * journal's appender thread, which conflates with snapshots when a burst outruns it), and the recovery of a backend from a journal
 * of 1,000,000 changes (from its last snapshot on), beside a scan of all of it.
 */
public class JournalBenchmark {

    /** One backend, journaled or not. */
    @State(Scope.Thread)
    public static class Change {
        @Param({"false", "true"})
        public boolean journaled;

        Path directory;
        JournalWriter writer;
        JournalAppender appender;
        EchoBackend backend;
        long value;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("ifw-journal-bench-");
            backend = new EchoBackend();
            if (journaled) {
                writer = new JournalWriter(directory.resolve("journal"), Queues.rollCycle("FAST_DAILY"), 0);
                appender = new JournalAppender("bench");
                appender.attach(new BackendStream(writer, "io.ifw.bench.Echo", "bench", EchoBackend.class.getName(), "production",
                        FeatureModel.of(Echo.class), 10_000), backend.changeLog());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (appender != null) {
                appender.close();
            }
            if (writer != null) {
                writer.close();
            }
            IoUtil.delete(directory.toFile(), true);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Fork(1)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public long propertyChange(Change state) {
        state.backend.stamp(++state.value);
        return state.value;
    }

    /** A journal of 1,000,000 changes of one backend, snapshots every 10,000. */
    @State(Scope.Benchmark)
    public static class Journal {
        static final int CHANGES = 1_000_000;

        Path directory;
        ChronicleQueue queue;
        FeatureModel model;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("ifw-journal-bench-");
            model = FeatureModel.of(Echo.class);
            try (JournalWriter writer = new JournalWriter(directory.resolve("journal"), Queues.rollCycle("FAST_DAILY"), 0);
                 JournalAppender appender = new JournalAppender("bench")) {
                EchoBackend backend = new EchoBackend();
                appender.attach(new BackendStream(writer, "io.ifw.bench.Echo", "bench", EchoBackend.class.getName(), "production", model,
                        10_000), backend.changeLog());
                for (int i = 1; i <= CHANGES; i++) {
                    backend.stamp(i);
                    if (i % 256 == 0) { // every change journaled as a change: never let the appender fall behind the log
                        backend.changeLog().whenDurable(backend.changeLog().head()).getValue();
                    }
                }
            } catch (InterruptedException | java.lang.reflect.InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            queue = Queues.openForReading(directory.resolve("journal"));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            queue.close();
            IoUtil.delete(directory.toFile(), true);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 5)
    @Measurement(iterations = 20)
    public RecoveredState recoverFromOneMillionChanges(Journal journal) {
        RecoveredState state = JournalReader.recover(journal.queue, "bench", journal.model, "bench");
        if (state == null || !Long.valueOf(Journal.CHANGES).equals(state.values().get("").get(journal.model.member("stamp").index()))) {
            throw new IllegalStateException("recovered " + state);
        }
        return state;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long scanAllOneMillionChanges(Journal journal) {
        long[] count = {0};
        JournalReader.scan(journal.queue, 0, entry -> count[0]++);
        return count[0];
    }
}
