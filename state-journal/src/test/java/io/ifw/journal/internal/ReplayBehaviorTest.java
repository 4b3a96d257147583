package io.ifw.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.Registration;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.spi.Ticker;
import io.ifw.simulator.SimulationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording replayed on virtual time: every value, in order, at its recorded time divided by the speed. */
class ReplayBehaviorTest {

    private static final FeatureModel HEATER = FeatureModel.of(Heater.class);

    @TempDir
    Path folder;

    /** A recording of three target values, 100 ms apart at least; returns the recorded offsets in ms. */
    private double[] record(Path directory) throws Exception {
        FeatureCodec codec = new FeatureCodec(HEATER);
        ExpandableArrayBuffer payload = new ExpandableArrayBuffer(64);
        int target = HEATER.member("target").index();
        try (JournalWriter writer = new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0)) {
            for (double value : new double[] {18.0, 19.5, 22.0}) {
                writer.append(JournalRecord.VALUE, "io.ifw.test.Heater", RecorderService.FRONT_END, "target", "Rear", payload, 0,
                        codec.putValue(target, value, payload, 0));
                Thread.sleep(100);
            }
            writer.append(JournalRecord.VALUE, "io.ifw.test.Heater", "heater-local", "target", "Rear", payload, 0,
                    codec.putValue(target, 99.0, payload, 0));
        }
        ReplayBehavior replay = ReplayBehavior.of("io.ifw.test.Heater", directory, 1, r -> { });
        assertThat(replay.total()).as("only the front end's values").isEqualTo(3);
        List<Double> offsets = new ArrayList<>();
        try (var queue = Queues.openForReading(directory)) {
            long[] first = {-1};
            JournalReader.scan(queue, 0, entry -> {
                if (entry.record().source().equals(RecorderService.FRONT_END)) {
                    first[0] = first[0] < 0 ? entry.record().monoNs() : first[0];
                    offsets.add((entry.record().monoNs() - first[0]) / 1e6);
                }
            });
        }
        return offsets.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A simulator that only keeps what it is told. */
    private static final class FakeSimulation implements SimulationContext {
        final ManualTicker ticker = new ManualTicker();
        final List<String> updates = new ArrayList<>();

        @Override
        public FeatureModel model() {
            return HEATER;
        }

        @Override
        public Ticker ticker() {
            return ticker;
        }

        @Override
        public List<String> zones() {
            return List.of("Front", "Rear");
        }

        @Override
        public Object value(String property, String zone) {
            return null;
        }

        @Override
        public void update(String property, String zone, Object value) {
            updates.add(property + "@" + zone + "=" + value + " at " + ticker.nowMs());
        }

        @Override
        public void emit(String signal, String zone, Object payload) {
        }

        @Override
        public void onCall(String operation, CallHandler handler) {
        }

        @Override
        public Registration every(long periodMs, Runnable task) {
            return ticker.every(periodMs, task);
        }

        @Override
        public Object parse(String property, String text) {
            return null;
        }
    }

    @Test
    void shouldSetEachRecordedValueAtItsTimeOnVirtualTime() throws Exception {
        double[] offsets = record(folder.resolve("recording"));
        FakeSimulation simulation = new FakeSimulation();
        ReplayBehavior replay = ReplayBehavior.of("io.ifw.test.Heater", folder.resolve("recording"), 2, r -> { });

        replay.attach(simulation);

        assertThat(simulation.updates).containsExactly("target@Rear=18.0 at 0");
        long second = (long) Math.ceil(offsets[1] / 2);
        simulation.ticker.advance(second - 1);
        assertThat(simulation.updates).hasSize(1);
        simulation.ticker.advance(1);
        assertThat(simulation.updates).containsExactly("target@Rear=18.0 at 0", "target@Rear=19.5 at " + second);
        simulation.ticker.advance((long) Math.ceil(offsets[2] / 2));
        assertThat(simulation.updates).hasSize(3).last().asString().startsWith("target@Rear=22.0 at ");
        assertThat(replay.done().isDone()).isTrue();
        assertThat(replay.replayed()).isEqualTo(3);
        simulation.ticker.advance(10_000);
        assertThat(simulation.updates).hasSize(3);
    }

    @Test
    void shouldNameADirectoryWithoutARecordingAndABadSpeed() throws Exception {
        record(folder.resolve("recording"));
        assertThatThrownBy(() -> ReplayBehavior.of("io.ifw.test.Other", folder.resolve("recording"), 1, r -> { }))
                .hasMessage("the journal in " + folder.resolve("recording") + " has no recording of io.ifw.test.Other");
        assertThatThrownBy(() -> ReplayBehavior.of("io.ifw.test.Heater", folder.resolve("recording"), 0, r -> { }))
                .hasMessage("speed 0.0 is not above 0");
        assertThatThrownBy(() -> ReplayBehavior.of("io.ifw.test.Heater", folder.resolve("none"), 1, r -> { }))
                .hasMessage("there is no journal directory " + folder.resolve("none"));
    }
}
