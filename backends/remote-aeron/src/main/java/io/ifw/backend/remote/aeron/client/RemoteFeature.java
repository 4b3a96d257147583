package io.ifw.backend.remote.aeron.client;

import io.ifw.codec.CodecException;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.CompatibilityReport;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PeerSchema;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ListenerReader;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import io.ifw.core.spi.StateTable;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agrona.DirectBuffer;
import org.osgi.util.promise.Promise;

/**
 * One feature a client takes from its server: the mapping between the server's members and this
 * process's (by name, from the schema text of the offer), the mirror of the server's state
 * (snapshot, then deltas in sequence), and the {@link Backend} registered for local front ends,
 * which relays their writes, calls and model requests to the server.
 *
 * <p>Threads: the client's thread applies what the server sends to the mirror, which is the
 * table of this feature's {@link ChangeLog} (guarded by {@link #lock}); every change goes into
 * that log with its own sequence. Local front ends are readers of the log, told of changes on
 * the client's delivery thread, never on the client's agent; they call the backend from theirs.
 */
public final class RemoteFeature {

    /** How the feature stands with the server. */
    public enum State {
        /** Offered; waiting for the snapshot. */
        SYNCING,
        /** In sync with the server. */
        LIVE,
        /** The server is lost (backend kept bound, values stale). */
        LOST,
        /** The server's model does not fit this one; not registered. */
        INCOMPATIBLE,
        /** This process has no feature interface of that id; not registered. */
        UNKNOWN_HERE,
        /** The server no longer offers it. */
        WITHDRAWN
    }

    final String featureId;
    final Object lock = new Object();
    private final RemoteClient client;

    // Client thread.
    volatile FeatureModel model;
    volatile FeatureCodec payloads;
    volatile int serverIndex = -1;
    volatile String serverFingerprint = "";
    volatile String serverBackend = "";
    volatile String serverKind = "";
    volatile int[] toLocal = new int[0];
    volatile int[] toServer = new int[0];
    public volatile State state = State.SYNCING;
    public volatile String detail = "";
    public long lastSequence = -1;
    /** The server's change log {@link #lastSequence} belongs to (from the SNAPSHOT_BEGIN); 0: unknown. */
    long logId;
    /** Why the server last sent a snapshot instead of the changes asked for (empty: it was not asked for them). */
    public volatile String lastSnapshotReason = "";
    public boolean awaitingSnapshot;
    /** A subscription asked for the changes since {@link #lastSequence}: they, or a snapshot, come next. */
    public boolean catchUpRequested;
    StateMirror staging;
    Object registration;
    /** This process's model of the feature, compatible or not (client thread writes). */
    volatile FeatureModel localModel;
    /** The registration says the feature is incompatible (client thread). */
    boolean registeredIncompatible;

    // Guarded by lock.
    private StateMirror mirror;
    private ChangeLog log;
    private ConnectionStatus status = ConnectionStatus.NEVER_CONNECTED;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    /** Every open model instance of this feature: the wire instance id to its owner. */
    final Map<Long, Instance> instances = new ConcurrentHashMap<>();

    final RemoteBackendService backend = new RemoteBackendService();

    /** A model instance a local front end opened through this client. */
    record Instance(Connection connection, long localInstance, ModelRequest request) {
    }

    public RemoteFeature(String featureId, RemoteClient client) {
        this.featureId = featureId;
        this.client = client;
    }

    /**
     * Takes an offer's view of the feature: compares the server's schema with the local model by
     * member name (client thread).
     *
     * @return the report; when it is not compatible the feature is not served
     */
    public CompatibilityReport adopt(FeatureModel localModel, int index, String fingerprint, String kind, String backendName, String schemaText) {
        this.localModel = localModel;
        PeerSchema peer = PeerSchema.parse(schemaText);
        CompatibilityReport report = localModel.compareWith(peer, Set.of());
        if (report.compatible()) {
            int[] local = new int[peer.members().size()];
            for (PeerSchema.PeerMember member : peer.members()) {
                Member here = localModel.member(member.name());
                local[member.index()] = here == null ? -1 : here.index();
            }
            int[] server = new int[localModel.members().size()];
            for (Member member : localModel.members()) {
                PeerSchema.PeerMember there = peer.member(member.name());
                server[member.index()] = there == null ? -1 : there.index();
            }
            if (model != localModel) {
                synchronized (lock) {
                    model = localModel;
                    payloads = new FeatureCodec(localModel);
                    if (mirror == null) {
                        StateTable table = StateTable.empty(localModel);
                        table.setConnection(status);
                        log = new ChangeLog(lock, table, ChangeLog.DEFAULT_CAPACITY);
                        mirror = new StateMirror(table);
                    }
                }
            }
            toLocal = local;
            toServer = server;
        }
        serverIndex = index;
        serverFingerprint = fingerprint;
        serverKind = kind;
        serverBackend = backendName;
        return report;
    }

    /** Waits for the server's answer to a subscription: a snapshot, or the missed changes (client thread). */
    public void resync() {
        awaitingSnapshot = true;
        staging = null;
        catchUpRequested = false;
    }

    /**
     * The sequence to catch up from, or -1 for a snapshot; notes which it asked for (client
     * thread). The server catches up only from the same change log ({@link #logId}), else sends
     * a snapshot.
     */
    long catchUpFrom() {
        boolean possible = lastSequence >= 0 && model != null;
        catchUpRequested = possible;
        return possible ? lastSequence : -1;
    }

    // ---------------------------------------------------------------- what the server sends (client thread)

    /**
     * Applies one update.
     *
     * @return {@code null} when applied or ignored in order, else why it was dropped
     */
    public String update(long sequence, UpdateKind kind, int serverMember, String zone, DirectBuffer payload, int offset, int length) {
        if (kind == UpdateKind.SNAPSHOT_BEGIN) {
            staging = new StateMirror(model);
            awaitingSnapshot = true;
            catchUpRequested = false;
            lastSequence = sequence;
            logId = length >= Long.BYTES ? payload.getLong(offset, java.nio.ByteOrder.LITTLE_ENDIAN) : 0;
            String reason = length > Long.BYTES ? payload.getStringWithoutLengthUtf8(offset + Long.BYTES, length - Long.BYTES) : "";
            if (!reason.isEmpty()) {
                lastSnapshotReason = reason;
                System.getLogger(RemoteFeature.class.getName()).log(System.Logger.Level.INFO, "IFW: " + client.describe() + ": " + featureId
                        + ": the server sends a snapshot instead of the missed changes: " + reason);
            }
            return null;
        }
        if (awaitingSnapshot) {
            if (staging == null) {
                if (catchUpRequested && kind == UpdateKind.CATCH_UP_END) {
                    if (sequence != lastSequence) {
                        return "catch-up end at " + sequence + " while at " + lastSequence;
                    }
                    endCatchUp();
                    return null;
                }
                if (catchUpRequested && sequence == lastSequence + 1) {
                    lastSequence = sequence; // one of the missed changes
                    synchronized (lock) {
                        return apply(mirror, broadcast, kind, serverMember, zone, payload, offset, length);
                    }
                }
                return null; // a delta sent before the snapshot (or the catch-up) that was asked for
            }
            if (sequence != lastSequence) {
                return "snapshot item with sequence " + sequence + " inside a snapshot at " + lastSequence;
            }
            if (kind == UpdateKind.SNAPSHOT_END) {
                endSnapshot();
                return null;
            }
            return apply(staging, null, kind, serverMember, zone, payload, offset, length);
        }
        if (kind == UpdateKind.SNAPSHOT_END) {
            return "snapshot end without a snapshot";
        }
        if (kind == UpdateKind.CATCH_UP_END) {
            return "catch-up end without a catch-up";
        }
        if (sequence <= lastSequence) {
            return "replayed sequence " + sequence + " (last " + lastSequence + ")";
        }
        if (sequence != lastSequence + 1) {
            long missed = sequence - lastSequence - 1;
            client.gap(this, missed);
            return null;
        }
        lastSequence = sequence;
        synchronized (lock) {
            return apply(mirror, broadcast, kind, serverMember, zone, payload, offset, length);
        }
    }

    private String apply(StateMirror target, BackendListener listener, UpdateKind kind, int serverMember, String zone, DirectBuffer payload,
                         int offset, int length) {
        int member = -1;
        if (serverMember >= 0) {
            int[] map = toLocal;
            if (serverMember >= map.length) {
                return "member " + serverMember + " beyond the " + map.length + " members the server offered";
            }
            member = map[serverMember];
            if (member < 0) {
                return null; // a member only the server has
            }
        }
        try {
            switch (kind) {
                case ZONES: {
                    List<String> zones = FeatureCodec.zones(payload, offset, length);
                    target.zonesChanged(zones);
                    if (listener != null) {
                        listener.zonesChanged(target.zoneNames());
                    }
                    return null;
                }
                case VALUE: {
                    if (member < 0) {
                        return "value without a member";
                    }
                    Object value = payloads.value(member, payload, offset, length);
                    if (target.valueChanged(member, zone, value) && listener != null) {
                        listener.valueChanged(member, zone, value);
                    }
                    return null;
                }
                case AVAILABILITY: {
                    if (member < 0) {
                        return "availability without a member";
                    }
                    ValueAvailability availability = FeatureCodec.availability(payload, offset, length);
                    if (target.availabilityChanged(member, zone, availability) && listener != null) {
                        listener.availabilityChanged(member, zone, availability);
                    }
                    return null;
                }
                case ATTRIBUTE: {
                    if (member < 0) {
                        return "attribute without a member";
                    }
                    Attribute<?> attribute = payloads.attribute(member, payload, offset, length);
                    if (target.attributeChanged(member, zone, attribute) && listener != null) {
                        listener.attributeChanged(member, zone, attribute);
                    }
                    return null;
                }
                case SIGNAL: {
                    if (member < 0) {
                        return "signal without a member";
                    }
                    Object value = payloads.value(member, payload, offset, length);
                    if (listener != null) {
                        listener.signalled(member, zone, value);
                    }
                    return null;
                }
                case ERROR: {
                    FeatureError error = FeatureCodec.error(payload, offset, length);
                    if (target.errorChanged(error) && listener != null) {
                        listener.errorChanged(error);
                    }
                    return null;
                }
                case SKIPPED:
                    return null; // a change of the server's log that is not the feature's state: only the sequence moves on
                default:
                    return "unknown update kind " + kind;
            }
        } catch (CodecException e) {
            return "cannot read the " + kind + " of " + (member < 0 ? featureId : model.member(member).name()) + ": " + e.getMessage();
        } catch (ClassCastException | IllegalArgumentException e) {
            return "cannot use the " + kind + " of " + (member < 0 ? featureId : model.member(member).name()) + ": " + e.getMessage();
        }
    }

    private void endSnapshot() {
        StateMirror received = staging;
        staging = null;
        awaitingSnapshot = false;
        state = State.LIVE; // before front ends see the values: a write they make at once goes out
        detail = "";
        boolean wasLive;
        synchronized (lock) {
            wasLive = status.state() == ConnectionStatus.State.CONNECTED;
            mirror.adopt(received, broadcast);
            if (!wasLive) {
                status = ConnectionStatus.connected();
                broadcast.connectionChanged(status);
            }
        }
        client.synced(this);
    }

    /** The missed changes are in: live again, without a snapshot (client thread). */
    private void endCatchUp() {
        awaitingSnapshot = false;
        catchUpRequested = false;
        state = State.LIVE;
        detail = "";
        synchronized (lock) {
            mirror.restoreAvailability(broadcast);
            if (status.state() != ConnectionStatus.State.CONNECTED) {
                status = ConnectionStatus.connected();
                broadcast.connectionChanged(status);
            }
        }
        client.synced(this);
    }

    /** The server is lost: values turn stale, status says why (client thread). Where it was is kept, to catch up. */
    void lost(String reason) {
        awaitingSnapshot = false;
        staging = null;
        synchronized (lock) {
            if (mirror != null) {
                mirror.markStale("remote server lost: " + reason, broadcast);
            }
            status = ConnectionStatus.of(ConnectionStatus.State.DISCONNECTED, reason);
            broadcast.connectionChanged(status);
        }
    }

    /** The server is silent: values may be stale (client thread). */
    void suspect(String reason) {
        synchronized (lock) {
            if (status.state() == ConnectionStatus.State.CONNECTED) {
                status = ConnectionStatus.of(ConnectionStatus.State.SUSPECT, reason);
                broadcast.connectionChanged(status);
            }
        }
    }

    /** The server speaks again after being suspect (client thread). */
    void trusted() {
        synchronized (lock) {
            if (status.state() == ConnectionStatus.State.SUSPECT) {
                status = ConnectionStatus.connected();
                broadcast.connectionChanged(status);
            }
        }
    }

    /** A change of one of this feature's model instances (client thread). */
    void modelChanged(long wireInstance, ModelChange change) {
        Instance instance = instances.get(wireInstance);
        if (instance != null && !instance.connection().closed) {
            deliver(() -> instance.connection().listener.modelChanged(instance.localInstance(), change));
        }
    }

    /** After a new session: opens every model instance again and tells its owner to reload (client thread). */
    void reopenInstances() {
        for (Map.Entry<Long, Instance> entry : instances.entrySet()) {
            Instance instance = entry.getValue();
            int serverMember = toServer[instance.request().member()];
            Promise<Object> opened = client.call(this, CallKind.MODEL_OPEN, serverMember, instance.request().zone(), entry.getKey(),
                    buffer -> FeatureCodec.putModelOpen(instance.request().query(), instance.request().contentType(), buffer, 0),
                    (buffer, offset, length) -> FeatureCodec.modelInfo(buffer, offset, length));
            opened.onResolve(() -> {
                int size = 0;
                try {
                    if (opened.getFailure() == null) {
                        size = Math.max(0, ((ModelInfo) opened.getValue()).size());
                    }
                } catch (Exception e) {
                    size = 0;
                }
                if (!instance.connection().closed) {
                    ModelChange reset = ModelChange.reset(size);
                    deliver(() -> instance.connection().listener.modelChanged(instance.localInstance(), reset));
                }
            });
        }
    }

    /** Model changes handed to the delivery thread and not delivered yet. */
    private final java.util.concurrent.atomic.AtomicInteger modelDeliveries = new java.util.concurrent.atomic.AtomicInteger();

    /** Tells a front end of a model change on the delivery thread, counted until it is told. */
    private void deliver(Runnable modelChange) {
        modelDeliveries.incrementAndGet();
        client.delivery().execute(() -> {
            try {
                modelChange.run();
            } finally {
                modelDeliveries.decrementAndGet();
            }
        });
    }

    /**
     * Whether changes are on their way to the local front ends (on the delivery thread): an
     * answer then follows them there, so a caller never sees an answer before what came before it.
     */
    boolean deliveryPending() {
        ChangeLog current = log;
        return modelDeliveries.get() > 0 || (current != null && current.readersBehind());
    }

    boolean hasConnections() {
        return !connections.isEmpty();
    }

    /**
     * Puts every change of the mirror into the feature's change log (under {@link #lock}, which
     * is the log's): local front ends read it on the delivery thread. Waking them only hands that
     * thread a drain, so it is done under the lock.
     */
    private final BackendListener broadcast = new BackendListener() {
        @Override
        public void zonesChanged(List<String> zones) {
            append(ChangeLog.Kind.ZONES, -1, "", List.copyOf(zones));
        }

        @Override
        public void valueChanged(int property, String zone, Object value) {
            append(ChangeLog.Kind.VALUE, property, zone, value);
        }

        @Override
        public void availabilityChanged(int property, String zone, ValueAvailability availability) {
            append(ChangeLog.Kind.AVAILABILITY, property, zone, availability);
        }

        @Override
        public void attributeChanged(int property, String zone, Attribute<?> attribute) {
            append(ChangeLog.Kind.ATTRIBUTE, property, zone, attribute);
        }

        @Override
        public void signalled(int signal, String zone, Object payload) {
            append(ChangeLog.Kind.SIGNAL, signal, zone, payload);
        }

        @Override
        public void initialized() {
        }

        @Override
        public void connectionChanged(ConnectionStatus newStatus) {
            ChangeLog current = log;
            if (current != null) {
                current.table().setConnection(newStatus);
            }
            append(ChangeLog.Kind.CONNECTION, -1, "", newStatus);
        }

        @Override
        public void errorChanged(FeatureError error) {
            append(ChangeLog.Kind.ERROR, -1, "", error);
        }

        @Override
        public void modelChanged(long instance, ModelChange change) {
        }

        private void append(ChangeLog.Kind kind, int member, String zone, Object value) {
            ChangeLog current = log;
            if (current != null) {
                current.append(kind, member, zone, value);
                current.wake();
            }
        }
    };

    // ---------------------------------------------------------------- the local backend

    /** The backend service local front ends bind: a relay to the server. */
    public final class RemoteBackendService implements Backend {

        @Override
        public FeatureModel model() {
            return model != null ? model : localModel;
        }

        @Override
        public BackendConnection connect(BackendListener listener) {
            if (registeredIncompatible || mirror == null) {
                throw new FeatureException(ErrorCode.INCOMPATIBLE, "the remote " + featureId + " from " + client.describe()
                        + " does not fit this process's interface: " + detail);
            }
            Connection connection = new Connection(listener);
            connection.reader = ListenerReader.attach(log, model(), listener, "front end of remote " + featureId, client.delivery());
            connections.add(connection);
            return connection;
        }

        @Override
        public String toString() {
            return "remote backend of " + featureId + " from " + client.describe();
        }
    }

    /** One local front end's connection. */
    final class Connection implements BackendConnection {
        final BackendListener listener;
        volatile boolean closed;
        volatile ListenerReader reader;
        private final Map<Long, Long> wireInstances = new ConcurrentHashMap<>();

        Connection(BackendListener listener) {
            this.listener = listener;
        }

        private int serverMember(int local) {
            int[] map = toServer;
            return local >= 0 && local < map.length ? map[local] : -1;
        }

        private <T> Promise<T> notServed(int member) {
            return client.failed(new FeatureException(ErrorCode.UNSUPPORTED, model.member(member).name() + " of " + featureId
                    + " is not served by the remote backend: the server's feature has no such member"));
        }

        @Override
        public Promise<Void> set(int property, String zone, Object value) {
            int member = serverMember(property);
            if (member < 0) {
                return notServed(property);
            }
            FeatureCodec codec = payloads;
            return client.call(RemoteFeature.this, CallKind.SET, member, zone, 0,
                    buffer -> codec.putValue(property, value, buffer, 0), null);
        }

        @Override
        public Promise<Object> invoke(int operation, String zone, Object[] arguments) {
            int member = serverMember(operation);
            if (member < 0) {
                return notServed(operation);
            }
            FeatureCodec codec = payloads;
            return client.call(RemoteFeature.this, CallKind.INVOKE, member, zone, 0,
                    buffer -> codec.putArguments(operation, arguments, buffer, 0),
                    (buffer, offset, length) -> codec.value(operation, buffer, offset, length));
        }

        @Override
        public Promise<ModelInfo> openModel(ModelRequest request) {
            int member = serverMember(request.member());
            if (member < 0) {
                return notServed(request.member());
            }
            long wire = client.nextInstanceId();
            Long previous = wireInstances.put(request.instance(), wire);
            if (previous != null) {
                closeWire(previous);
            }
            instances.put(wire, new Instance(this, request.instance(), request));
            return client.call(RemoteFeature.this, CallKind.MODEL_OPEN, member, request.zone(), wire,
                    buffer -> FeatureCodec.putModelOpen(request.query(), request.contentType(), buffer, 0),
                    (buffer, offset, length) -> FeatureCodec.modelInfo(buffer, offset, length));
        }

        @Override
        public Promise<List<Object>> fetchModel(long instance, int start, int count) {
            Long wire = wireInstances.get(instance);
            Instance open = wire == null ? null : instances.get(wire);
            if (open == null) {
                return client.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "no open model instance " + instance + " of " + featureId));
            }
            FeatureCodec codec = payloads;
            int localMember = open.request().member();
            return client.call(RemoteFeature.this, CallKind.MODEL_FETCH, serverMember(localMember), open.request().zone(), wire,
                    buffer -> FeatureCodec.putFetch(start, count, buffer, 0),
                    (buffer, offset, length) -> codec.items(localMember, buffer, offset, length));
        }

        @Override
        public Promise<Void> editModel(long instance, ModelEdit edit) {
            Long wire = wireInstances.get(instance);
            Instance open = wire == null ? null : instances.get(wire);
            if (open == null) {
                return client.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "no open model instance " + instance + " of " + featureId));
            }
            FeatureCodec codec = payloads;
            int localMember = open.request().member();
            return client.call(RemoteFeature.this, CallKind.MODEL_EDIT, serverMember(localMember), open.request().zone(), wire,
                    buffer -> codec.putEdit(localMember, edit, buffer, 0), null);
        }

        @Override
        public void closeModel(long instance) {
            Long wire = wireInstances.remove(instance);
            if (wire != null) {
                closeWire(wire);
            }
        }

        private void closeWire(long wire) {
            Instance open = instances.remove(wire);
            if (open != null) {
                client.send(RemoteFeature.this, CallKind.MODEL_CLOSE, serverMember(open.request().member()), open.request().zone(), wire);
            }
        }

        @Override
        public void close() {
            closed = true;
            connections.remove(this);
            ListenerReader current = reader;
            if (current != null) {
                current.close();
            }
            for (Long wire : wireInstances.values()) {
                closeWire(wire);
            }
            wireInstances.clear();
        }
    }
}
