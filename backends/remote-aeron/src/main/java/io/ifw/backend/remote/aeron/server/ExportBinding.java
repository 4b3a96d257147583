package io.ifw.backend.remote.aeron.server;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ChangeLogFeed;
import io.ifw.core.spi.StateTable;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One backend of this feature being exported: a reader of its change log (its own, or one fed
 * from its reports when it has none), and a connection for calls and paging models.
 */
final class ExportBinding implements ChangeLog.Handler {

    private static final System.Logger LOG = System.getLogger(ExportedFeature.class.getName());

    private final ExportedFeature feature;
    private final RemoteServer server;
    volatile ExportedFeature.Candidate candidate;
    final FeatureCodec payloads;
    volatile BackendConnection connection;
    volatile boolean closed;
    volatile ChangeLog log;
    volatile ChangeLog.Reader reader;
    /** Connected and reading (set by {@link #open}, on the call thread). */
    volatile boolean opened;
    private volatile ChangeLogFeed feed;
    final Set<ExportedCalls.Reply> inFlight = ConcurrentHashMap.newKeySet();
    private final BackendListener modelChanges;

    ExportBinding(ExportedFeature feature, RemoteServer server, ExportedFeature.Candidate candidate, FeatureModel model) {
        this.feature = feature;
        this.server = server;
        this.candidate = candidate;
        this.payloads = new FeatureCodec(model);
        this.modelChanges = new ModelChanges(feature, this);
    }

    /** Why the backend is not read yet (its journaled state is still to come), or {@code null}. */
    volatile String heldBack;
    /** A retry of {@link #open} is queued on the call thread. */
    volatile boolean retrying;

    /**
     * Connects for calls and starts reading the backend's change log from its state now (call
     * thread), unless the runtime holds the backend back until its state is recovered.
     *
     * @return whether it opened
     */
    boolean open() {
        if (opened) {
            return true;
        }
        Backend backend = candidate.backend();
        io.ifw.core.spi.RecoveryBarrier barrier = server.barrier();
        String held = barrier == null ? null : barrier.holdBack(backend, candidate.recoveryName());
        heldBack = held;
        if (held != null) {
            return false;
        }
        if (backend instanceof AbstractBackend<?> built) {
            log = built.changeLog();
            connection = built.connectForCalls(modelChanges);
        } else {
            feed = ChangeLogFeed.follow(backend, modelChanges);
            log = feed.changeLog();
            connection = feed.connection();
        }
        // Committed only: a client is never told of a change a crash could take back before the journal holds it, so
        // its sequence names the same change after a restart that continues the journaled log (docs/decisions.md).
        reader = log.reader("remote server '" + server.name() + "'", false, true, null);
        opened = true;
        return true;
    }

    /** Whether the backend's whole state is in the log (a backend without a log of its own pushes it first). */
    boolean ready() {
        return feed == null || feed.isInitialized();
    }

    void close(String reason) {
        closed = true;
        if (reader != null) {
            reader.close();
        }
        BackendConnection current = connection;
        if (current != null) {
            server.runCall(() -> { // the backend's code: not on the agent
                try {
                    current.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "IFW: closing a backend connection: " + e);
                }
            });
        }
        for (ExportedCalls.Reply reply : inFlight) {
            reply.fail(ErrorCode.BACKEND_GONE, "backend '" + candidate.name() + "' of " + feature.featureId + " on server '" + server.name()
                    + "' went away before answering (" + reason + ")");
        }
    }

    /** The state at {@code at}: the first read, or a resync after this reader fell behind the log (server agent). */
    @Override
    public void snapshot(long at, StateTable state, String reason) {
        feature.fanout.snapshot(this, at, state, reason);
    }

    /** One change of the backend's log: applied to the view, sent to the subscribers in step (server agent). */
    @Override
    public void change(long at, ChangeLog.Kind kind, int member, String zone, Object value) {
        feature.fanout.change(this, at, kind, member, zone, value);
    }

    /** Told of the paging model changes of the instances a binding opened. */
    private static final class ModelChanges implements BackendListener {
        private final ExportedFeature feature;
        private final ExportBinding binding;

        ModelChanges(ExportedFeature feature, ExportBinding binding) {
            this.feature = feature;
            this.binding = binding;
        }

        @Override
        public void modelChanged(long instance, ModelChange change) {
            ExportedFeature.Instance target = feature.instanceOf(binding, instance);
            if (target != null) {
                feature.sendModelChange(target, change);
            }
        }

        @Override
        public void zonesChanged(List<String> zones) {
        }

        @Override
        public void valueChanged(int property, String zone, Object value) {
        }

        @Override
        public void availabilityChanged(int property, String zone, ValueAvailability availability) {
        }

        @Override
        public void attributeChanged(int property, String zone, Attribute<?> attribute) {
        }

        @Override
        public void signalled(int signal, String zone, Object payload) {
        }

        @Override
        public void initialized() {
        }

        @Override
        public void connectionChanged(ConnectionStatus status) {
        }

        @Override
        public void errorChanged(FeatureError error) {
        }
    }
}
