package io.ifw.journal.internal;

import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.Registration;
import io.ifw.core.model.Member;
import io.ifw.core.model.PropertyMember;
import io.ifw.journal.Replay;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * A recording replayed through a feature's simulator: attached to the simulator as a
 * {@link SimulationBehavior}, it sets each recorded value at its recorded time divided by the
 * speed, on the simulator's clock (real time, or a test's virtual time).
 */
final class ReplayBehavior implements SimulationBehavior, Replay {

    private static final System.Logger LOG = System.getLogger(ReplayBehavior.class.getName());

    /** One recorded value: when (ms after the recording's first value), which member, zone, and its bytes. */
    record Step(double atMs, String member, String zone, byte[] value) {
    }

    private final String featureId;
    private final List<Step> steps;
    private final double speed;
    private final Consumer<ReplayBehavior> onClose;
    private final AtomicInteger replayed = new AtomicInteger();
    private final Deferred<Void> done = new Deferred<>();
    private final List<Registration> ticks = new CopyOnWriteArrayList<>();
    volatile ServiceRegistration<SimulationBehavior> registration;
    private volatile boolean closed;

    ReplayBehavior(String featureId, List<Step> steps, double speed, Consumer<ReplayBehavior> onClose) {
        this.featureId = featureId;
        this.steps = List.copyOf(steps);
        this.speed = speed;
        this.onClose = onClose;
    }

    /**
     * The replay of a recording in a directory.
     *
     * @throws IllegalArgumentException naming a directory without a recording of the feature, or a bad speed
     */
    static ReplayBehavior of(String featureId, Path directory, double speed, Consumer<ReplayBehavior> onClose) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed " + speed + " is not above 0");
        }
        List<Step> steps = new ArrayList<>();
        try (ChronicleQueue queue = Queues.openForReading(directory)) {
            long[] first = {-1};
            Queues.withChronicleLoader(() -> JournalReader.scan(queue, 0, entry -> {
                JournalRecord record = entry.record();
                if (record.type() == JournalRecord.VALUE && record.featureId().equals(featureId)
                        && record.source().equals(RecorderService.FRONT_END)) {
                    if (first[0] < 0) {
                        first[0] = record.monoNs();
                    }
                    steps.add(new Step((record.monoNs() - first[0]) / 1e6, record.member(), record.zone(), record.payload()));
                }
            }));
        } catch (JournalException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the journal in " + directory + " has no recording of " + featureId);
        }
        return new ReplayBehavior(featureId, steps, speed, onClose);
    }

    @Override
    public void attach(SimulationContext simulation) {
        FeatureCodec codec = new FeatureCodec(simulation.model());
        long start = simulation.ticker().nowMs();
        int[] next = {0};
        int[] skipped = {0};
        Registration[] tick = new Registration[1];
        Runnable step = () -> {
            double elapsed = (simulation.ticker().nowMs() - start) * speed;
            synchronized (next) {
                while (next[0] < steps.size() && steps.get(next[0]).atMs() <= elapsed && !closed) {
                    apply(simulation, codec, steps.get(next[0]), skipped);
                    next[0]++;
                    replayed.incrementAndGet();
                }
                if ((next[0] >= steps.size() || closed) && tick[0] != null) {
                    tick[0].close();
                    tick[0] = null;
                    if (skipped[0] > 0) {
                        LOG.log(Level.WARNING, "IFW: the replay of " + featureId + " skipped " + skipped[0] + " values it could not set");
                    }
                    done.resolve(null);
                }
            }
        };
        synchronized (next) {
            tick[0] = simulation.every(1, step);
            ticks.add(tick[0]);
        }
        step.run();
    }

    private static void apply(SimulationContext simulation, FeatureCodec codec, Step recorded, int[] skipped) {
        Member member = simulation.model().member(recorded.member());
        if (!(member instanceof PropertyMember property)) {
            skipped[0]++;
            return;
        }
        try {
            Object value = codec.value(property.index(), new UnsafeBuffer(recorded.value()), 0, recorded.value().length);
            simulation.update(property.name(), recorded.zone(), value);
        } catch (CodecException | IllegalArgumentException e) {
            skipped[0]++;
        }
    }

    @Override
    public String featureId() {
        return featureId;
    }

    @Override
    public int total() {
        return steps.size();
    }

    @Override
    public int replayed() {
        return replayed.get();
    }

    @Override
    public Promise<Void> done() {
        return done.getPromise();
    }

    @Override
    public void close() {
        closed = true;
        ticks.forEach(Registration::close);
        ServiceRegistration<SimulationBehavior> current = registration;
        if (current != null) {
            try {
                current.unregister();
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        onClose.accept(this);
    }
}
