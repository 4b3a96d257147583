package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.core.BackendInfo;
import io.ifw.core.ModelChange;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendOrder;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import io.ifw.remote.protocol.sbe.CallDecoder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.util.promise.Promise;

/**
 * One feature a server exports: the best non-remote backend of it (followed through its
 * hot-swaps), a reader of that backend's {@link ChangeLog}, the state as of the last change read,
 * the clients subscribed to it, and the model instances they opened.
 *
 * <p>Threads: the server's agent reads the log ({@link #pollChanges}) and is the only thread that
 * sends updates, snapshots and catch-ups; the backend's writers only put changes in its log. The
 * wire sequence of an update is the change's sequence in the backend's log. The view, the
 * sequence and the subscriber list are guarded by {@link #lock} (for the reports other threads
 * ask for); the backend is never called with the lock held.
 */
final class ExportedFeature {

    private static final System.Logger LOG = System.getLogger(ExportedFeature.class.getName());

    /** A backend of this feature that could be exported. */
    /**
     * A local backend the server may export: what discovery knows of it, and the name its
     * journaled state is kept under.
     */
    record Candidate(Backend backend, BackendInfo info, String recoveryName) {

        String name() {
            return info.name();
        }

        String kind() {
            return info.kind();
        }

        /** The candidate a backend service's properties describe, or {@code null} when discovery would ignore it. */
        static Candidate of(Backend backend, Map<String, ?> properties) {
            BackendInfo info = BackendOrder.info(properties);
            return info == null ? null
                    : new Candidate(backend, info, BackendProperties.recoveryName(properties.get(BackendProperties.BACKEND_NAME), backend));
        }
    }

    /** A model instance a client opened, as the server opened it on the backend. */
    static final class Instance {
        final ServerSession session;
        final long clientInstance;
        final ModelRequest request;

        Instance(ServerSession session, long clientInstance, ModelRequest request) {
            this.session = session;
            this.clientInstance = clientInstance;
            this.request = request;
        }
    }

    final int index;
    final String featureId;
    final Object lock = new Object();
    private final RemoteServer server;

    /** Server thread only. */
    private final List<Candidate> candidates = new ArrayList<>();

    // Written under lock; read without it by calls.
    private volatile ExportBinding active;
    // Guarded by lock.
    private ExportBinding pending;
    private final Map<Long, Instance> instances = new HashMap<>();
    /** What the subscribers are sent: changes, snapshots, catch-ups. */
    final ExportFanout fanout;

    /** The clients' calls on the exported backend. */
    private final ExportedCalls calls;

    ExportedFeature(int index, String featureId, RemoteServer server) {
        this.index = index;
        this.featureId = featureId;
        this.server = server;
        this.calls = new ExportedCalls(this, server);
        this.fanout = new ExportFanout(this, server);
    }

    /** Decodes a client's call and has it carried out (server agent): see {@link ExportedCalls}. */
    void call(ServerSession session, CallDecoder call, String zone, Messages out) {
        calls.call(session, call, zone, out);
    }

    /** The backend exported now, or {@code null}. */
    ExportBinding active() {
        return active;
    }

    /** Notes a model instance a client opened (server agent). */
    void instanceOpened(long serverInstance, Instance instance) {
        synchronized (lock) {
            instances.put(serverInstance, instance);
        }
    }

    /** A model instance a client opened, by the server's instance id, or {@code null}. */
    Instance instance(long serverInstance) {
        synchronized (lock) {
            return instances.get(serverInstance);
        }
    }

    void forgetInstance(long serverInstance) {
        synchronized (lock) {
            instances.remove(serverInstance);
        }
    }

    // ---------------------------------------------------------------- backends (server thread)

    void candidateAdded(Candidate candidate) {
        candidates.removeIf(c -> c.backend() == candidate.backend());
        candidates.add(candidate);
        reselect();
    }

    void candidateRemoved(Backend backend) {
        candidates.removeIf(c -> c.backend() == backend);
        reselect();
    }

    /** The best candidate by the rule discovery follows in AUTO ({@link BackendOrder#AUTOMATIC}), or {@code null}. */
    private Candidate best() {
        return candidates.stream().min(java.util.Comparator.comparing(Candidate::info, BackendOrder.AUTOMATIC)).orElse(null);
    }

    private void reselect() {
        Candidate best = best();
        ExportBinding current;
        ExportBinding connecting;
        synchronized (lock) {
            current = active;
            connecting = pending;
        }
        Candidate target = connecting != null ? connecting.candidate : current == null ? null : current.candidate;
        if (best == null) {
            unbind();
            return;
        }
        if (target != null && target.backend() == best.backend()) {
            if (!target.equals(best) && current != null && current.candidate.backend() == best.backend()) {
                current.candidate = best; // ranking or name changed: offer it anew
                server.offerChanged();
            }
            return;
        }
        bind(best);
    }

    private void bind(Candidate candidate) {
        FeatureModel model = candidate.backend().model();
        ExportBinding binding = new ExportBinding(this, server, candidate, model);
        synchronized (lock) {
            pending = binding;
        }
        server.runCall(() -> { // connecting runs the backend's code: not on the agent
            try {
                if (!binding.open()) {
                    LOG.log(Level.INFO, "IFW: " + server.describe() + ": " + featureId + " from backend '" + candidate.name()
                            + "' is exported once its state is restored: " + binding.heldBack);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: " + server.describe() + ": cannot connect backend '" + candidate.name() + "' of " + featureId
                        + ": " + e);
                server.execute(() -> {
                    synchronized (lock) {
                        if (pending == binding) {
                            pending = null;
                        }
                    }
                });
                binding.close("it could not be connected");
                return;
            }
            server.execute(() -> activate(binding));
        });
    }

    private void unbind() {
        ExportBinding old;
        ExportBinding connecting;
        List<Instance> dropped;
        synchronized (lock) {
            old = active;
            connecting = pending;
            active = null;
            pending = null;
            fanout.backendGone();
            dropped = new ArrayList<>(instances.values());
            instances.clear();
        }
        for (Instance instance : dropped) {
            instance.session.instances.remove(instance.clientInstance);
        }
        if (connecting != null) {
            connecting.close("the feature's last backend went away");
        }
        if (old != null) {
            old.close("backend '" + old.candidate.name() + "' went away");
            LOG.log(Level.INFO, "IFW: " + server.describe() + ": " + featureId + " is no longer exported: its backend '"
                    + old.candidate.name() + "' went away");
            server.offerChanged();
        }
    }

    /** Makes a connected binding whose backend has its whole state the active one (server thread). */
    private void activate(ExportBinding binding) {
        if (!binding.opened || !binding.ready()) {
            return;
        }
        ExportBinding old;
        List<Instance> reopen;
        synchronized (lock) {
            if (pending != binding) {
                if (active != binding) {
                    binding.close("replaced before it was exported");
                }
                return;
            }
            old = active;
            active = binding;
            pending = null;
            fanout.backendSwapped(); // the reader's first snapshot, polled below
            reopen = new ArrayList<>(instances.values());
        }
        if (old != null) {
            old.close("replaced by backend '" + binding.candidate.name() + "'");
        }
        pollChanges();
        for (Instance instance : reopen) {
            reopenInstance(binding, instance);
        }
        LOG.log(Level.INFO, "IFW: " + server.describe() + ": exporting " + featureId + " from backend '" + binding.candidate.name()
                + "' (" + binding.candidate.kind() + ")" + (old == null ? "" : ", replacing '" + old.candidate.name() + "'"));
        server.offerChanged();
    }

    private void reopenInstance(ExportBinding binding, Instance instance) {
        server.runCall(() -> {
            Promise<ModelInfo> attempt;
            try {
                attempt = binding.connection.openModel(instance.request);
            } catch (RuntimeException e) {
                attempt = org.osgi.util.promise.Promises.failed(e);
            }
            Promise<ModelInfo> opened = attempt;
            opened.onResolve(() -> {
                Throwable failure = ExportedCalls.failureOf(opened);
                int size = failure == null ? ExportedCalls.valueOf(opened).size() : 0;
                sendModelChange(instance, ModelChange.reset(Math.max(0, size)));
            });
        });
    }

    /** What the Offer says of this feature, or {@code null} when it has no backend now. */
    Messages.Offered offered() {
        synchronized (lock) {
            if (active == null) {
                return null;
            }
            FeatureModel model = active.payloads.model();
            return new Messages.Offered(index, featureId, model.fingerprint(), active.candidate.kind(), active.candidate.name(),
                    model.schemaText());
        }
    }

    /** The exported backend's name and kind, for {@code ifw:remote}; {@code null} when none. */
    String exportedBackend() {
        synchronized (lock) {
            return active == null ? null : active.candidate.name() + " (" + active.candidate.kind() + ")";
        }
    }

    long sequence() {
        return fanout.sequence();
    }

    int subscriberCount() {
        return fanout.subscriberCount();
    }

    /** Closes the exported backend's connection (server stopping). */
    void close() {
        unbind();
    }

    /** A binding held back for its backend's recovery is opened if it may be now (server agent). */
    void retryHeld() {
        ExportBinding waiting = pending;
        if (waiting != null && waiting.heldBack != null && !waiting.retrying) {
            waiting.retrying = true;
            server.runCall(() -> {
                waiting.retrying = false;
                try {
                    if (waiting.open()) {
                        server.execute(() -> activate(waiting));
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IFW: " + server.describe() + ": cannot connect backend '" + waiting.candidate.name() + "' of "
                            + featureId + ": " + e);
                }
            });
        }
    }


    /**
     * Reads the exported backend's new changes and sends each to the subscribers that are in step
     * (server agent). A backend still pushing its initial state (one without a log of its own) is
     * activated once it has.
     *
     * @return how many changes (and snapshots) were read
     */
    int pollChanges() {
        ExportBinding waiting = pending;
        if (waiting != null && waiting.opened && waiting.ready()) {
            activate(waiting);
        }
        ExportBinding reading = active;
        if (reading == null) {
            return 0;
        }
        return reading.reader.poll(reading, 4096); // a whole ring in one duty cycle, if the changes are there
    }

    // ---------------------------------------------------------------- subscribers (server agent)

    void addSubscriber(ServerSession.Subscription subscription) {
        fanout.addSubscriber(subscription);
    }

    /** Forgets a session that ended: its subscription and the model instances it opened. */
    void removeSession(ServerSession session) {
        List<Long> closing = new ArrayList<>();
        ExportBinding binding;
        synchronized (lock) {
            fanout.removeSubscriber(session);
            instances.entrySet().removeIf(entry -> {
                if (entry.getValue().session == session) {
                    closing.add(entry.getKey());
                    return true;
                }
                return false;
            });
            binding = active;
        }
        if (binding != null && !closing.isEmpty()) {
            server.runCall(() -> closing.forEach(instance -> ExportedCalls.closeQuietly(binding, instance)));
        }
    }

    boolean sendSnapshot(ServerSession.Subscription subscription, long nowNs) {
        return fanout.sendSnapshot(subscription, nowNs);
    }

    boolean catchUp(ServerSession.Subscription subscription, long nowNs) {
        return fanout.catchUp(subscription, nowNs);
    }

    void sendModelChange(Instance instance, ModelChange change) {
        fanout.sendModelChange(instance, change);
    }

    /** The open model instance of a paging model change, when it comes from the active binding; else {@code null}. */
    Instance instanceOf(ExportBinding binding, long instance) {
        synchronized (lock) {
            return binding == active ? instances.get(instance) : null;
        }
    }
}
