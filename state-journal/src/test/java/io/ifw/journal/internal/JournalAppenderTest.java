package io.ifw.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.StateTable;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.promise.Promise;

/**
 * The appender's failure paths, with real Chronicle files: a stream whose change cannot be
 * journaled is detached and counted, and the writes waiting for it are let go; an {@link Error}
 * ends the appender thread (never swallowed) and lets every waiting write go.
 */
class JournalAppenderTest {

    private static final FeatureModel HEATER = FeatureModel.of(Heater.class);
    private static final int TARGET = HEATER.member("target").index();
    private static final int AVAILABILITY_MEMBER = TARGET;

    @TempDir
    Path folder;

    /** A backend's change log, written as {@code AbstractBackend} does (under its lock, then a wake). */
    private static final class Log {
        final Object lock = new Object();
        final ChangeLog log = new ChangeLog(lock, StateTable.empty(HEATER), 64);

        long append(ChangeLog.Kind kind, int member, String zone, Object value) {
            long sequence;
            synchronized (lock) {
                sequence = log.append(kind, member, zone, value);
            }
            log.wake();
            return sequence;
        }
    }

    private static BackendStream stream(JournalWriter writer, String source) {
        return new BackendStream(writer, "io.ifw.test.Heater", source, Heater.Backend.class.getName(), "production", HEATER, 1_000);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void shouldDetachAndCountAStreamWhoseChangeCannotBeJournaledAndKeepJournalingTheOthers() throws Exception {
        Log broken = new Log();
        Log healthy = new Log();
        try (JournalWriter writer = new JournalWriter(folder.resolve("journal"), Queues.rollCycle("FAST_DAILY"), 0);
             JournalAppender appender = new JournalAppender("test")) {
            BackendStream brokenStream = stream(writer, "broken");
            BackendStream healthyStream = stream(writer, "healthy");
            appender.attach(brokenStream, broken.log);
            appender.attach(healthyStream, healthy.log);

            // An availability change whose value is not an availability: the stream cannot journal it.
            long bad = broken.append(ChangeLog.Kind.AVAILABILITY, AVAILABILITY_MEMBER, "Front", "not an availability");
            Promise<Void> waiting = broken.log.whenDurable(bad);

            await(() -> appender.errors() == 1, "the failure is counted");
            await(waiting::isDone, "the write waiting for the broken stream is let go");
            assertThat(appender.lastError()).startsWith("java.lang.ClassCastException");
            assertThat(broken.log.hasDurableReaders()).as("the broken stream's reader is detached").isFalse();
            assertThat(appender.running()).isTrue();

            long good = healthy.append(ChangeLog.Kind.VALUE, TARGET, "Rear", 23.5);
            Promise<Void> journaled = healthy.log.whenDurable(good);
            await(journaled::isDone, "the healthy stream is still journaled");
            assertThat(healthyStream.changes()).isEqualTo(1);
            assertThat(healthy.log.hasDurableReaders()).isTrue();
            assertThat(appender.errors()).isEqualTo(1);
        }
    }

    @Test
    void shouldEndTheAppenderOnAnErrorAndLetEveryWaitingWriteGo() throws Exception {
        Log failing = new Log();
        Log other = new Log();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        java.util.concurrent.atomic.AtomicReference<Throwable> uncaught = new java.util.concurrent.atomic.AtomicReference<>();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.set(error));
        try (JournalWriter writer = new JournalWriter(folder.resolve("journal"), Queues.rollCycle("FAST_DAILY"), 0);
             JournalAppender appender = new JournalAppender("test")) {
            appender.attach(stream(writer, "failing"), failing.log);
            appender.attach(stream(writer, "other"), other.log);
            await(() -> failing.log.durableCommitted() >= 0 && other.log.durableCommitted() >= 0, "both first snapshots journaled");

            // The appender stops taking changes of 'other' for a moment (held behind the failing one): then a zone list whose
            // reading fails as a mapped file does when its disk is gone.
            List<String> unreadable = new AbstractList<>() {
                @Override
                public String get(int index) {
                    throw new InternalError("a fault occurred in an unsafe memory access operation");
                }

                @Override
                public int size() {
                    return 1;
                }
            };
            long pendingOther = other.append(ChangeLog.Kind.VALUE, TARGET, "Front", 19.0);
            Promise<Void> otherWaiting = other.log.whenDurable(pendingOther + 1_000); // never journaled: only released
            long bad = failing.append(ChangeLog.Kind.ZONES, -1, "", unreadable);
            Promise<Void> failingWaiting = failing.log.whenDurable(bad);

            await(() -> !appender.running(), "the appender thread ends on the error");
            await(failingWaiting::isDone, "the failing stream's waiting write is let go");
            await(otherWaiting::isDone, "every other waiting write is let go too");
            await(() -> uncaught.get() != null, "the error leaves the thread: it is not swallowed");
            assertThat(uncaught.get()).isInstanceOf(InternalError.class).hasMessageContaining("unsafe memory access");
            assertThat(appender.errors()).isEqualTo(1);
            assertThat(appender.lastError()).startsWith("java.lang.InternalError");
            assertThat(failing.log.hasDurableReaders()).isFalse();
            assertThat(other.log.hasDurableReaders()).isFalse();
            assertThat(other.log.whenDurable(other.append(ChangeLog.Kind.VALUE, TARGET, "Rear", 18.0)).isDone())
                    .as("a later write waits for no journal").isTrue();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void shouldNotCountAValueItCannotEncodeAsAFailure() throws Exception {
        Log log = new Log();
        try (JournalWriter writer = new JournalWriter(folder.resolve("journal"), Queues.rollCycle("FAST_DAILY"), 0);
             JournalAppender appender = new JournalAppender("test")) {
            BackendStream stream = stream(writer, "heater");
            appender.attach(stream, log.log);
            // A value of the wrong type for its property: logged once and left out, the stream goes on.
            log.append(ChangeLog.Kind.VALUE, TARGET, "Front", "warm");
            long next = log.append(ChangeLog.Kind.AVAILABILITY, TARGET, "Front", ValueAvailability.AVAILABLE);
            await(log.log.whenDurable(next)::isDone, "the change after it is journaled");
            assertThat(appender.errors()).isZero();
            assertThat(stream.changes()).isEqualTo(1);
            assertThat(log.log.hasDurableReaders()).isTrue();
        }
    }

    /** A backend written against the raw SPI: no change log of its own, only reports to its listener. */
    private static final class RawHeater implements io.ifw.core.spi.Backend {
        volatile io.ifw.core.spi.BackendListener listener;

        @Override
        public FeatureModel model() {
            return HEATER;
        }

        @Override
        public io.ifw.core.spi.BackendConnection connect(io.ifw.core.spi.BackendListener newListener) {
            listener = newListener;
            newListener.zonesChanged(List.of("Front", "Rear"));
            newListener.valueChanged(TARGET, "Front", 20.0);
            newListener.initialized();
            return new io.ifw.core.spi.BackendConnection() {
                @Override
                public Promise<Void> set(int property, String zone, Object value) {
                    newListener.valueChanged(property, zone, value);
                    return org.osgi.util.promise.Promises.resolved(null);
                }

                @Override
                public Promise<Object> invoke(int operation, String zone, Object[] arguments) {
                    return org.osgi.util.promise.Promises.failed(new UnsupportedOperationException("no operations"));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void shouldJournalABackendWithoutAChangeLogOfItsOwnThroughAFeed() throws Exception {
        Path directory = folder.resolve("journal");
        RawHeater raw = new RawHeater();
        try (JournalWriter writer = new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0);
             JournalAppender appender = new JournalAppender("test");
             io.ifw.core.spi.ChangeLogFeed feed = io.ifw.core.spi.ChangeLogFeed.follow(raw)) {
            assertThat(io.ifw.core.spi.ChangeLogFeed.logOf(raw)).as("a raw backend has no log of its own").isNull();
            appender.attach(stream(writer, "raw-heater"), feed.changeLog());
            raw.listener.valueChanged(TARGET, "Rear", 24.5);
            raw.listener.valueChanged(TARGET, "Rear", 24.5); // no change: not journaled
            raw.listener.availabilityChanged(TARGET, "Front", ValueAvailability.stale("sensor lost"));
            await(() -> feed.changeLog().durableCommitted() >= feed.changeLog().head(), "the feed's log is journaled");
        }

        List<String> lines = new java.util.ArrayList<>();
        try (net.openhft.chronicle.queue.ChronicleQueue queue = Queues.openForReading(directory)) {
            JournalReader.scan(queue, 0, entry -> {
                JournalRecord record = entry.record();
                lines.add(JournalRecord.typeName(record.type()) + " " + record.member() + "@" + record.zone() + " #" + record.change());
            });
        }
        assertThat(lines).containsExactly("SNAPSHOT_BEGIN @ #2", "ZONES @ #2", "VALUE target@Front #2", "SNAPSHOT_END @ #2",
                "VALUE target@Rear #3", "AVAILABILITY target@Front #4");
    }
}
