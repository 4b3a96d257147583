package io.ifw.backend.simulator;

import io.ifw.core.Registration;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.SignalMember;
import io.ifw.core.spi.Ticker;
import io.ifw.core.spi.TickerLease;
import io.ifw.simulator.SimulationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One behaviour's view of one simulator; closing it removes the behaviour's handlers and tasks. */
final class BehaviorContext implements SimulationContext, AutoCloseable {

    private final SimulatorBackend simulator;
    private final TickerLease time;
    private final Map<String, CallHandler> handlers = new ConcurrentHashMap<>();
    private final List<Registration> tasks = new CopyOnWriteArrayList<>();

    BehaviorContext(SimulatorBackend simulator, TickerLease time) {
        this.simulator = simulator;
        this.time = time;
    }

    @Override
    public FeatureModel model() {
        return simulator.model();
    }

    @Override
    public Ticker ticker() {
        return time.ticker();
    }

    @Override
    public List<String> zones() {
        return simulator.zoneList();
    }

    @Override
    public Object value(String property, String zone) {
        return simulator.valueOf(model().property(property), zone);
    }

    @Override
    public void update(String property, String zone, Object value) {
        simulator.updateOf(model().property(property), zone, value);
    }

    @Override
    public void emit(String signal, String zone, Object payload) {
        if (!(model().member(signal) instanceof SignalMember member)) {
            throw new IllegalArgumentException("no signal '" + signal + "' in " + model().id());
        }
        simulator.emitOf(member, zone, payload);
    }

    @Override
    public void onCall(String operation, CallHandler handler) {
        model().operation(operation); // names an operation of the feature, or throws saying which ones there are
        handlers.put(operation, handler);
    }

    CallHandler handler(String operation) {
        return handlers.get(operation);
    }

    @Override
    public Registration every(long periodMs, Runnable task) {
        Registration registration = time.every(periodMs, task);
        tasks.add(registration);
        return registration;
    }

    @Override
    public Object parse(String property, String text) {
        return model().property(property).type().parse(text);
    }

    @Override
    public void close() {
        tasks.forEach(Registration::close);
        tasks.clear();
        handlers.clear();
    }
}
