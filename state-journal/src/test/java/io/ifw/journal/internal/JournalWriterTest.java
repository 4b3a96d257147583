package io.ifw.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.RecoveredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Chronicle files: append, read back, recover the last state, one writer per directory. */
class JournalWriterTest {

    private static final FeatureModel HEATER = FeatureModel.of(Heater.class);

    @TempDir
    Path folder;

    private JournalWriter writer(Path directory) {
        return new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0);
    }

    /** Journals the backend's change log through the appender (closing the appender journals what is left). */
    private static BackendStream journal(JournalAppender appender, JournalWriter writer, Heater.Backend backend, int snapshotEvery) {
        BackendStream stream = new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(), "production",
                HEATER, snapshotEvery);
        appender.attach(stream, backend.changeLog());
        journaled(backend);
        return stream;
    }

    /** Waits (bounded) until the journal holds every change the backend made so far. */
    static void journaled(io.ifw.core.spi.AbstractBackend<?> backend) {
        try {
            backend.changeLog().whenDurable(backend.changeLog().head()).timeout(60_000).getValue();
        } catch (Exception e) {
            throw new AssertionError("the journal did not take the backend's changes within 60 s", e);
        }
    }

    @Test
    void shouldJournalEveryChangeAfterASnapshotAndReadThemBackInOrder() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            journal(appender, writer, backend, 1_000);
            backend.set("Rear", 22.5);
            backend.level("Front", Heater.Level.HIGH);
            backend.set("Rear", 22.5); // no change: not journaled
        }

        List<String> lines = new ArrayList<>();
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            JournalReader.Skips skips = JournalReader.scan(queue, 0, entry -> {
                JournalRecord record = entry.record();
                lines.add(record.sequence() + " " + JournalRecord.typeName(record.type()) + " " + record.member() + "@" + record.zone());
            });
            assertThat(skips.total()).isZero();
        }
        assertThat(lines).containsExactly("1 SNAPSHOT_BEGIN @", "2 ZONES @", "3 VALUE level@Front", "4 VALUE target@Front",
                "5 VALUE target@Rear", "6 SNAPSHOT_END @", "7 VALUE target@Rear", "8 VALUE level@Front");
    }

    @Test
    void shouldRecoverTheLastValueOfEveryMemberFromTheLastCompleteSnapshotOn() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            journal(appender, writer, backend, 5);
            for (int i = 1; i <= 23; i++) {
                backend.set(i % 2 == 0 ? "Front" : "Rear", 16.0 + i);
            }
            backend.level("Rear", Heater.Level.LOW);
        }

        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            RecoveredState state = JournalReader.recover(queue, directory.toString(), HEATER, "heater-local");
            assertThat(state).isNotNull();
            int target = HEATER.member("target").index();
            int level = HEATER.member("level").index();
            assertThat(state.values().get("Front")).containsEntry(target, 38.0).containsEntry(level, Heater.Level.OFF);
            assertThat(state.values().get("Rear")).containsEntry(target, 39.0).containsEntry(level, Heater.Level.LOW);
            assertThat(state.zones()).containsExactly("Front", "Rear");
            assertThat(state.skipped()).isZero();

            assertThat(JournalReader.recover(queue, directory.toString(), HEATER, "heater-other")).isNull();
        }

        Heater.Backend restarted = new Heater.Backend();
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            assertThat(restarted.recover((model, name) -> JournalReader.recover(queue, "test", model, name), "heater-local")).isEqualTo(4);
        }
        assertThat(restarted.target("Front")).isEqualTo(38.0);
        assertThat(restarted.target("Rear")).isEqualTo(39.0);
    }

    @Test
    void shouldContinueTheSequenceAfterReopening() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            journal(appender, writer, new Heater.Backend(), 1_000).featureId();
            assertThat(writer.lastSequence()).isEqualTo(6);
        }
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            assertThat(writer.lastSequence()).isEqualTo(6);
            assertThat(writer.append(JournalRecord.ERROR, "io.ifw.test.Heater", "x", "", "", new UnsafeBuffer(new byte[1]), 0, 1)).isEqualTo(7);
        }
    }

    @Test
    void shouldRefuseASecondWriterAndLetReadersIn() {
        Path directory = folder.resolve("journal");
        try (JournalWriter first = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            journal(appender, first, new Heater.Backend(), 1_000);
            assertThatThrownBy(() -> writer(directory)).isInstanceOf(JournalException.class)
                    .hasMessage("the journal directory " + directory + " is already written by another journal of this process");
            try (ChronicleQueue reader = Queues.openForReading(directory)) {
                long[] count = {0};
                JournalReader.scan(reader, 0, entry -> count[0]++);
                assertThat(count[0]).isEqualTo(6);
            }
        }
        try (JournalWriter again = writer(directory)) {
            assertThat(again.lastSequence()).isEqualTo(6);
        }
    }

    @Test
    void shouldNameAMissingOrUnwritableDirectory() throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> writer(file.resolve("journal"))).isInstanceOf(JournalException.class)
                .hasMessageStartingWith("cannot create the journal directory " + file.resolve("journal"));
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        readOnly.toFile().setWritable(false);
        try {
            if (!Files.isWritable(readOnly)) { // root may write anyway
                assertThatThrownBy(() -> writer(readOnly)).hasMessage("the journal directory " + readOnly + " is not writable");
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
        assertThatThrownBy(() -> Queues.openForReading(folder.resolve("absent"))).hasMessage("there is no journal directory "
                + folder.resolve("absent"));
        assertThatThrownBy(() -> Queues.rollCycle("WEEKLYISH")).hasMessageStartingWith("rollCycle 'WEEKLYISH' is not one of ");
    }

    @Test
    void shouldSkipAndCountRecordsOfANewerFormatAndMalformedOnes() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            journal(appender, writer, new Heater.Backend(), 1_000);
            writer.appendRaw(new byte[] {9, 3, 0, 0});
            writer.appendRaw(new byte[] {1, 3, 0, 0});
        }
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            long[] read = {0};
            JournalReader.Skips skips = JournalReader.scan(queue, 0, entry -> read[0]++);
            assertThat(read[0]).isEqualTo(6);
            assertThat(skips.newer()).isEqualTo(1);
            assertThat(skips.malformed()).isEqualTo(1);
            assertThat(skips.first()).isEqualTo("a record of format version 9 (this build reads up to 1)");
            assertThat(JournalReader.recover(queue, "test", HEATER, "heater-local")).isNotNull();
        }
    }

    @Test
    void shouldWriteASnapshotWhenTheJournalFellBehindTheLog() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory)) {
            Heater.Backend backend = new Heater.Backend(8);
            BackendStream stream = new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(),
                    "production", HEATER, 1_000);
            io.ifw.core.spi.ChangeLog.Reader reader = stream.attach(backend.changeLog(), () -> { });
            assertThat(reader.poll(stream, 100)).as("the first snapshot").isEqualTo(1);
            backend.set("Rear", 21.0);
            assertThat(reader.poll(stream, 100)).isEqualTo(1);
            for (int i = 1; i <= 20; i++) { // more than the log holds, none read
                backend.set("Front", 30.0 + i);
            }
            backend.level("Rear", Heater.Level.LOW);

            assertThat(reader.poll(stream, 100)).as("a resync snapshot, nothing else").isEqualTo(1);
            assertThat(stream.resyncs()).isEqualTo(1);
            assertThat(reader.resyncs()).isEqualTo(1);
            assertThat(reader.position()).isEqualTo(backend.changeLog().head());
            assertThat(stream.changes()).as("journaled as changes: only the one read in time").isEqualTo(1);
        }
        List<String> lines = new ArrayList<>();
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            JournalReader.scan(queue, 0, entry -> lines.add(JournalRecord.typeName(entry.record().type()) + " "
                    + entry.record().member() + "@" + entry.record().zone()));
            RecoveredState state = JournalReader.recover(queue, directory.toString(), HEATER, "heater-local");
            int target = HEATER.member("target").index();
            int level = HEATER.member("level").index();
            assertThat(state.values().get("Front")).containsEntry(target, 50.0);
            assertThat(state.values().get("Rear")).containsEntry(target, 21.0).containsEntry(level, Heater.Level.LOW);
        }
        assertThat(lines).containsExactly("SNAPSHOT_BEGIN @", "ZONES @", "VALUE level@Front", "VALUE target@Front", "VALUE target@Rear",
                "SNAPSHOT_END @", "VALUE target@Rear",
                "SNAPSHOT_BEGIN @", "ZONES @", "VALUE level@Front", "VALUE target@Front", "VALUE level@Rear", "VALUE target@Rear",
                "SNAPSHOT_END @");
    }

    @Test
    void shouldTakeAppendsFromManyThreadsInOneOrder() throws Exception {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            // a change log that holds the whole burst, so each change is journaled as a change
            // (a smaller one resyncs the journal with a snapshot: shouldWriteASnapshotWhenTheJournalFellBehindTheLog)
            Heater.Backend backend = new Heater.Backend(4_096);
            journal(appender, writer, backend, 100_000);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String zone = t % 2 == 0 ? "Front" : "Rear";
                int offset = t * 1_000;
                Thread thread = new Thread(() -> {
                    for (int i = 1; i <= 500; i++) {
                        backend.set(zone, offset + i);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            journaled(backend);
            assertThat(writer.failures()).isZero();
            assertThat(writer.lastSequence()).isEqualTo(6 + 2_000);
        }
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            long[] expected = {1};
            JournalReader.scan(queue, 0, entry -> assertThat(entry.record().sequence()).isEqualTo(expected[0]++));
            assertThat(expected[0]).isEqualTo(6 + 2_000 + 1);
        }
    }

    @Test
    void shouldRecoverByMemberNameAndCountWhatTheNewModelCannotTake() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            journal(appender, writer, backend, 1_000);
            backend.set("Rear", 23.5);
            backend.level("Rear", Heater.Level.HIGH);
        }
        FeatureModel later = FeatureModel.of(HeaterWithoutLevel.class);
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            RecoveredState state = JournalReader.recover(queue, "test", later, "heater-local");
            assertThat(state.values().get("Rear")).containsOnlyKeys(later.member("target").index()).containsValue(23.5);
            assertThat(state.values().get("Front")).containsOnlyKeys(later.member("target").index());
            assertThat(state.skipped()).as("the two level values").isEqualTo(2);
        }
    }

    @Test
    void shouldRecoverEnumConstantsByIdentityAfterConstantsAreInsertedInTheEnum() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            journal(appender, writer, backend, 1_000);
            backend.level("Rear", Heater.Level.HIGH);
            backend.level("Front", Heater.Level.LOW);
        }
        FeatureModel later = FeatureModel.of(HeaterWithMoreLevels.class);
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            RecoveredState state = JournalReader.recover(queue, "test", later, "heater-local");
            int level = later.member("level").index();
            // by ordinal, HIGH (2) would read as LOW and LOW (1) as OFF in the later build
            assertThat(state.values().get("Rear")).containsEntry(level, HeaterWithMoreLevels.Level.HIGH);
            assertThat(state.values().get("Front")).containsEntry(level, HeaterWithMoreLevels.Level.LOW);
            assertThat(state.skipped()).isZero();
        }
    }

    @Test
    void shouldCountAnAppendThatFailsAndNotThrowAtTheBackend() {
        Path directory = folder.resolve("journal");
        JournalWriter writer = writer(directory);
        JournalAppender appender = new JournalAppender("test");
        Heater.Backend backend = new Heater.Backend();
        journal(appender, writer, backend, 1_000);
        long before = writer.lastSequence();
        writer.queue().close(); // as if its files had gone: every append now fails

        backend.set("Rear", 27.0);
        backend.set("Rear", 28.0);
        journaled(backend);
        appender.close();

        assertThat(backend.target("Rear")).as("the backend goes on").isEqualTo(28.0);
        assertThat(writer.failures()).isEqualTo(2);
        assertThat(writer.lastSequence()).as("nothing counted as written").isEqualTo(before);
        assertThat(writer.lastFailure()).isNotEmpty();
        try {
            writer.close();
        } catch (RuntimeException e) {
            // closing a writer whose queue is gone may complain; the lock is released either way
        }
        try (JournalWriter again = writer(directory)) {
            assertThat(again.lastSequence()).as("the lock was released, the good part is intact").isEqualTo(before);
        }
    }
}
