package io.ifw.backend.remote.aeron.client;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelChange;
import io.ifw.core.model.CompatibilityReport;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.PeerSchema;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ListenerReader;
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
    /** Changes of this feature came by the server's fan-out publication (client thread). */
    private boolean fanoutSeen;
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
    final List<RemoteConnection> connections = new CopyOnWriteArrayList<>();

    /** Every open model instance of this feature: the wire instance id to its owner. */
    final Map<Long, Instance> instances = new ConcurrentHashMap<>();

    final RemoteBackendService backend = new RemoteBackendService();

    /** A model instance a local front end opened through this client. */
    record Instance(RemoteConnection connection, long localInstance, ModelRequest request) {
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
        return update(sequence, kind, serverMember, zone, payload, offset, length, false);
    }

    /**
     * Applies one update, from the client's answer channel or from the server's fan-out
     * publication. Both carry the same sequence, so a change is taken from whichever brings it
     * first: one the other already brought is ignored, and a gap is caught up as on one channel.
     * Snapshots and catch-up ends come only on the answer channel; while a snapshot comes in, the
     * fan-out's changes are left to the catch-up after it.
     *
     * @return {@code null} when applied or ignored in order, else why it was dropped
     */
    public String update(long sequence, UpdateKind kind, int serverMember, String zone, DirectBuffer payload, int offset, int length,
                         boolean fromFanout) {
        if (fromFanout) {
            if (kind == UpdateKind.SNAPSHOT_BEGIN || kind == UpdateKind.SNAPSHOT_END || kind == UpdateKind.CATCH_UP_END) {
                return kind + " on the fan-out publication";
            }
            fanoutSeen = true;
            if (awaitingSnapshot && staging != null) {
                return null;
            }
        }
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
                    // the fan-out may have brought changes past the catch-up's end already
                    if (sequence > lastSequence || (sequence < lastSequence && !fanoutSeen)) {
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
            // With fan-out the two channels race: a change either brought already is the other's copy, not a replay.
            return fromFanout || fanoutSeen ? null : "replayed sequence " + sequence + " (last " + lastSequence + ")";
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

    /** Applies one update to {@code target}, telling {@code listener} (if any) what differs; members mapped to this process's numbering. */
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
        return target.apply(payloads, listener, kind, member, zone, payload, offset, length);
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
     * is the log's): local front ends read it on the delivery thread.
     */
    private final BackendListener broadcast = new MirrorToLog(() -> log);

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
            RemoteConnection connection = new RemoteConnection(RemoteFeature.this, client, listener);
            connection.reader = ListenerReader.attach(log, model(), listener, "front end of remote " + featureId, client.delivery());
            connections.add(connection);
            return connection;
        }

        @Override
        public String toString() {
            return "remote backend of " + featureId + " from " + client.describe();
        }
    }
}
