package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.testing.Lamp;
import io.ifw.core.testing.RecordingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

/** One state table and one sequenced log per backend; readers with cursors, resyncs, durable acknowledgements. */
class ChangeLogTest {

    private static final FeatureModel LAMP = FeatureModel.of(Lamp.class);
    private static final int ON = LAMP.property("on").index();
    private static final int BRIGHTNESS = LAMP.property("brightness").index();
    private static final int BURN_HOURS = LAMP.property("burnHours").index();

    /** A lamp backend with a small log. */
    static final class SmallLamp extends AbstractBackend<Lamp> {
        SmallLamp(int capacity) {
            super(Lamp.class, capacity);
            update(Lamp::on, false);
            update(Lamp::brightness, 10);
        }

        void brightness(int value) {
            update(Lamp::brightness, value);
        }
    }

    /** Records what a reader is handed. */
    static final class Handed implements ChangeLog.Handler {
        final List<String> items = new ArrayList<>();
        StateTable lastSnapshot;

        @Override
        public void snapshot(long sequence, StateTable state, String reason) {
            lastSnapshot = state;
            items.add("snapshot@" + sequence + " brightness=" + state.zone("").value(BRIGHTNESS) + " (" + reason + ")");
        }

        @Override
        public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
            items.add(sequence + " " + kind + " " + member + "=" + value);
        }
    }

    @Test
    void shouldNumberEveryChangeOnceAndHandThemInOrderAfterTheStateAtTheReadersStart() {
        SmallLamp lamp = new SmallLamp(16);
        long start = lamp.changeLog().head();
        assertThat(start).as("the constructor's two updates are changes 1 and 2").isEqualTo(2);

        ChangeLog.Reader reader = lamp.changeLog().reader("test", false, null);
        lamp.brightness(20);
        lamp.brightness(20); // the same value: no change, no sequence
        lamp.brightness(30);
        Handed handed = new Handed();
        assertThat(reader.poll(handed, 10)).isEqualTo(3);

        assertThat(handed.items).containsExactly("snapshot@2 brightness=10 (first read)", "3 VALUE " + BRIGHTNESS + "=20",
                "4 VALUE " + BRIGHTNESS + "=30");
        assertThat(reader.position()).isEqualTo(4);
        assertThat(reader.lag()).isZero();
        assertThat(reader.poll(handed, 10)).as("nothing new").isZero();
    }

    @Test
    void shouldHandAReaderThatFellBehindTheBoundOneSnapshotWithTheReasonNeverATornState() {
        SmallLamp lamp = new SmallLamp(4);
        ChangeLog.Reader reader = lamp.changeLog().reader("slow", false, null);
        Handed handed = new Handed();
        reader.poll(handed, 10);
        for (int value = 11; value <= 20; value++) {
            lamp.brightness(value);
        }

        assertThat(reader.lag()).isEqualTo(10);
        reader.poll(handed, 100);

        assertThat(handed.items).hasSize(2);
        assertThat(handed.items.get(1)).isEqualTo("snapshot@12 brightness=20 (fell behind: 10 changes unread, the log holds 4 (change 3 was "
                + "overwritten))");
        assertThat(reader.resyncs()).isEqualTo(1);
        assertThat(lamp.changeLog().resyncs()).isEqualTo(1);
        lamp.brightness(21);
        reader.poll(handed, 100);
        assertThat(handed.items.get(2)).isEqualTo("13 VALUE " + BRIGHTNESS + "=21");
    }

    @Test
    void shouldGiveAConcurrentReaderEitherEveryChangeInOrderOrASnapshotThatIsAPrefixOfTheWrites() throws Exception {
        SmallLamp lamp = new SmallLamp(8);
        ChangeLog.Reader reader = lamp.changeLog().reader("racing", false, null);
        int writes = 200_000;
        Thread writer = new Thread(() -> {
            for (int value = 1; value <= writes; value++) {
                lamp.brightness(value);
            }
        });
        long[] lastValue = {0}; // the writes are 1, 2, 3, ...: each change is greater than the one before
        long[] lastSequence = {2};
        List<String> problems = new ArrayList<>();
        ChangeLog.Handler check = new ChangeLog.Handler() {
            @Override
            public void snapshot(long sequence, StateTable state, String reason) {
                int value = (Integer) state.zone("").value(BRIGHTNESS);
                // change n (n >= 3) set brightness to n - 2: the snapshot's value matches its sequence
                if (sequence >= 3 && value != sequence - 2) {
                    problems.add("snapshot at " + sequence + " holds " + value);
                }
                lastValue[0] = sequence >= 3 ? value : 0; // before the writes, the constructor's 10
                lastSequence[0] = sequence;
            }

            @Override
            public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
                if (sequence != lastSequence[0] + 1 || (Integer) value != sequence - 2 || (Integer) value <= lastValue[0]) {
                    problems.add("change " + sequence + " = " + value + " after " + lastSequence[0] + " = " + lastValue[0]);
                }
                lastValue[0] = (Integer) value;
                lastSequence[0] = sequence;
            }
        };
        writer.start();
        while (writer.isAlive() || reader.hasWork()) {
            reader.poll(check, 64);
        }
        writer.join();
        assertThat(problems).isEmpty();
        assertThat(lastValue[0]).isEqualTo(writes);
        assertThat(lastSequence[0]).isEqualTo(lamp.changeLog().head());
    }

    @Test
    void shouldAcknowledgeAWriteOnlyOnceEveryDurableReaderCommittedIt() throws Exception {
        SmallLamp lamp = new SmallLamp(64);
        RecordingListener frontEnd = new RecordingListener();
        BackendConnection connection = lamp.connect(frontEnd);
        ChangeLog.Reader journal = lamp.changeLog().reader("journal", true, null);
        Handed handed = new Handed();

        Promise<Void> write = connection.set(BRIGHTNESS, "", 42);

        assertThat(frontEnd.events).as("front ends see it at once").contains("value " + BRIGHTNESS + "@=42");
        assertThat(write.isDone()).as("not acknowledged before the journal holds it").isFalse();
        journal.poll(handed, 10);
        assertThat(write.isDone()).isFalse();
        journal.commit(journal.position());
        assertThat(write.isDone()).isTrue();
        assertThat(write.getFailure()).isNull();

        Promise<Void> refused = connection.set(BRIGHTNESS, "", 400);
        assertThat(refused.isDone()).as("a refusal does not wait for the journal").isTrue();
        assertThat(refused.getFailure()).hasMessageContaining("400");

        Promise<Void> pending = connection.set(BRIGHTNESS, "", 43);
        assertThat(pending.isDone()).isFalse();
        journal.close();
        assertThat(pending.isDone()).as("a journal that goes away holds nothing up").isTrue();
        assertThat(connection.set(BRIGHTNESS, "", 44).isDone()).as("no durable reader: at once").isTrue();
    }

    @Test
    void shouldNotHoldAWriterOnAnotherThreadForAListenerThatIsSlow() throws Exception {
        SmallLamp lamp = new SmallLamp(4);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<String> resynced = new AtomicReference<>();
        lamp.connect(new RecordingListener() {
            @Override
            public void valueChanged(int property, String zone, Object value) {
                seen.add(property + "=" + value);
                if (block.get() && Integer.valueOf(50).equals(value)) {
                    inListener.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void resynced(String reason) {
                resynced.set(reason);
            }
        });
        block.set(true);
        Thread slow = new Thread(() -> lamp.brightness(50));
        slow.start();
        assertThat(inListener.await(60, TimeUnit.SECONDS)).isTrue();

        for (int value = 51; value <= 60; value++) {
            lamp.brightness(value); // returns although the listener is stuck on the other thread
        }
        assertThat(lamp.value(LAMP.property("brightness"), "")).isEqualTo(60);
        assertThat(seen).as("nothing delivered while the listener is busy").endsWith(BRIGHTNESS + "=50");

        release.countDown();
        slow.join(60_000);
        assertThat(resynced.get()).as("it fell behind the log of 4").startsWith("fell behind: 10 changes unread");
        List<String> brightness = seen.stream().filter(item -> item.startsWith(BRIGHTNESS + "=")).toList();
        assertThat(brightness).as("the resync re-pushed the state: the missed values are skipped, not reordered")
                .containsExactly(BRIGHTNESS + "=10", BRIGHTNESS + "=50", BRIGHTNESS + "=60");
    }

    @Test
    void shouldKeepValuesAvailabilityAndConstraintsInOneTableThatReadersCopy() {
        SmallLamp lamp = new SmallLamp(16);
        PropertyMember burnHours = (PropertyMember) LAMP.member(BURN_HOURS);
        lamp.updateAvailability(burnHours, "", ValueAvailability.notAvailable("sensor off"));
        ChangeLog.Reader reader = lamp.changeLog().reader("copy", false, null);
        Handed handed = new Handed();
        reader.poll(handed, 1);
        lamp.brightness(77);

        StateTable copy = handed.lastSnapshot;
        assertThat(copy.zone("").value(BRIGHTNESS)).as("the reader's copy does not move with the backend").isEqualTo(10);
        assertThat(copy.zone("").availability(BURN_HOURS)).isEqualTo(ValueAvailability.notAvailable("sensor off"));
        assertThat(copy.zone("").attribute(BRIGHTNESS).toString()).contains("100");
        assertThatThrownBy(() -> copy.zone("Nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown zone 'Nowhere' for io.ifw.test.Lamp (zones: [])");
    }

    @Test
    void shouldContinueTheNumbersOfARecoveredBackendAndRefuseToRenumberALogInUse() {
        ChangeLog log = new ChangeLog(new Object(), StateTable.empty(LAMP), 8);
        long fresh = log.logId();
        assertThat(fresh).isNotZero().isNotEqualTo(new ChangeLog(new Object(), StateTable.empty(LAMP), 8).logId());
        log.append(ChangeLog.Kind.VALUE, ON, "", false); // a constructor's change: replaced by what is recovered
        assertThat(log.isContinued()).as("a fresh log").isFalse();
        log.continueAfter(500, 77);
        assertThat(log.isContinued()).as("its earlier changes are journaled").isTrue();
        assertThat(log.logId()).isEqualTo(77);
        assertThat(log.append(ChangeLog.Kind.VALUE, ON, "", true)).isEqualTo(501);
        ChangeLog.Reader reader = log.reader("reader", false, null);
        Handed handed = new Handed();
        reader.poll(handed, 10);
        log.continueAfter(900, 0x99);
        log.append(ChangeLog.Kind.VALUE, BRIGHTNESS, "", 5);
        reader.poll(handed, 10);
        assertThat(handed.items).containsExactly("snapshot@501 brightness=null (first read)",
                "snapshot@901 brightness=null (the log was renumbered: it continues log 99 after change 900)");
        assertThat(reader.position()).isEqualTo(901);
        assertThatThrownBy(() -> new ChangeLog(new Object(), StateTable.empty(LAMP), 8).continueAfter(7, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot continue log 0 after sequence 7");
        assertThatThrownBy(() -> new ChangeLog(new Object(), StateTable.empty(LAMP), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a change log holds at least 1 change, not 0");
        assertThat(new ChangeLog(new Object(), StateTable.empty(LAMP), 1000).capacity()).isEqualTo(1024);
    }

    @Test
    void shouldHandAReaderThatHasTheChangesUpToOneOfThisLogTheChangesAfterItOneByOneElseASnapshot() {
        ChangeLog log = new ChangeLog(new Object(), StateTable.empty(LAMP), 4);
        log.continueAfter(500, 77); // restored from a journal that holds log 77 up to change 500
        log.append(ChangeLog.Kind.VALUE, BRIGHTNESS, "", 11); // the backend goes on before the journal is there
        log.append(ChangeLog.Kind.VALUE, BRIGHTNESS, "", 12);

        ChangeLog.Reader journal = log.readerAfter("journal", true, null, 77, 500);
        assertThat(journal.position()).isEqualTo(500);
        journal.requestSnapshot(ChangeLog.FIRST_READ);
        Handed handed = new Handed();
        assertThat(journal.poll(handed, 10)).isEqualTo(3);
        assertThat(handed.items).as("the changes since the restore one by one, then the state")
                .containsExactly("501 VALUE " + BRIGHTNESS + "=11", "502 VALUE " + BRIGHTNESS + "=12", "snapshot@502 brightness=null (first read)");
        assertThat(log.hasDurableReaders()).isTrue();

        // another log's changes, a change past the head, changes the ring no longer holds: a snapshot first
        for (long[] wrong : new long[][] {{78, 500}, {77, 503}, {77, -1}}) {
            ChangeLog.Reader other = log.readerAfter("other", false, null, wrong[0], wrong[1]);
            Handed seen = new Handed();
            other.poll(seen, 10);
            assertThat(seen.items).as("log %d after %d", wrong[0], wrong[1]).containsExactly("snapshot@502 brightness=null (first read)");
        }
        for (int value = 13; value <= 18; value++) {
            log.append(ChangeLog.Kind.VALUE, BRIGHTNESS, "", value); // 503..508: the ring of 4 holds 505..508
        }
        Handed late = new Handed();
        log.readerAfter("late", false, null, 77, 502).poll(late, 10);
        assertThat(late.items).containsExactly("snapshot@508 brightness=null (first read)");
        Handed inTime = new Handed();
        log.readerAfter("in time", false, null, 77, 504).poll(inTime, 10);
        assertThat(inTime.items).containsExactly("505 VALUE " + BRIGHTNESS + "=15", "506 VALUE " + BRIGHTNESS + "=16",
                "507 VALUE " + BRIGHTNESS + "=17", "508 VALUE " + BRIGHTNESS + "=18");
    }

    @Test
    void shouldHandACommittedOnlyReaderNothingTheJournalCouldStillLose() {
        SmallLamp lamp = new SmallLamp(64);
        ChangeLog log = lamp.changeLog();
        ChangeLog.Reader journal = log.reader("journal", true, null);
        Handed journaled = new Handed();
        ChangeLog.Reader exporter = log.reader("exporter", false, true, null);
        Handed exported = new Handed();

        assertThat(exporter.poll(exported, 10)).as("not even the first state before the journal committed it").isZero();
        journal.poll(journaled, 10);
        journal.commit(journal.position());
        assertThat(exporter.poll(exported, 10)).isEqualTo(1);
        assertThat(exported.items).containsExactly("snapshot@2 brightness=10 (first read)");

        lamp.brightness(20);
        lamp.brightness(30);
        assertThat(exporter.hasWork()).isFalse();
        assertThat(exporter.poll(exported, 10)).as("appended, not journaled").isZero();
        journal.poll(journaled, 1);
        journal.commit(journal.position());
        exporter.poll(exported, 10);
        assertThat(exported.items).as("only up to the journal's commit").endsWith("3 VALUE " + BRIGHTNESS + "=20");
        journal.poll(journaled, 10);
        journal.commit(journal.position());
        exporter.poll(exported, 10);
        assertThat(exported.items).endsWith("3 VALUE " + BRIGHTNESS + "=20", "4 VALUE " + BRIGHTNESS + "=30");

        journal.close();
        lamp.brightness(40);
        exporter.poll(exported, 10);
        assertThat(exported.items).as("no journal: nothing held back").endsWith("5 VALUE " + BRIGHTNESS + "=40");
    }
}
