package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link BackendListener} as a reader of a {@link ChangeLog}: its first snapshot is the initial
 * push (ending with {@link BackendListener#initialized()}), a resync re-pushes everything after
 * {@link BackendListener#resynced}, and changes are reported in sequence order. This is how a
 * front end connected through {@link Backend#connect} is told of an {@link AbstractBackend}'s
 * changes, and how a backend that keeps its state in a log of its own (a remote one) serves its
 * connections.
 *
 * <p>Without an executor it is drained by whichever thread finds it free after appending (the
 * writer helps, outside the lock); a thread that finds another draining it goes on, and the
 * drainer picks up what it appended before giving its turn back. With an executor, the writer only
 * hands the executor one drain at a time (a writer that must not run listener code, such as an
 * Aeron agent, uses one). Either way the listener is called by one thread at a time, in order,
 * never under the log's lock, and a listener that is slow on one thread does not hold up writers
 * on others.
 */
public final class ListenerReader implements ChangeLog.Handler {

    private static final int BATCH = 256;

    private final FeatureModel model;
    private final BackendListener listener;
    private final ChangeLog.Reader reader;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final java.util.concurrent.Executor deliverOn;
    private boolean initialized;

    ListenerReader(ChangeLog log, FeatureModel model, BackendListener listener, String name) {
        this(log, model, listener, name, null);
    }

    private ListenerReader(ChangeLog log, FeatureModel model, BackendListener listener, String name,
                           java.util.concurrent.Executor deliverOn) {
        this.model = model;
        this.listener = listener;
        this.deliverOn = deliverOn;
        this.reader = log.reader(name, false, deliverOn == null ? this::drain : this::schedule);
    }

    /**
     * Attaches {@code listener} to {@code log}: it is told the state as of now on the calling
     * thread (the one connecting, as {@link Backend#connect} promises), then every change on
     * {@code deliverOn}. Close it to detach.
     *
     * @param deliverOn where the listener is told of changes; never the writer's thread
     */
    public static ListenerReader attach(ChangeLog log, FeatureModel model, BackendListener listener, String name,
                                        java.util.concurrent.Executor deliverOn) {
        ListenerReader reader = new ListenerReader(log, model, listener, name, java.util.Objects.requireNonNull(deliverOn, "deliverOn"));
        reader.drain();
        return reader;
    }

    /** Hands the executor one drain, unless one is waiting to run already. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            deliverOn.execute(() -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    BackendListener listener() {
        return listener;
    }

    ChangeLog.Reader reader() {
        return reader;
    }

    /** Delivers what is there, unless another thread is delivering (it will deliver it). */
    void drain() {
        while (reader.hasWork()) {
            if (!draining.compareAndSet(false, true)) {
                return;
            }
            try {
                while (reader.poll(this, BATCH) > 0) {
                    // until nothing is left
                }
            } finally {
                draining.set(false);
            }
            // a writer that found us draining after our last poll left its change to us: look again
        }
    }

    /** Detaches the listener: it is told nothing more. */
    public void close() {
        reader.close();
    }

    @Override
    public void snapshot(long sequence, StateTable state, String reason) {
        boolean resync = initialized;
        if (resync) {
            listener.resynced(reason);
        }
        if (model.isZoned()) {
            listener.zonesChanged(state.zoneNames());
        }
        for (String zone : state.slotZones()) {
            StateTable.Zone slots = state.zone(zone);
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                Attribute<?> attribute = slots.attribute(slot);
                if (attribute != null) {
                    listener.attributeChanged(slot, zone, attribute);
                }
                if (slots.has(slot)) {
                    listener.valueChanged(slot, zone, slots.value(slot));
                }
                ValueAvailability availability = slots.availability(slot);
                if (availability != null && (resync || !availability.isAvailable())) {
                    listener.availabilityChanged(slot, zone, availability);
                }
            }
        }
        listener.connectionChanged(state.connection());
        if (state.error() != null || resync) {
            listener.errorChanged(state.error());
        }
        if (!resync) {
            initialized = true;
            listener.initialized();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void change(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
        switch (kind) {
            case ZONES -> listener.zonesChanged((List<String>) value);
            case VALUE -> listener.valueChanged(member, zone, value);
            case AVAILABILITY -> listener.availabilityChanged(member, zone, (ValueAvailability) value);
            case ATTRIBUTE -> listener.attributeChanged(member, zone, (Attribute<?>) value);
            case SIGNAL -> listener.signalled(member, zone, value);
            case CONNECTION -> listener.connectionChanged((ConnectionStatus) value);
            case ERROR -> listener.errorChanged((FeatureError) value);
        }
    }
}
