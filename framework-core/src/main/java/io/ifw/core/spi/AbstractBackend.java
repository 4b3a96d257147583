package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureError;
import io.ifw.core.FeatureException;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Signal;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SignalMember;
import io.ifw.core.model.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * The base class of a backend: one typed class per feature. It keeps the state (values,
 * attributes and availability per zone), pushes it to every front end that connects, broadcasts
 * changes, and checks every write before it reaches the backend's logic — zone, type, support,
 * range and domain — failing it with {@link ErrorCode#INVALID_ZONE}, {@link
 * ErrorCode#INVALID_ARGUMENT}, {@link ErrorCode#UNSUPPORTED} or {@link ErrorCode#OUT_OF_RANGE}
 * and a message that names the constraint.
 *
 * <p>Members are named by method references on the feature interface, never by index:
 * <pre>{@code
 * public final class LocalClimate extends AbstractBackend<ClimateControl> {
 *     public LocalClimate() {
 *         super(ClimateControl.class);
 *         update(ClimateControl::outsideTemperature, 12.5);
 *         onSet(ClimateControl::targetTemperature, (zone, celsius) -> {
 *             hvac.setTarget(zone, celsius);
 *             update(ClimateControl::targetTemperature, zone, celsius);
 *             return Promises.resolved(null);
 *         });
 *     }
 *
 *     // implements the operation resetToDefaults(); may also take the zone as first parameter
 *     public Promise<Void> resetToDefaults() { ... }
 * }
 * }</pre>
 * A property without a set handler stores what is written. An operation is implemented by a
 * public method of the same name taking {@code (String zone, parameters...)} or
 * {@code (parameters...)}; one that is not fails with {@link ErrorCode#INVALID_OPERATION}.
 * Generic backends (the simulator, remote relays) override {@link #handleSet} and
 * {@link #handleInvoke} instead.
 *
 * <p>State and changes: the state lives in one {@link StateTable}; every change gets the next
 * sequence number in the backend's {@link ChangeLog}, which front ends, the journal and remote
 * exporters read with their own cursors. A front end connected with {@link #connect} is told of
 * changes in the order they were made, never under this backend's lock (see {@link ListenerReader});
 * where a journal reads the log durably, a write is acknowledged only once the journal holds it.
 *
 * <p>Threading: all methods are thread-safe.
 *
 * @param <F> the feature interface served
 */
public abstract class AbstractBackend<F extends Feature> implements Backend {

    private final Class<F> featureType;
    private final FeatureModel model;
    private final MemberRecorder<F> members;
    private final OperationMethods operations;
    final Object lock = new Object();
    final StateTable state;
    final ChangeLog log;
    final List<ListenerReader> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, SetHandler<Object>> setHandlers = new ConcurrentHashMap<>();
    private final Map<Integer, ListModel<?>> models = new ConcurrentHashMap<>();
    /** Held for the whole of a recovery, so that a second caller waits until the first is done. */
    private final Object recoveryLock = new Object();
    private volatile boolean recoveryDone;

    /**
     * @throws io.ifw.core.model.FeatureModelException when the interface is not a valid feature
     * @throws IllegalArgumentException when a method named like an operation does not fit it
     */
    protected AbstractBackend(Class<F> featureType) {
        this(featureType, ChangeLog.DEFAULT_CAPACITY);
    }

    /**
     * @param changeLogCapacity how many changes the backend's {@link ChangeLog} keeps for readers
     *                          that lag (a reader further behind is resynced with a snapshot)
     * @throws io.ifw.core.model.FeatureModelException when the interface is not a valid feature
     * @throws IllegalArgumentException when a method named like an operation does not fit it
     */
    protected AbstractBackend(Class<F> featureType, int changeLogCapacity) {
        this.featureType = Objects.requireNonNull(featureType, "featureType");
        this.model = FeatureModel.of(featureType);
        this.members = new MemberRecorder<>(featureType, model);
        this.operations = new OperationMethods(getClass(), model);
        this.state = StateTable.withDefaults(model);
        this.log = new ChangeLog(lock, state, changeLogCapacity);
    }

    /**
     * The backend's change log: its state and its sequenced changes, for readers that keep their
     * own cursor (the journal, remote exporters, gateways).
     */
    public final ChangeLog changeLog() {
        return log;
    }

    @Override
    public final FeatureModel model() {
        return model;
    }

    /** The feature interface this backend serves. */
    protected final Class<F> featureType() {
        return featureType;
    }

    /** Whether {@link #recover} has completed (state recovery is asked once per backend instance). */
    public final boolean recovered() {
        return recoveryDone;
    }

    /** How many front ends are connected now. */
    public final int connectionCount() {
        return listeners.size();
    }

    @Override
    public final BackendConnection connect(BackendListener listener) {
        Objects.requireNonNull(listener, "listener");
        ListenerReader reader = new ListenerReader(log, model, listener, "listener " + listener.getClass().getSimpleName());
        listeners.add(reader);
        reader.drain(); // the initial push, on the caller's thread
        return new BackendConnectionImpl(this, listener);
    }

    /**
     * A connection for calls and paging models only, for a reader that takes the state from the
     * {@link #changeLog()} with its own cursor (a remote exporter, a gateway): {@code modelListener}
     * is told only {@link BackendListener#modelChanged} of the instances it opens.
     */
    public final BackendConnection connectForCalls(BackendListener modelListener) {
        return new BackendConnectionImpl(this, Objects.requireNonNull(modelListener, "modelListener"));
    }

    void disconnect(BackendListener listener) {
        for (ListenerReader reader : listeners) {
            if (reader.listener() == listener) {
                listeners.remove(reader);
                reader.close();
            }
        }
    }

    /**
     * Restores what a {@link StateRecovery} journaled for this backend under its name (its
     * {@code ifw.backend.name}): the zones and the last value of every property it can read. The
     * runtime calls it once, before any front end or journal connects, when a recovery service is
     * there or expected (see {@code docs/journal.md}); a backend created outside a framework may
     * call it itself. Only the first call restores anything.
     *
     * @param backendName the name the backend is registered under: state is given back only to
     *                    the backend of that name that wrote it, whatever its class is called now
     * @return the number of values restored (0 for every call after the first)
     */
    public final int recover(StateRecovery recovery, String backendName) {
        synchronized (recoveryLock) {
            if (recoveryDone) {
                return 0;
            }
            try {
                return restore(recovery, backendName);
            } finally {
                recoveryDone = true; // only now: whoever asks meanwhile waits, and never binds a half-restored backend
            }
        }
    }

    private int restore(StateRecovery recovery, String backendName) {
        RecoveredState recovered;
        try {
            recovered = recovery.recover(model, backendName);
        } catch (RuntimeException e) {
            System.getLogger(AbstractBackend.class.getName()).log(System.Logger.Level.WARNING,
                    "IFW: cannot recover the journaled state of " + model.id() + " (" + backendName + "): " + e, e);
            return 0;
        }
        if (recovered == null) {
            return 0;
        }
        int restored = 0;
        int refused = recovered.skipped();

        if (model.isZoned() && !recovered.zones().isEmpty()) {
            setZones(recovered.zones());
        }
        for (var zone : recovered.values().entrySet()) {
            for (var value : zone.getValue().entrySet()) {
                try {
                    updateValue((PropertyMember) model.member(value.getKey()), zone.getKey(), value.getValue());
                    restored++;
                } catch (RuntimeException e) {
                    refused++;
                }
            }
        }
        // The state is now what it was at the journal's last change: the log goes on from there, under the journaled id.
        String numbering = "";
        if (recovered.logId() != 0) {
            log.continueAfter(recovered.change(), recovered.logId());
            numbering = "; its change log continues after change " + recovered.change();
        }
        System.getLogger(AbstractBackend.class.getName()).log(System.Logger.Level.INFO, "IFW: " + model.id() + " (" + backendName
                + ") restored " + restored + " values from " + recovered.source() + " up to sequence " + recovered.sequence()
                + (refused > 0 ? "; " + refused + " journaled values not usable" : "") + numbering);
        return restored;
    }

    // ----- typed state, for backend authors -----

    /** The property's value in the zone-less view, or {@code null} if it has none. */
    protected final <T> T value(Function<? super F, ? extends ReadOnlyProperty<T>> property) {
        return value(property, "");
    }

    /** The property's value in {@code zone}, or {@code null} if it has none. */
    @SuppressWarnings("unchecked")
    protected final <T> T value(Function<? super F, ? extends ReadOnlyProperty<T>> property, String zone) {
        return (T) value(propertyOf(property), zone);
    }

    /** Sets the property's value in the zone-less view and tells every front end if it changed. */
    protected final <T> void update(Function<? super F, ? extends ReadOnlyProperty<T>> property, T value) {
        update(property, "", value);
    }

    /**
     * Sets the property's value in {@code zone} and tells every front end if it changed.
     *
     * @throws IllegalArgumentException for an unknown zone or a value of the wrong type
     */
    protected final <T> void update(Function<? super F, ? extends ReadOnlyProperty<T>> property, String zone, T value) {
        updateValue(propertyOf(property), zone, value);
    }

    /** The property's constraints in {@code zone}. */
    @SuppressWarnings("unchecked")
    protected final <T> Attribute<T> attribute(Function<? super F, ? extends ReadOnlyProperty<T>> property, String zone) {
        PropertyMember member = propertyOf(property);
        synchronized (lock) {
            return (Attribute<T>) state.zone(zone).attribute(member.index());
        }
    }

    /** Changes the property's constraints in {@code zone} and tells every front end. */
    protected final <T> void setAttribute(Function<? super F, ? extends ReadOnlyProperty<T>> property, String zone,
                                          Attribute<T> attribute) {
        updateAttribute(propertyOf(property), zone, attribute);
    }

    /** Marks the property's value in {@code zone} available, unavailable or stale, and tells every front end. */
    protected final <T> void setAvailability(Function<? super F, ? extends ReadOnlyProperty<T>> property, String zone,
                                             ValueAvailability availability) {
        updateAvailability(propertyOf(property), zone, availability);
    }

    /** Raises a signal in {@code zone} (empty for the zone-less view). */
    protected final <T> void emit(Function<? super F, ? extends Signal<T>> signal, String zone, T payload) {
        Member member = members.member(signal);
        if (!(member instanceof SignalMember s)) {
            throw new IllegalArgumentException(member.name() + " is not a signal of " + model.id());
        }
        emitSignal(s, zone, payload);
    }

    /**
     * Handles writes of a property. Without a handler, a write stores the value. The handler runs
     * after the zone, type and constraints were checked.
     */
    @SuppressWarnings("unchecked")
    protected final <T> void onSet(Function<? super F, ? extends Property<T>> property, SetHandler<T> handler) {
        PropertyMember member = propertyOf(property);
        setHandlers.put(member.index(), (SetHandler<Object>) Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Serves a paging model member from a list: front ends open instances of it, each with its own
     * query (filtering and sorting as far as the list's capabilities allow).
     */
    protected final <T> void serveModel(Function<? super F, ? extends PagingModel<T>> member, ListModel<T> model) {
        Member resolved = members.member(member);
        if (!(resolved instanceof ModelMember)) {
            throw new IllegalArgumentException(resolved.name() + " is not a paging model of " + model().id());
        }
        models.put(resolved.index(), Objects.requireNonNull(model, "model"));
    }

    /**
     * The list that serves an instance of a model member. The default gives the list of
     * {@link #serveModel}, whatever the zone and content type; filter-and-browse backends override
     * this to serve a list per content type.
     *
     * @return the list, or {@code null} when this backend does not serve it
     * @throws FeatureException to refuse the request with a code and a message
     */
    protected ListModel<?> modelFor(ModelMember member, String zone, String contentType) {
        return models.get(member.index());
    }

    /** The zones now. */
    protected final List<String> zones() {
        synchronized (lock) {
            return state.zoneNames();
        }
    }

    /**
     * Changes the zones and tells every front end; values of kept zones stay.
     *
     * @throws IllegalStateException when the feature is not zoned
     */
    protected final void setZones(List<String> zones) {
        if (!model.isZoned()) {
            throw new IllegalStateException(model.id() + " is not a zoned feature");
        }
        if (zones.stream().anyMatch(zone -> zone == null || zone.isEmpty())) {
            throw new IllegalArgumentException("zone names may not be empty: " + zones);
        }
        synchronized (lock) {
            state.setZoneNames(zones);
            log.append(ChangeLog.Kind.ZONES, -1, "", state.zoneNames());
        }
        log.wake();
    }

    /** Reports an error of the backend as a whole ({@code null} clears it). */
    protected final void reportError(FeatureError newError) {
        synchronized (lock) {
            state.setError(newError);
            log.append(ChangeLog.Kind.ERROR, -1, "", newError);
        }
        log.wake();
    }

    /** Reports the state of the link to the real backend (for backends that relay one). */
    protected final void reportConnection(ConnectionStatus status) {
        synchronized (lock) {
            state.setConnection(status);
            log.append(ChangeLog.Kind.CONNECTION, -1, "", status);
        }
        log.wake();
    }

    // ----- model-driven state, for generic backends -----

    /** The value of {@code property} in {@code zone}, or {@code null}. */
    protected final Object value(PropertyMember property, String zone) {
        synchronized (lock) {
            return state.zone(zone).value(property.index());
        }
    }

    /**
     * Sets a value by model member and tells every front end if it changed.
     *
     * @throws IllegalArgumentException for an unknown zone or a value of the wrong type
     */
    protected final void updateValue(PropertyMember property, String zone, Object value) {
        Object checked = coerce(property.type(), value);
        if (!property.type().accepts(checked)) {
            throw new IllegalArgumentException(typeMismatch(property, value));
        }
        boolean changed;
        synchronized (lock) {
            StateTable.Zone slots = state.zone(zone);
            int slot = property.index();
            changed = slots.put(slot, checked);
            if (changed) {
                log.append(ChangeLog.Kind.VALUE, slot, zone, checked);
            }
            if (slots.setAvailability(slot, ValueAvailability.AVAILABLE)) {
                log.append(ChangeLog.Kind.AVAILABILITY, slot, zone, ValueAvailability.AVAILABLE);
                changed = true;
            }
        }
        if (changed) {
            log.wake();
        }
    }

    /** Changes constraints by model member and tells every front end. */
    protected final void updateAttribute(PropertyMember property, String zone, Attribute<?> attribute) {
        Objects.requireNonNull(attribute, "attribute");
        synchronized (lock) {
            if (!state.zone(zone).setAttribute(property.index(), attribute)) {
                return;
            }
            log.append(ChangeLog.Kind.ATTRIBUTE, property.index(), zone, attribute);
        }
        log.wake();
    }

    /** Changes availability by model member and tells every front end. */
    protected final void updateAvailability(PropertyMember property, String zone, ValueAvailability availability) {
        Objects.requireNonNull(availability, "availability");
        synchronized (lock) {
            if (!state.zone(zone).setAvailability(property.index(), availability)) {
                return;
            }
            log.append(ChangeLog.Kind.AVAILABILITY, property.index(), zone, availability);
        }
        log.wake();
    }

    /** Raises a signal by model member. */
    protected final void emitSignal(SignalMember signal, String zone, Object payload) {
        if (!signal.payload().accepts(payload)) {
            throw new IllegalArgumentException("signal " + signal.name() + " carries " + signal.payload().displayName()
                    + ", not " + ValueType.describe(payload));
        }
        synchronized (lock) {
            state.zone(zone);
            log.append(ChangeLog.Kind.SIGNAL, signal.index(), zone, payload);
        }
        log.wake();
    }

    /**
     * Applies a checked write. The default runs the property's {@link #onSet} handler, or stores
     * the value. Generic backends override this.
     */
    protected Promise<Void> handleSet(PropertyMember property, String zone, Object value) throws Exception {
        SetHandler<Object> handler = setHandlers.get(property.index());
        if (handler != null) {
            return handler.apply(zone, value);
        }
        updateValue(property, zone, value);
        return Promises.resolved(null);
    }

    /**
     * Runs a checked operation call. The default calls the backend's method of the operation's
     * name. Generic backends override this.
     */
    protected Promise<Object> handleInvoke(OperationMember operation, String zone, Object[] arguments) throws Exception {
        if (!operations.implemented(operation)) {
            throw new FeatureException(ErrorCode.INVALID_OPERATION, "operation " + operation.name() + " of " + model.id()
                    + " is not implemented by " + getClass().getSimpleName());
        }
        return operations.invoke(this, operation, zone, arguments);
    }

    // ----- request checking -----

    Promise<Void> set(int index, String zone, Object value) {
        PropertyMember property;
        Object checked;
        synchronized (lock) {
            if (!(memberAt(index) instanceof PropertyMember p)) {
                return failed(ErrorCode.INVALID_OPERATION, "member " + index + " of " + model.id() + " is not a property");
            }
            property = p;
            if (property.readOnly()) {
                return failed(ErrorCode.INVALID_OPERATION, property.name() + " of " + model.id() + " is read-only");
            }
            if (!state.hasZone(zone)) {
                return failed(ErrorCode.INVALID_ZONE, unknownZone(zone));
            }
            checked = coerce(property.type(), value);
            if (!property.type().accepts(checked)) {
                return failed(ErrorCode.INVALID_ARGUMENT, typeMismatch(property, value));
            }
            FeatureError violation = state.zone(zone).attribute(index).check(checked);
            if (violation != null) {
                return failed(violation.code(), constraintMessage(property, zone, checked, violation));
            }
        }
        Promise<Void> applied;
        try {
            applied = Objects.requireNonNull(handleSet(property, zone, checked), "handleSet returned null");
        } catch (Exception e) {
            return Promises.failed(asFeatureException(property.name(), e));
        }
        return log.hasDurableReaders() ? durable(applied) : applied;
    }

    /**
     * A write is acknowledged once it is applied and every durable reader (a journal) holds what
     * it changed: the sequence to wait for is the log's head when it was applied.
     */
    private Promise<Void> durable(Promise<Void> applied) {
        if (applied.isDone()) {
            try {
                if (applied.getFailure() == null) {
                    return log.whenDurable(log.head());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return applied;
        }
        return applied.flatMap(ignored -> log.whenDurable(log.head()));
    }

    Promise<Object> invoke(int index, String zone, Object[] arguments) {
        if (!(memberAt(index) instanceof OperationMember operation)) {
            return failed(ErrorCode.INVALID_OPERATION, "member " + index + " of " + model.id() + " is not an operation");
        }
        synchronized (lock) {
            if (!state.hasZone(zone)) {
                return failed(ErrorCode.INVALID_ZONE, unknownZone(zone));
            }
        }
        Object[] args = arguments == null ? new Object[0] : arguments.clone();
        if (args.length != operation.parameters().size()) {
            return failed(ErrorCode.INVALID_ARGUMENT, operation.name() + " takes " + operation.parameters().size()
                    + " argument(s), not " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            OperationMember.Parameter parameter = operation.parameters().get(i);
            args[i] = coerce(parameter.type(), args[i]);
            if (!parameter.type().accepts(args[i])) {
                return failed(ErrorCode.INVALID_ARGUMENT, operation.name() + "(" + parameter.name() + ") takes "
                        + parameter.type().displayName() + ", not " + ValueType.describe(arguments[i]));
            }
        }
        try {
            return Objects.requireNonNull(handleInvoke(operation, zone, args), "handleInvoke returned null");
        } catch (Exception e) {
            return Promises.failed(asFeatureException(operation.name(), e));
        }
    }

    Member memberAt(int index) {
        return index >= 0 && index < model.members().size() ? model.member(index) : null;
    }

    String unknownZone(String zone) {
        return "unknown zone '" + zone + "' for " + model.id() + " (zones: " + state.zoneNames() + ")";
    }

    private String constraintMessage(PropertyMember property, String zone, Object value, FeatureError violation) {
        return io.ifw.core.internal.WriteRefusals.message(property, model.id(), zone, value, violation);
    }

    private static String typeMismatch(PropertyMember property, Object value) {
        return property.name() + " takes " + property.type().displayName() + ", not " + ValueType.describe(value);
    }

    private static Object coerce(ValueType type, Object value) {
        return type instanceof ScalarType scalar ? scalar.coerce(value) : value;
    }

    static <T> Promise<T> failed(ErrorCode code, String message) {
        return Promises.failed(new FeatureException(code, message));
    }

    private static FeatureException asFeatureException(String member, Exception e) {
        if (e instanceof FeatureException fe) {
            return fe;
        }
        return new FeatureException(ErrorCode.UNKNOWN, member + " failed in the backend: " + e, e);
    }

    private PropertyMember propertyOf(Function<? super F, ?> reference) {
        Member member = members.member(reference);
        if (!(member instanceof PropertyMember property)) {
            throw new IllegalArgumentException(member.name() + " is not a property of " + model.id());
        }
        return property;
    }
}
