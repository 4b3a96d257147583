package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.spi.ChangeHistory;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.StateTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client back after the server started over catches up from the server's history of the
 * backend's change log (what the journal serves), not from a snapshot; where the history cannot
 * give every change, it takes a snapshot and is told why. The journal's own reading of history
 * is tested in the journal module (ChangeHistoryTest) and across a kill -9 in JournalProcessIT.
 */
class RemoteJournalCatchUpTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    /** The history of a backend's change log as a journal keeps it: every change from when it started recording. */
    static final class RecordedHistory implements ChangeHistory {
        private record Change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
        }

        private final ChangeLog.Reader reader;
        private final List<Change> changes = new ArrayList<>();
        private long from;
        volatile String refusal;
        volatile int reads;

        RecordedHistory(ChangeLog log) {
            reader = log.reader("test history", false, null);
        }

        @Override
        public synchronized Replay changesSince(FeatureModel model, String backendName, long logId, long since, long until, int limit,
                                                ChangeLog.Handler handler) {
            reads++;
            reader.poll(new ChangeLog.Handler() {
                @Override
                public void snapshot(long sequence, StateTable state, String reason) {
                    from = sequence + 1;
                }

                @Override
                public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
                    changes.add(new Change(sequence, kind, member, zone, value));
                }
            }, Integer.MAX_VALUE);
            if (refusal != null) {
                return new Replay(since, refusal);
            }
            if (since + 1 < from) {
                return new Replay(since, "the history starts at change " + from);
            }
            long last = since;
            for (Change change : changes) {
                if (change.sequence() > since && change.sequence() <= until) {
                    handler.change(change.sequence(), change.kind(), change.member(), change.zone(), change.value());
                    last = change.sequence();
                }
            }
            return new Replay(last, null);
        }
    }

    private static void export(RemoteServer server, ThermostatBackend backend) {
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
    }

    @Test
    void shouldCatchUpFromTheHistoryAfterTheServerStartedOverWhileTheBackendChanged() throws Exception {
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        RecordedHistory history = new RecordedHistory(backend.changeLog());
        RemoteServer server = harness.server("aeron:ipc");
        server.history(() -> history);
        export(server, backend);
        RemoteClient client = harness.client("car", "aeron:ipc", "", "stay-bound");
        Thermostat front = harness.thermostat("car").feature().zone("Front");
        backend.measure("Front", 18.0);
        await(() -> front.measured().get() == 18.0, "a first change arrives");

        server.close();
        for (int i = 1; i <= 20; i++) { // while no server runs: in no server's memory, only in the history
            backend.measure("Front", 18.0 + i);
        }
        backend.set("Rear", 25.0);
        RemoteServer again = harness.server("aeron:ipc");
        again.history(() -> history);
        export(again, backend);

        await(() -> !again.report().clients().isEmpty() && again.report().clients().get(0).catchUps() == 1,
                "the client comes back and catches up");
        await(() -> front.measured().get() == 38.0, "the missed changes arrive");
        await(() -> front.measured().availability().isAvailable(), "values are current again");
        assertThat(harness.thermostat("car").feature().zone("Rear").target().get()).isEqualTo(25.0);
        RemoteReport.Session session = again.report().clients().get(0);
        assertThat(session.journalCatchUps()).as("from the history").isEqualTo(1);
        assertThat(session.snapshots()).as("no snapshot").isZero();
        assertThat(history.reads).isEqualTo(1);
        assertThat(client.feature("io.ifw.test.Thermostat").lastSnapshotReason).isEmpty();
        assertThat(again.report().toString()).contains("1 catch-ups (1 from the journal)");
    }

    /** A journal's durable reader of a backend's log, committing what it read on a thread of its own. */
    static final class CommittingJournal implements AutoCloseable {
        private final ChangeLog.Reader reader;
        private final Thread thread;
        private volatile boolean closed;

        CommittingJournal(ChangeLog log) {
            reader = log.reader("test journal", true, null);
            ChangeLog.Handler ignore = new ChangeLog.Handler() {
                @Override
                public void snapshot(long sequence, StateTable state, String reason) {
                }

                @Override
                public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
                }
            };
            thread = new Thread(() -> {
                while (!closed) {
                    reader.poll(ignore, 256);
                    reader.commit(reader.position());
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
            }, "test-journal");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join(10_000);
            reader.close();
        }
    }

    @Test
    void shouldWaitForTheHistoryOfAJournaledFeatureWhenItComesUpAfterTheServer() throws Exception {
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        RecordedHistory history = new RecordedHistory(backend.changeLog());
        try (CommittingJournal journal = new CommittingJournal(backend.changeLog())) {
            RemoteServer server = harness.server("aeron:ipc");
            server.history(() -> history);
            export(server, backend);
            RemoteClient client = harness.client("car", "aeron:ipc", "", "stay-bound");
            Thermostat front = harness.thermostat("car").feature().zone("Front");
            backend.measure("Front", 18.0);
            await(() -> front.measured().get() == 18.0, "a first change arrives");

            server.close();
            for (int i = 1; i <= 20; i++) {
                backend.measure("Front", 18.0 + i);
            }
            // The server is back before the journal's history service: it is asked for and not there yet.
            java.util.concurrent.atomic.AtomicReference<ChangeHistory> bound = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
            RemoteServer again = harness.server("aeron:ipc");
            again.history(() -> {
                asked.incrementAndGet();
                return bound.get();
            });
            export(again, backend);
            await(() -> asked.get() > 0, "the returning client's catch-up looks for the history");
            assertThat(again.report().clients().get(0).snapshots()).as("no snapshot while the history is on its way").isZero();
            bound.set(history);

            await(() -> again.report().clients().get(0).journalCatchUps() == 1, "the client catches up from the history once it is there");
            await(() -> front.measured().get() == 38.0, "the missed changes arrive");
            assertThat(again.report().clients().get(0).snapshots()).as("no snapshot at all").isZero();
            assertThat(client.feature("io.ifw.test.Thermostat").lastSnapshotReason).isEmpty();
        }
    }

    @Test
    void shouldSendASnapshotWithTheReasonWhenTheHistoryCannotGiveTheMissedChanges() throws Exception {
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        RecordedHistory history = new RecordedHistory(backend.changeLog());
        history.refusal = "the journal keeps this change log from change 90 on (its retention); change 3 is gone";
        RemoteServer server = harness.server("aeron:ipc");
        export(server, backend);
        RemoteClient client = harness.client("car", "aeron:ipc", "", "stay-bound");
        Thermostat front = harness.thermostat("car").feature().zone("Front");
        await(() -> front.measured().get() != null, "the first snapshot arrives");

        server.close();
        backend.measure("Front", 30.0);
        RemoteServer withoutJournal = harness.server("aeron:ipc");
        export(withoutJournal, backend);
        await(() -> front.measured().get() == 30.0, "a snapshot brings the change");
        await(() -> client.feature("io.ifw.test.Thermostat").lastSnapshotReason.startsWith("the server keeps changes"),
                "the client is told why a snapshot came");
        assertThat(client.feature("io.ifw.test.Thermostat").lastSnapshotReason).endsWith("in memory and journals none before them");
        withoutJournal.close();

        backend.measure("Front", 31.0);
        RemoteServer refusing = harness.server("aeron:ipc");
        refusing.history(() -> history);
        export(refusing, backend);
        await(() -> front.measured().get() == 31.0, "a snapshot brings the change");
        await(() -> client.feature("io.ifw.test.Thermostat").lastSnapshotReason.equals(history.refusal), "the history's refusal is the reason");
        RemoteReport.Session session = refusing.report().clients().get(0);
        assertThat(session.snapshots()).isEqualTo(1);
        assertThat(session.journalCatchUps()).isZero();
    }
}
