package io.ifw.backend.simulator;

import io.ifw.core.Feature;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Ticker;
import io.ifw.core.spi.TickerLease;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.osgi.util.promise.Promise;
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

    private final TickerLease time;
    private final Map<SimulationBehavior, BehaviorContext> behaviors = new ConcurrentHashMap<>();

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
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Promise<Object> handleInvoke(OperationMember operation, String zone, Object[] arguments) throws Exception {
        for (BehaviorContext context : behaviors.values()) {
            SimulationContext.CallHandler handler = context.handler(operation.name());
            if (handler != null) {
                return (Promise<Object>) handler.call(zone, arguments);
            }
        }
        LOG.log(Level.INFO, "IFW: the simulator does not implement " + model().id() + "." + operation.name()
                + "; it resolves with the default of " + operation.result().displayName());
        return Promises.resolved(TypeDefaults.of(operation.result()));
    }
}
