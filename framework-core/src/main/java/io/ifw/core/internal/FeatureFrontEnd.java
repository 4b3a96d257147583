package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ValueAvailability;
import io.ifw.core.internal.ListenerRegistry.Kind;
import io.ifw.core.internal.ListenerRegistry.Topic;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.ValueType;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.osgi.util.promise.Promise;

/**
 * The front end of one feature: what consumers see (values, availability, attributes, zones,
 * status) and the binding to one backend at a time, which can change under it without the
 * consumers' objects changing.
 *
 * <p>State handover: when a backend is bound, the values on show are kept, marked stale, until
 * the new backend's initial state is complete; then only the values that differ are changed and
 * notified. Calls in flight on a backend that goes away fail with BACKEND_GONE.
 *
 * <p>Threading: one lock guards the state; notifications are collected under it and delivered
 * after it is released, on the feature's serial executor (or directly, in direct mode).
 */
final class FeatureFrontEnd {

    private final FeatureModel model;
    private final Executor delivery;
    private final boolean direct;
    private final ScheduledExecutorService timer;
    private volatile long callTimeoutMs;
    private final ListenerRegistry listeners = new ListenerRegistry();
    private final Object lock = new Object();
    /** What consumers see, per zone: the one state type ({@link StateTable}), with a front end's defaults. */
    private final StateTable shown;
    private List<String> zoneNames;
    private Binding binding;
    private long generation;
    private boolean updatesEnabled = true;
    /** Whether a backend was ever bound: every binding after the first is a swap, with or without a gap. */
    private boolean everBound;
    private volatile FeatureStatus status;
    private final Map<Long, ModelInstanceImpl> modelInstances = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong NEXT_MODEL_INSTANCE = new java.util.concurrent.atomic.AtomicLong();

    FeatureFrontEnd(FeatureModel model, DiscoveryMode mode, Executor delivery, boolean direct,
                    ScheduledExecutorService timer, long callTimeoutMs) {
        this.model = model;
        this.delivery = delivery;
        this.direct = direct;
        this.timer = timer;
        this.callTimeoutMs = callTimeoutMs;
        this.zoneNames = model.defaultZones();
        this.shown = StateTable.of(model, (zone, slots) -> {
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                slots.setAttribute(slot, property.initialAttribute(zone));
                if (property.defaultValue() != null) {
                    slots.put(slot, property.defaultValue());
                    slots.setAvailability(slot, ValueAvailability.stale("the interface default; no backend has reported a value"));
                } else {
                    slots.setAvailability(slot, ValueAvailability.notAvailable("no backend has reported a value"));
                }
            }
        });
        this.status = new FeatureStatus(model.id(), false, false, null, mode,
                mode == DiscoveryMode.NONE ? DiscoveryResult.NO_RESULT : DiscoveryResult.NO_BACKEND_FOUND,
                ConnectionStatus.NEVER_CONNECTED, null, 0, "created");
    }

    FeatureModel model() {
        return model;
    }

    ListenerRegistry listeners() {
        return listeners;
    }

    FeatureStatus status() {
        return status;
    }

    long callTimeoutMs() {
        return callTimeoutMs;
    }

    /** Changes the timeout of calls made from now on. */
    void callTimeoutMs(long timeoutMs) {
        this.callTimeoutMs = timeoutMs;
    }

    /** The candidate bound now, or {@code null}. */
    BackendCandidate boundCandidate() {
        synchronized (lock) {
            return binding == null ? null : binding.candidate;
        }
    }

    // ----- binding -----

    /**
     * Binds {@code candidate} (unless it is bound already), replacing the current backend. Must
     * not be called concurrently for one front end (the binder serializes it).
     */
    void bind(BackendCandidate candidate, DiscoveryResult result, String reason) {
        Binding previous;
        Binding next;
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            if (binding != null && binding.candidate.sameBackend(candidate)) {
                if (status.discoveryResult() != result || !binding.candidate.info().equals(candidate.info())) {
                    setStatus(withResult(result), notifications);
                }
                previous = null;
                next = null;
            } else {
                previous = binding;
                next = new Binding(candidate, ++generation, model);
                binding = next;
                markStale("backend " + candidate.info().name() + " is taking over", notifications);
                String change = (previous == null ? "bound " : "swapped from " + previous.backendName() + " to ")
                        + candidate.info().name() + ": " + reason;
                setStatus(new FeatureStatus(model.id(), true, false, candidate.info(), status.discoveryMode(), result,
                        ConnectionStatus.NEVER_CONNECTED, null, status.swaps() + (everBound ? 1 : 0), change),
                        notifications);
                everBound = true;
            }
        }
        deliver(notifications);
        if (next == null) {
            return;
        }
        if (previous != null) {
            previous.close("replaced by " + candidate.info().name() + ": " + reason);
        }
        connect(next);
        // model instances are opened again on the new backend, and report a RESET
        modelInstances.values().forEach(ModelInstanceImpl::open);
    }

    private void connect(Binding next) {
        BackendConnection connection;
        try {
            connection = next.candidate.backend().connect(new BindingListener(this, next));
        } catch (RuntimeException e) {
            FeatureException failure = new FeatureException(ErrorCode.UNKNOWN, "backend " + next.backendName()
                    + " of " + model.id() + " failed to connect: " + e, e);
            next.connectFailed(failure);
            unbindIfCurrent(next, DiscoveryResult.ERROR_WHILE_LOADING, failure.error());
            return;
        }
        next.connected(connection);
    }

    private void unbindIfCurrent(Binding failed, DiscoveryResult result, FeatureError error) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            if (binding != failed) {
                return;
            }
            binding = null;
            markStale("no backend", notifications);
            setStatus(new FeatureStatus(model.id(), false, false, null, status.discoveryMode(), result,
                    ConnectionStatus.of(ConnectionStatus.State.DISCONNECTED, error.message()), error, status.swaps(),
                    error.message()), notifications);
        }
        deliver(notifications);
        failed.close(error.message());
    }

    /**
     * No backend is bound while the best one waits for something (its journaled state): the
     * feature is not valid yet, and its status says what it waits for.
     */
    void hold(String waitingFor) {
        Binding previous;
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            previous = binding;
            binding = null;
            if (previous != null) {
                markStale("backend " + previous.backendName() + " is gone", notifications);
            }
            ConnectionStatus connection = ConnectionStatus.of(previous == null ? ConnectionStatus.State.NEVER_CONNECTED
                    : ConnectionStatus.State.DISCONNECTED, waitingFor);
            FeatureStatus next = new FeatureStatus(model.id(), false, false, null, status.discoveryMode(), DiscoveryResult.NO_RESULT,
                    connection, null, status.swaps(), waitingFor);
            if (!next.equals(status)) {
                setStatus(next, notifications);
            }
        }
        deliver(notifications);
        if (previous != null) {
            previous.close(waitingFor);
        }
    }

    /** Unbinds the current backend, if any; values stay, marked stale. */
    void unbind(DiscoveryResult result, FeatureError error, String reason) {
        Binding previous;
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            previous = binding;
            binding = null;
            if (previous != null) {
                markStale("backend " + previous.backendName() + " is gone", notifications);
            }
            ConnectionStatus connection;
            if (error != null && error.code() == ErrorCode.INCOMPATIBLE) {
                connection = ConnectionStatus.of(ConnectionStatus.State.INCOMPATIBLE, error.message());
            } else {
                connection = previous == null ? status.connection() : ConnectionStatus.of(ConnectionStatus.State.DISCONNECTED, reason);
            }
            FeatureStatus next = new FeatureStatus(model.id(), false, false, null, status.discoveryMode(), result,
                    connection, error, status.swaps(), previous == null ? status.lastChange() : "unbound "
                    + previous.backendName() + ": " + reason);
            if (!next.equals(status)) {
                setStatus(next, notifications);
            }
        }
        deliver(notifications);
        if (previous != null) {
            previous.close(reason);
        }
    }

    /** Records the discovery mode in force (configuration changes). */
    void discoveryModeChanged(DiscoveryMode mode) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            if (status.discoveryMode() != mode) {
                FeatureStatus s = status;
                setStatus(new FeatureStatus(s.featureId(), s.valid(), s.initialized(), s.backend(), mode, s.discoveryResult(),
                        s.connection(), s.error(), s.swaps(), s.lastChange()), notifications);
            }
        }
        deliver(notifications);
    }

    // ----- events from the bound backend (BindingListener) -----

    /** Runs {@code change} under the lock if {@code source} is still the bound backend, then delivers. */
    void onBackendEvent(Binding source, BackendEvent change) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            if (binding != source) {
                return; // a late report of a backend that was replaced
            }
            change.apply(source, notifications);
        }
        deliver(notifications);
    }

    /** A change made under the front end's lock, collecting the notifications it causes. */
    interface BackendEvent {
        void apply(Binding source, List<Runnable> notifications);
    }

    void backendValue(Binding source, int slot, String zone, Object value, List<Runnable> notifications) {
        StateTable.Zone shadow = source.shadow(zone);
        shadow.put(slot, value);
        shadow.setAvailability(slot, ValueAvailability.AVAILABLE);
        if (isLive(source)) {
            show(slot, zone, value, ValueAvailability.AVAILABLE, notifications);
        }
    }

    void backendAvailability(Binding source, int slot, String zone, ValueAvailability availability, List<Runnable> notifications) {
        source.shadow(zone).setAvailability(slot, availability);
        if (isLive(source)) {
            StateTable.Zone state = shown.find(zone);
            if (state != null) {
                showAvailability(state, slot, zone, availability, notifications);
            }
        }
    }

    void backendAttribute(int slot, String zone, Attribute<?> attribute, List<Runnable> notifications) {
        StateTable.Zone state = shown.find(zone);
        if (state != null && state.setAttribute(slot, attribute)) {
            listeners.collect(Topic.of(Kind.ATTRIBUTE, slot, zone), attribute, notifications);
        }
    }

    void backendZones(List<String> names, List<Runnable> notifications) {
        List<String> copy = List.copyOf(names);
        if (copy.equals(zoneNames)) {
            return;
        }
        zoneNames = copy;
        shown.setZoneNames(copy);
        listeners.collect(Topic.ZONES, copy, notifications);
    }

    void backendSignal(Binding source, int slot, String zone, Object payload, List<Runnable> notifications) {
        if (isLive(source)) {
            listeners.collect(Topic.of(Kind.SIGNAL, slot, zone), payload, notifications);
        }
    }

    void backendInitialized(Binding source, List<Runnable> notifications) {
        source.initialized = true;
        if (updatesEnabled) {
            catchUp(source, notifications);
        }
        FeatureStatus s = status;
        setStatus(new FeatureStatus(s.featureId(), true, true, s.backend(), s.discoveryMode(), s.discoveryResult(),
                s.connection(), s.error(), s.swaps(), s.lastChange()), notifications);
    }

    void backendConnection(ConnectionStatus connection, List<Runnable> notifications) {
        FeatureStatus s = status;
        setStatus(new FeatureStatus(s.featureId(), s.valid(), s.initialized(), s.backend(), s.discoveryMode(),
                s.discoveryResult(), connection, s.error(), s.swaps(), s.lastChange()), notifications);
    }

    void backendError(FeatureError error, List<Runnable> notifications) {
        FeatureStatus s = status;
        if (!Objects.equals(s.error(), error)) {
            setStatus(new FeatureStatus(s.featureId(), s.valid(), s.initialized(), s.backend(), s.discoveryMode(),
                    s.discoveryResult(), s.connection(), error, s.swaps(), s.lastChange()), notifications);
        }
    }

    private boolean isLive(Binding source) {
        return source.initialized && updatesEnabled;
    }

    /** Shows the backend's reported state; notifies only what differs from what was shown. */
    private void catchUp(Binding source, List<Runnable> notifications) {
        String staleReason = "not provided by backend " + source.backendName();
        for (String zone : shown.slotZones()) {
            StateTable.Zone state = shown.zone(zone);
            StateTable.Zone shadow = source.shadow.find(zone);
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                if (shadow != null && shadow.has(slot)) {
                    ValueAvailability availability = shadow.availability(slot) == null ? ValueAvailability.AVAILABLE
                            : shadow.availability(slot);
                    show(slot, zone, shadow.value(slot), availability, notifications);
                } else if (shadow != null && shadow.availability(slot) != null) {
                    showAvailability(state, slot, zone, shadow.availability(slot), notifications);
                } else if (!state.availability(slot).isAvailable()) {
                    showAvailability(state, slot, zone, state.has(slot) ? ValueAvailability.stale(staleReason)
                            : ValueAvailability.notAvailable(staleReason), notifications);
                }
            }
        }
    }

    private void show(int slot, String zone, Object value, ValueAvailability availability, List<Runnable> notifications) {
        StateTable.Zone state = shown.find(zone);
        if (state == null) {
            return;
        }
        if (state.put(slot, value)) {
            listeners.collect(Topic.of(Kind.VALUE, slot, zone), value, notifications);
        }
        showAvailability(state, slot, zone, availability, notifications);
    }

    private void showAvailability(StateTable.Zone state, int slot, String zone, ValueAvailability availability,
                                  List<Runnable> notifications) {
        if (state.setAvailability(slot, availability)) {
            listeners.collect(Topic.of(Kind.AVAILABILITY, slot, zone), availability, notifications);
        }
    }

    private void markStale(String reason, List<Runnable> notifications) {
        ValueAvailability stale = ValueAvailability.stale(reason);
        for (String zone : shown.slotZones()) {
            StateTable.Zone state = shown.zone(zone);
            for (PropertyMember property : model.properties()) {
                int slot = property.index();
                // a value already stale keeps the reason it became stale for
                if (state.has(slot) && state.availability(slot).state() != ValueAvailability.State.STALE) {
                    showAvailability(state, slot, zone, stale, notifications);
                }
            }
        }
    }

    private FeatureStatus withResult(DiscoveryResult result) {
        FeatureStatus s = status;
        return new FeatureStatus(s.featureId(), s.valid(), s.initialized(), binding.candidate.info(), s.discoveryMode(),
                result, s.connection(), s.error(), s.swaps(), s.lastChange());
    }

    private void setStatus(FeatureStatus next, List<Runnable> notifications) {
        status = next;
        listeners.collect(Topic.STATUS, next, notifications);
    }

    private void deliver(List<Runnable> notifications) {
        for (Runnable notification : notifications) {
            if (direct) {
                notification.run();
            } else {
                delivery.execute(notification);
            }
        }
    }

    // ----- what views read -----

    List<String> zoneNames() {
        synchronized (lock) {
            return zoneNames;
        }
    }

    boolean hasZone(String zone) {
        synchronized (lock) {
            return shown.hasZone(zone);
        }
    }

    Object value(int slot, String zone) {
        synchronized (lock) {
            StateTable.Zone state = shown.find(zone);
            return state == null ? null : state.value(slot);
        }
    }

    ValueAvailability availability(int slot, String zone) {
        synchronized (lock) {
            StateTable.Zone state = shown.find(zone);
            return state == null ? ValueAvailability.notAvailable("zone '" + zone + "' no longer exists") : state.availability(slot);
        }
    }

    Attribute<?> attribute(int slot, String zone) {
        synchronized (lock) {
            StateTable.Zone state = shown.find(zone);
            return state == null ? Attribute.unsupported() : state.attribute(slot);
        }
    }

    boolean backendUpdatesEnabled() {
        synchronized (lock) {
            return updatesEnabled;
        }
    }

    void setBackendUpdatesEnabled(boolean enabled) {
        List<Runnable> notifications = new ArrayList<>();
        synchronized (lock) {
            if (updatesEnabled == enabled) {
                return;
            }
            updatesEnabled = enabled;
            if (enabled && binding != null && binding.initialized) {
                catchUp(binding, notifications);
            }
        }
        deliver(notifications);
    }

    // ----- requests -----

    Promise<Void> set(PropertyMember property, String zone, Object value) {
        String description = "set " + property.name() + describeZone(zone) + " of " + model.id();
        if (property.readOnly()) {
            return failed(ErrorCode.INVALID_OPERATION, description + ": " + property.name() + " is read-only");
        }
        Object checked = coerce(property.type(), value);
        if (!property.type().accepts(checked)) {
            return failed(ErrorCode.INVALID_ARGUMENT, description + ": " + property.name() + " takes "
                    + property.type().displayName() + ", not " + ValueType.describe(value));
        }
        FeatureError violation = attributeViolation(property, zone, checked);
        if (violation != null) {
            return failed(violation.code(), WriteRefusals.message(property, model.id(), zone, checked, violation));
        }
        return send(zone, description, connection -> connection.set(property.index(), zone, checked));
    }

    /**
     * What the bound backend's current attribute of {@code property} in {@code zone} (its range,
     * domain, support, live as the backend reports them) says of {@code value}: checked here, so an
     * out-of-range write fails at once with no round trip, whatever the backend. {@code null} when
     * the value passes, when there is no backend or no such zone (the request reports those), or
     * while a new backend's initial state is not in.
     */
    private FeatureError attributeViolation(PropertyMember property, String zone, Object value) {
        synchronized (lock) {
            StateTable.Zone state = shown.find(zone);
            if (binding == null || !binding.initialized || state == null) {
                return null; // no backend, or its attributes are not in yet (a swap): the backend checks
            }
            Attribute<?> attribute = state.attribute(property.index());
            return attribute == null ? null : attribute.check(value);
        }
    }

    Promise<Object> invoke(OperationMember operation, String zone, Object[] arguments) {
        String description = "call " + operation.name() + describeZone(zone) + " of " + model.id();
        Object[] args = arguments == null ? new Object[0] : arguments.clone();
        for (int i = 0; i < args.length && i < operation.parameters().size(); i++) {
            OperationMember.Parameter parameter = operation.parameters().get(i);
            args[i] = coerce(parameter.type(), args[i]);
            if (!parameter.type().accepts(args[i])) {
                return failed(ErrorCode.INVALID_ARGUMENT, description + ": " + parameter.name() + " takes "
                        + parameter.type().displayName() + ", not " + ValueType.describe(arguments[i]));
            }
        }
        return send(zone, description, connection -> connection.invoke(operation.index(), zone, args));
    }

    /** Sends a checked request to the bound backend; fails at once for an unknown zone or no backend. */
    private <T> Promise<T> send(String zone, String description, Function<BackendConnection, Promise<? extends T>> request) {
        Binding current;
        synchronized (lock) {
            if (!shown.hasZone(zone)) {
                return failed(unknownZone(zone, description));
            }
            current = binding;
        }
        if (current == null) {
            return failed(noBackend(description));
        }
        long perCallMs = CallTimeout.currentMs(0);
        return current.call(request, description, timer, perCallMs > 0 ? perCallMs : callTimeoutMs, perCallMs > 0);
    }

    /** Must be called with the lock held. */
    private FeatureException unknownZone(String zone, String description) {
        return new FeatureException(ErrorCode.INVALID_ZONE, description + ": unknown zone '" + zone + "' for " + model.id()
                + " (zones: " + zoneNames + ")");
    }

    private FeatureException noBackend(String description) {
        FeatureStatus s = status;
        return new FeatureException(ErrorCode.NO_BACKEND, description + ": no backend is bound (discovery mode "
                + s.discoveryMode() + ", result " + s.discoveryResult() + (s.error() == null ? "" : ", " + s.error()) + ")");
    }

    private static String describeZone(String zone) {
        return zone.isEmpty() ? "" : " in zone " + zone;
    }

    private static Object coerce(ValueType type, Object value) {
        return type instanceof ScalarType scalar ? scalar.coerce(value) : value;
    }

    private static <T> Promise<T> failed(ErrorCode code, String message) {
        return failed(new FeatureException(code, message));
    }

    private static <T> Promise<T> failed(FeatureException failure) {
        return Promising.FACTORY.failed(failure);
    }

    /** Releases everything an owner (a consuming bundle, a handle) registered, and closes its model instances. */
    void releaseOwner(Object owner) {
        listeners.removeOwner(owner);
        for (ModelInstanceImpl instance : List.copyOf(modelInstances.values())) {
            if (instance.owner() == owner) {
                instance.close();
            }
        }
    }

    // ----- paging models -----

    ModelInstanceImpl openModel(io.ifw.core.model.ModelMember member, String zone, io.ifw.core.ModelOptions options, Object owner) {
        ModelInstanceImpl instance = new ModelInstanceImpl(this, member, zone, options, NEXT_MODEL_INSTANCE.incrementAndGet(), owner);
        modelInstances.put(instance.id(), instance);
        instance.open();
        return instance;
    }

    void closeModel(ModelInstanceImpl instance) {
        modelInstances.remove(instance.id());
        Binding current;
        synchronized (lock) {
            current = binding;
        }
        if (current != null) {
            current.ifConnected(connection -> connection.closeModel(instance.id()));
        }
    }

    /** Sends a model request like a write or call: checked zone, no-backend failure, timeout, BACKEND_GONE. */
    <T> Promise<T> sendModel(String zone, String description, Function<BackendConnection, Promise<? extends T>> request) {
        return send(zone, description + " of " + model.id(), request);
    }

    /** Hands a backend's model change to its instance, unless the backend was replaced meanwhile. */
    void backendModelChanged(Binding source, long instance, io.ifw.core.ModelChange change) {
        synchronized (lock) {
            if (binding != source) {
                return;
            }
        }
        ModelInstanceImpl target = modelInstances.get(instance);
        if (target != null) {
            target.backendChanged(change);
        }
    }

    /** Delivers notifications collected outside the front end's own lock (model instances). */
    void deliverNow(List<Runnable> notifications) {
        deliver(notifications);
    }

    /** Runs {@code task} later on the runtime's timer thread, off the caller's stack. */
    void later(Runnable task) {
        timer.execute(task);
    }

    int openModelInstances() {
        return modelInstances.size();
    }

    /** For tests and status: calls in flight on the bound backend. */
    int inFlightCount() {
        synchronized (lock) {
            return binding == null ? 0 : binding.inFlightCount();
        }
    }
}
