package io.ifw.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ChangeHistory;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.RecoveredState;
import io.ifw.core.spi.StateTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal as the history of a backend's change log: the same sequence numbers as the log,
 * every change kept (signals as SKIPPED), the numbering continued after a recovery, and a clear
 * refusal where the history cannot give every change asked for.
 */
class ChangeHistoryTest {

    private static final FeatureModel HEATER = FeatureModel.of(Heater.class);
    private static final int TARGET = HEATER.member("target").index();

    @TempDir
    Path folder;

    private JournalWriter writer(Path directory) {
        return new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0);
    }

    /** Collects what the history hands. */
    static final class Changes implements ChangeLog.Handler {
        final List<String> items = new ArrayList<>();

        @Override
        public void snapshot(long sequence, StateTable state, String reason) {
            items.add("snapshot " + sequence);
        }

        @Override
        public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
            items.add(sequence + " " + kind + (member >= 0 ? " " + HEATER.member(member).name() + "@" + zone : "") + "=" + value);
        }
    }

    private static void journaled(Heater.Backend backend) {
        JournalWriterTest.journaled(backend);
    }

    @Test
    void shouldHandTheChangesSinceASequenceWithTheLogsOwnNumbersAcrossARestart() throws Exception {
        Path directory = folder.resolve("journal");
        long logId;
        long lastBeforeRestart;
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            appender.attach(new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(), "production",
                    HEATER, 3), backend.changeLog());
            backend.set("Rear", 21.0);
            backend.set("Front", 22.0);
            backend.set("Rear", 23.0);
            backend.set("Front", 24.0); // a periodic snapshot (every 3 changes) comes in between: no gap
            journaled(backend);
            logId = backend.changeLog().logId();
            lastBeforeRestart = backend.changeLog().head();
        }

        // The process starts again: the backend is recovered and its log goes on with the same id and numbers.
        Heater.Backend again = new Heater.Backend();
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test");
             ChronicleQueue queue = Queues.openForReading(directory)) {
            RecoveredState recovered = JournalReader.recover(queue, "test", HEATER, "heater-local");
            assertThat(recovered.logId()).isEqualTo(logId);
            assertThat(recovered.change()).isEqualTo(lastBeforeRestart);
            again.recover((model, name) -> recovered, "heater-local");
            assertThat(again.changeLog().logId()).isEqualTo(logId);
            assertThat(again.changeLog().head()).isEqualTo(lastBeforeRestart);
            appender.attach(new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(), "production",
                    HEATER, 100), again.changeLog());
            again.set("Rear", 25.0);
            journaled(again);
        }

        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            Changes changes = new Changes();
            long since = lastBeforeRestart - 3;
            ChangeHistory.Replay replay = JournalReader.changesSince(queue, HEATER, "heater-local", logId, since, Long.MAX_VALUE, 100,
                    changes);
            assertThat(replay.refusal()).isNull();
            assertThat(replay.last()).isEqualTo(lastBeforeRestart + 1);
            assertThat(changes.items).containsExactly(
                    (since + 1) + " VALUE target@Front=22.0",
                    (since + 2) + " VALUE target@Rear=23.0",
                    (since + 3) + " VALUE target@Front=24.0",
                    (since + 4) + " VALUE target@Rear=25.0");

            Changes capped = new Changes();
            assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", logId, since, since + 2, 100, capped).last())
                    .as("up to 'until'").isEqualTo(since + 2);
            assertThat(capped.items).hasSize(2);
            assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", logId, since, Long.MAX_VALUE, 2, new Changes()).refusal())
                    .isEqualTo("more than 2 changes are missing");
            assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", 12345, since, Long.MAX_VALUE, 100, new Changes()).refusal())
                    .isEqualTo("the journal has no record of this change log");
        }
    }

    /**
     * A backend restored from the journal's folder that changes before the journal is open (the
     * journal component binds it a moment later; longer on a busy host): the journal writes those
     * changes one by one, then the state, so that a client of the earlier run still catches up
     * from the journal. Without the restored point it could only write the state, which stands for them.
     */
    @Test
    void shouldJournalOneByOneWhatARestoredBackendChangedBeforeTheJournalWasOpen() throws Exception {
        Path directory = folder.resolve("journal");
        long logId;
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            appender.attach(new BackendStream(writer, HEATER.id(), "heater-local", Heater.Backend.class.getName(), "production",
                    HEATER, 100), backend.changeLog());
            backend.set("Rear", 21.0);
            journaled(backend);
            logId = backend.changeLog().logId();
        }
        for (boolean fromTheRestoredPoint : new boolean[] {true, false}) {
            JournalRecovery recovery = new JournalRecovery(List.of(directory));
            Heater.Backend again = new Heater.Backend();
            again.recover(recovery, "heater-local");
            RecoveredState restored = recovery.takeRestored(directory, HEATER.id(), "heater-local");
            assertThat(restored).as("what was restored from the folder").isNotNull();
            assertThat(recovery.takeRestored(directory, HEATER.id(), "heater-local")).as("taken once").isNull();
            assertThat(recovery.takeRestored(folder.resolve("elsewhere"), HEATER.id(), "heater-local")).isNull();
            assertThat(restored.logId()).isEqualTo(logId);
            long since = again.changeLog().head();
            double front = fromTheRestoredPoint ? 30.0 : 32.0;
            again.set("Front", front); // before the journal is open
            again.set("Rear", front + 1);
            recovery.close();
            try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
                BackendStream stream = new BackendStream(writer, HEATER.id(), "heater-local", Heater.Backend.class.getName(), "production",
                        HEATER, 100);
                appender.attach(stream, again.changeLog(), fromTheRestoredPoint ? restored : null);
                journaled(again);
            }
            try (ChronicleQueue queue = Queues.openForReading(directory)) {
                Changes changes = new Changes();
                ChangeHistory.Replay replay = JournalReader.changesSince(queue, HEATER, "heater-local", logId, since, Long.MAX_VALUE, 100,
                        changes);
                if (fromTheRestoredPoint) {
                    assertThat(replay.refusal()).isNull();
                    assertThat(changes.items).containsExactly((since + 1) + " VALUE target@Front=30.0", (since + 2) + " VALUE target@Rear=31.0");
                    RecoveredState after = JournalReader.recover(queue, "test", HEATER, "heater-local");
                    assertThat(after.change()).as("the state after them was written too").isEqualTo(since + 2);
                    assertThat(after.values().get("Rear")).containsEntry(TARGET, 31.0);
                } else {
                    assertThat(replay.refusal()).startsWith("the journal did not keep changes " + (since + 1) + " to " + (since + 2)
                            + " of this log one by one (a snapshot after 'first read' stands for them, begun at record ");
                }
            }
        }
    }

    /**
     * A backend restored from a journal folder is caught up from it even before this process's
     * journal writes there (the journal component starts a moment after the backend's state is
     * back, and a client may ask in between).
     */
    @Test
    void shouldCatchUpFromTheRecoveryFolderBeforeTheJournalWritesThere() throws Exception {
        Path directory = folder.resolve("journal");
        long logId;
        long last;
        try (JournalWriter writer = writer(directory); JournalAppender appender = new JournalAppender("test")) {
            Heater.Backend backend = new Heater.Backend();
            appender.attach(new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(), "production",
                    HEATER, 100), backend.changeLog());
            backend.set("Rear", 21.0);
            backend.set("Front", 22.0);
            journaled(backend);
            logId = backend.changeLog().logId();
            last = backend.changeLog().head();
        }
        JournalRecovery recovery = new JournalRecovery(List.of(directory));
        try {
            Changes changes = new Changes();
            ChangeHistory.Replay replay = recovery.changesSince(HEATER, "heater-local", logId, last - 2, Long.MAX_VALUE, 100, changes);
            assertThat(replay.refusal()).isNull();
            assertThat(changes.items).containsExactly((last - 1) + " VALUE target@Rear=21.0", last + " VALUE target@Front=22.0");
            Changes none = new Changes();
            assertThat(recovery.changesSince(HEATER, "heater-local", logId + 1, 0, Long.MAX_VALUE, 100, none).refusal())
                    .isEqualTo("the journal has no record of this change log");
            assertThat(none.items).isEmpty();
            assertThat(new JournalRecovery(List.of(folder.resolve("empty"))).changesSince(HEATER, "heater-local", logId, 0, Long.MAX_VALUE, 100,
                    new Changes()).refusal()).isEqualTo("no journal of this process holds io.ifw.test.Heater (heater-local)");
        } finally {
            recovery.close();
        }
    }

    @Test
    void shouldRefuseChangesBeforeTheJournalsFirstSnapshotAndChangesAResyncConflated() throws Exception {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = writer(directory)) {
            Heater.Backend backend = new Heater.Backend(4);
            backend.set("Rear", 21.0); // before the journal: only in its first snapshot
            long firstSnapshot = backend.changeLog().head();
            BackendStream stream = new BackendStream(writer, "io.ifw.test.Heater", "heater-local", Heater.Backend.class.getName(),
                    "production", HEATER, 1_000);
            ChangeLog.Reader reader = stream.attach(backend.changeLog(), () -> { });
            reader.poll(stream, 100);
            backend.set("Front", 22.0);
            reader.poll(stream, 100);
            long beforeBurst = backend.changeLog().head();
            for (int i = 0; i < 10; i++) { // more than the log of 4 holds, unread: the journal is resynced with a snapshot
                backend.set("Front", 30.0 + i);
            }
            reader.poll(stream, 100);
            backend.set("Rear", 40.0);
            reader.poll(stream, 100);
            long logId = backend.changeLog().logId();

            try (ChronicleQueue queue = Queues.openForReading(directory)) {
                assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", logId, firstSnapshot - 1, Long.MAX_VALUE, 100,
                        new Changes()).refusal())
                        .isEqualTo("the journal keeps this change log from change " + firstSnapshot + " on (its retention); change "
                                + firstSnapshot + " is gone");
                assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", logId, beforeBurst, Long.MAX_VALUE, 100,
                        new Changes()).refusal())
                        .startsWith("the journal did not keep changes " + (beforeBurst + 1) + " to " + (beforeBurst + 10)
                                + " of this log one by one (a snapshot after 'fell behind: ");
                Changes fromFirst = new Changes();
                ChangeHistory.Replay replay = JournalReader.changesSince(queue, HEATER, "heater-local", logId, firstSnapshot,
                        beforeBurst, 100, fromFirst);
                assertThat(replay.refusal()).isNull();
                assertThat(fromFirst.items).containsExactly(beforeBurst + " VALUE target@Front=22.0");
                Changes afterResync = new Changes();
                assertThat(JournalReader.changesSince(queue, HEATER, "heater-local", logId, beforeBurst + 10, Long.MAX_VALUE, 100,
                        afterResync).refusal()).isNull();
                assertThat(afterResync.items).containsExactly((beforeBurst + 11) + " VALUE target@Rear=40.0");
            }
        }
    }
}
