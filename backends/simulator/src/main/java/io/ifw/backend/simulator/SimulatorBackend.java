package io.ifw.backend.simulator;

import io.ifw.core.model.ValueType;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureException;
import io.ifw.core.Registration;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.ModelCapability;
import io.ifw.core.model.ModelMember;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.ListModel;
import java.util.EnumSet;
import io.ifw.core.spi.Ticker;
import io.ifw.core.spi.TickerLease;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;
import org.osgi.util.promise.Promises;

/**
 * One backend that simulates any feature from its model and its simulation data: the data's zones,
 * per-zone defaults and constraints (which the base class enforces with Qt's constraint texts),
 * the annotations where the data says nothing, and writes stored as they are. An operation
 * resolves with its result type's default and a log line that it is not implemented, as Qt's
 * simulator does.
 */
final class SimulatorBackend extends AbstractBackend<Feature> {

    private static final System.Logger LOG = System.getLogger(SimulatorBackend.class.getName());
    private static final PromiseFactory INLINE = new PromiseFactory(PromiseFactory.inlineExecutor());

    private final TickerLease time;
    private final Map<SimulationBehavior, BehaviorContext> behaviors = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final Map<String, ListModel<Object>> lists = new ConcurrentHashMap<>();

    SimulatorBackend(Class<?> featureInterface, SimulationData data) {
        this(featureInterface, data, null);
    }

    /** A simulator on {@code ticker} (real time of its own when {@code null}). */
    @SuppressWarnings("unchecked")
    SimulatorBackend(Class<?> featureInterface, SimulationData data, Ticker ticker) {
        super((Class<Feature>) featureInterface);
        this.time = TickerLease.of(ticker, "ifw-simulator-" + model().id());
        apply(data);
    }

    /** Attaches a behaviour: its operation handlers and tasks apply until {@link #detach}. */
    void attach(SimulationBehavior behavior) {
        BehaviorContext context = new BehaviorContext(this, time);
        if (behaviors.putIfAbsent(behavior, context) == null) {
            behavior.attach(context);
        }
    }

    void detach(SimulationBehavior behavior) {
        BehaviorContext context = behaviors.remove(behavior);
        if (context != null) {
            context.close();
        }
    }

    /** Detaches every behaviour and stops the simulator's own clock. */
    void stop() {
        behaviors.keySet().forEach(this::detach);
        time.close();
    }

    // ----- fault injection -----

    /** Makes a property's value unavailable in a zone with a reason, or available again ({@code reason} null). */
    void unavailable(String property, String zone, String reason) {
        updateAvailability(model().property(property), zone, reason == null ? ValueAvailability.AVAILABLE
                : ValueAvailability.notAvailable(reason));
    }

    /** The next {@code count} writes or calls of {@code member} fail with {@code code}. */
    void failNext(String member, int count, ErrorCode code) {
        requireMember(member);
        faults.failNext(member, count, code);
    }

    /** Every write or call of {@code member} is answered {@code ms} later. */
    void latency(String member, long ms) {
        requireMember(member);
        faults.latency(member, ms);
    }

    void clearFaults(String member) {
        requireMember(member);
        faults.clear(member);
    }

    private void requireMember(String member) {
        if (model().member(member) == null) {
            throw new IllegalArgumentException("no member '" + member + "' in " + model().id());
        }
    }

    @Override
    protected Promise<Void> handleSet(PropertyMember property, String zone, Object value) throws Exception {
        FeatureException failure = faults.nextFailure(model().id(), property.name());
        if (failure != null) {
            return later(property.name(), Promises.failed(failure));
        }
        return later(property.name(), super.handleSet(property, zone, value));
    }

    /** {@code answer}, after the member's injected latency if it has one. */
    private <T> Promise<T> later(String member, Promise<T> answer) {
        long delayMs = faults.latencyMs(member);
        if (delayMs <= 0) {
            return answer;
        }
        // inline callbacks: the answer reaches the front end on the clock's tick, not on another thread
        Deferred<T> delayed = INLINE.deferred();
        Registration[] once = new Registration[1];
        once[0] = time.every(delayMs, () -> {
            once[0].close();
            answer.onResolve(() -> {
                try {
                    Throwable failure = answer.getFailure();
                    if (failure == null) {
                        delayed.resolve(answer.getValue());
                    } else {
                        delayed.fail(failure);
                    }
                } catch (InterruptedException | java.lang.reflect.InvocationTargetException e) {
                    delayed.fail(e);
                }
            });
        });
        return delayed.getPromise();
    }

    // what a BehaviorContext needs of the base class, by model member
    Object valueOf(PropertyMember property, String zone) {
        return value(property, zone);
    }

    void updateOf(PropertyMember property, String zone, Object value) {
        updateValue(property, zone, value);
    }

    void emitOf(io.ifw.core.model.SignalMember signal, String zone, Object payload) {
        emitSignal(signal, zone, payload);
    }

    List<String> zoneList() {
        return zones();
    }

    /** Takes (new) simulation data: zones, defaults and constraints; values already written stay where the data has no default. */
    synchronized void apply(SimulationData data) {
        if (model().isZoned() && !data.zones().isEmpty() && !data.zones().equals(zones())) {
            setZones(data.zones());
        }
        List<String> allZones = new ArrayList<>();
        allZones.add("");
        allZones.addAll(zones());
        for (PropertyMember property : model().properties()) {
            for (String zone : allZones) {
                updateAttribute(property, zone, data.attribute(property, zone));
                Object value = data.defaultValue(property, zone);
                if (value != null) {
                    updateValue(property, zone, value);
                }
            }
        }
        for (ModelMember member : model().models()) {
            List<Object> items = data.modelItems(member.name());
            ListModel<Object> list = lists.computeIfAbsent(member.name(), name -> new ListModel<>(EnumSet.of(ModelCapability.FILTERING,
                    ModelCapability.SORTING, ModelCapability.AND_CONJUNCTION, ModelCapability.OR_CONJUNCTION, ModelCapability.INSERT,
                    ModelCapability.REMOVE, ModelCapability.MOVE)));
            if (items != null) {
                list.replaceAll(items);
            }
        }
        data.applyFaults(this);
    }

    /** Every paging model is a list: the data's items, editable, with queries. */
    @Override
    protected ListModel<?> modelFor(ModelMember member, String zone, String contentType) {
        return lists.get(member.name());
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Promise<Object> handleInvoke(OperationMember operation, String zone, Object[] arguments) throws Exception {
        FeatureException failure = faults.nextFailure(model().id(), operation.name());
        if (failure != null) {
            return later(operation.name(), Promises.failed(failure));
        }
        for (BehaviorContext context : behaviors.values()) {
            SimulationContext.CallHandler handler = context.handler(operation.name());
            if (handler != null) {
                return later(operation.name(), (Promise<Object>) handler.call(zone, arguments));
            }
        }
        LOG.log(Level.INFO, "IFW: the simulator does not implement " + model().id() + "." + operation.name()
                + "; it resolves with the default of " + operation.result().displayName());
        return later(operation.name(), Promises.resolved(ValueType.defaultOf(operation.result())));
    }
}
