package io.ifw.backend.remote.aeron;

import io.ifw.codec.FeatureCodec;
import io.ifw.codec.CodecException;
import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ChangeLogFeed;
import io.ifw.core.spi.StateTable;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
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
    record Candidate(Backend backend, String name, String kind, int ranking, long serviceId) {

        boolean isProduction() {
            return BackendProperties.KIND_PRODUCTION.equals(kind);
        }

        static Candidate of(Backend backend, Map<String, ?> properties) {
            Object ranking = properties.get(org.osgi.framework.Constants.SERVICE_RANKING);
            Object id = properties.get(org.osgi.framework.Constants.SERVICE_ID);
            Object name = properties.get(BackendProperties.BACKEND_NAME);
            Object kind = properties.get(BackendProperties.BACKEND_KIND);
            return new Candidate(backend, name == null ? backend.getClass().getSimpleName() : name.toString(),
                    kind == null ? BackendProperties.KIND_PRODUCTION : kind.toString(),
                    ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L);
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
    private volatile Binding active;
    // Guarded by lock.
    private Binding pending;
    /** The state as of {@link #sequence}, from the log's snapshot plus the changes read since. */
    private StateTable mirror;
    private long sequence;
    private long readerResyncs;
    private ServerSession.Subscription[] subscribers = new ServerSession.Subscription[0];
    private final Messages fanout = new Messages();
    private final Map<Long, Instance> instances = new HashMap<>();
    private final UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    /**
     * The last {@value #HISTORY} changes as sent, for clients that catch up after a gap or a
     * reconnection instead of taking a snapshot. Guarded by lock; slots are reused.
     */
    static final int HISTORY = 4096;
    private final byte[][] history = new byte[HISTORY][];
    private final int[] historyLength = new int[HISTORY];
    private long historyFirst = 1;

    /** The clients' calls on the exported backend. */
    private final ExportedCalls calls;

    ExportedFeature(int index, String featureId, RemoteServer server) {
        this.index = index;
        this.featureId = featureId;
        this.server = server;
        this.calls = new ExportedCalls(this, server);
    }

    /** Decodes a client's call and has it carried out (server agent): see {@link ExportedCalls}. */
    void call(ServerSession session, CallDecoder call, String zone, Messages out) {
        calls.call(session, call, zone, out);
    }

    /** The backend exported now, or {@code null}. */
    Binding active() {
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

    private Candidate best() {
        Candidate best = null;
        for (Candidate candidate : candidates) {
            if (best == null || better(candidate, best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean better(Candidate a, Candidate b) {
        if (a.isProduction() != b.isProduction()) {
            return a.isProduction();
        }
        if (a.ranking() != b.ranking()) {
            return a.ranking() > b.ranking();
        }
        return a.serviceId() < b.serviceId();
    }

    private void reselect() {
        Candidate best = best();
        Binding current;
        Binding connecting;
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
        Binding binding = new Binding(candidate, model);
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
        Binding old;
        Binding connecting;
        List<Instance> dropped;
        synchronized (lock) {
            old = active;
            connecting = pending;
            active = null;
            pending = null;
            mirror = null;
            historyFirst = sequence + 1;
            for (ServerSession.Subscription subscriber : subscribers) {
                subscriber.resyncNeeded = true;
            }
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
    private void activate(Binding binding) {
        if (!binding.opened || !binding.ready()) {
            return;
        }
        Binding old;
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
            mirror = null; // the reader's first snapshot, polled below
            for (ServerSession.Subscription subscriber : subscribers) {
                subscriber.resyncNeeded = true;
            }
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

    private void reopenInstance(Binding binding, Instance instance) {
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
        synchronized (lock) {
            return sequence;
        }
    }

    int subscriberCount() {
        synchronized (lock) {
            return subscribers.length;
        }
    }

    /** Closes the exported backend's connection (server stopping). */
    void close() {
        unbind();
    }

    /** A binding held back for its backend's recovery is opened if it may be now (server agent). */
    void retryHeld() {
        Binding waiting = pending;
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

    /** How many times this feature's reader fell behind its backend's log and was resynced. */
    long readerResyncs() {
        synchronized (lock) {
            return readerResyncs;
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
        Binding waiting = pending;
        if (waiting != null && waiting.opened && waiting.ready()) {
            activate(waiting);
        }
        Binding reading = active;
        if (reading == null) {
            return 0;
        }
        return reading.reader.poll(reading, 4096); // a whole ring in one duty cycle, if the changes are there
    }

    // ---------------------------------------------------------------- subscribers

    void addSubscriber(ServerSession.Subscription subscription) {
        synchronized (lock) {
            subscription.resyncNeeded = true;
            for (ServerSession.Subscription existing : subscribers) {
                if (existing == subscription) {
                    return;
                }
            }
            subscribers = Arrays.copyOf(subscribers, subscribers.length + 1);
            subscribers[subscribers.length - 1] = subscription;
        }
    }

    /** Forgets a session that ended: its subscription and the model instances it opened. */
    void removeSession(ServerSession session) {
        List<Long> closing = new ArrayList<>();
        Binding binding;
        synchronized (lock) {
            subscribers = Arrays.stream(subscribers).filter(s -> s.session != session).toArray(ServerSession.Subscription[]::new);
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

    /**
     * Sends a subscriber the whole state, from SNAPSHOT_BEGIN to SNAPSHOT_END, all with the
     * current sequence (server thread).
     *
     * @return whether all of it went out; if not, the subscriber still needs a resync
     */
    boolean sendSnapshot(ServerSession.Subscription subscription, long nowNs) {
        synchronized (lock) {
            if (active == null || mirror == null || !subscription.resyncNeeded) {
                return false;
            }
            ServerSession session = subscription.session;
            long at = sequence;
            FeatureCodec payloads = active.payloads;
            // SNAPSHOT_BEGIN's payload: the log's id, then why a snapshot rather than the changes asked for (UTF-8, may be empty)
            fanout.payload.putLong(0, active.log.logId(), java.nio.ByteOrder.LITTLE_ENDIAN);
            int reasonLength = fanout.payload.putStringWithoutLengthUtf8(Long.BYTES, subscription.snapshotReason);
            boolean sent = send(session, at, UpdateKind.SNAPSHOT_BEGIN, -1, "", Long.BYTES + reasonLength, nowNs)
                    && send(session, at, UpdateKind.ZONES, -1, "", FeatureCodec.putZones(mirror.zoneNames(), fanout.payload, 0), nowNs);
            for (String zone : mirror.slotZones()) {
                StateTable.Zone state = mirror.zone(zone);
                for (int member = 0; member < state.size() && sent; member++) {
                    if (state.attribute(member) != null) {
                        sent = send(session, at, UpdateKind.ATTRIBUTE, member, zone,
                                payloads.putAttribute(member, state.attribute(member), fanout.payload, 0), nowNs);
                    }
                    if (sent && state.has(member)) {
                        sent = sendValue(session, at, member, zone, state.value(member), payloads, nowNs);
                    }
                    if (sent && state.availability(member) != null) {
                        sent = send(session, at, UpdateKind.AVAILABILITY, member, zone,
                                FeatureCodec.putAvailability(state.availability(member), fanout.payload, 0), nowNs);
                    }
                }
            }
            sent = sent && send(session, at, UpdateKind.ERROR, -1, "", FeatureCodec.putError(mirror.error(), fanout.payload, 0), nowNs)
                    && send(session, at, UpdateKind.SNAPSHOT_END, -1, "", 0, nowNs);
            if (sent) {
                subscription.resyncNeeded = false;
                subscription.snapshotReason = "";
                session.resyncs.incrementAndGet();
            }
            return sent;
        }
    }

    /** A snapshot's value; one the codec cannot take is left out (and reported once), not sent. */
    private boolean sendValue(ServerSession session, long at, int member, String zone, Object value, FeatureCodec payloads, long nowNs) {
        int length;
        try {
            length = payloads.putValue(member, value, fanout.payload, 0);
        } catch (RuntimeException e) {
            server.encodingFailed(featureId, payloads.model().member(member).name(), e);
            return true;
        }
        return send(session, at, UpdateKind.VALUE, member, zone, length, nowNs);
    }

    private boolean send(ServerSession session, long at, UpdateKind kind, int member, String zone, int payloadLength, long nowNs) {
        int length = fanout.update(index, at, kind, member, zone, payloadLength);
        return session.offer(fanout.buffer, length, nowNs);
    }

    /** The most changes a catch-up reads from the journal; a client further behind takes a snapshot. */
    static final int JOURNAL_CATCH_UP_LIMIT = 100_000;

    /**
     * Sends a subscriber the changes after its {@code catchUpFrom}, then CATCH_UP_END: from the
     * history in memory when it holds them all, else from the journal (read on the call thread,
     * sent when it is read), when the server journals the feature and the client's sequence is of
     * the same change log (server agent).
     *
     * @return whether it caught up, or the journal is being read; if not, it needs a snapshot
     *     (whose reason the subscription then holds)
     */
    boolean catchUp(ServerSession.Subscription subscription, long nowNs) {
        long since = subscription.catchUpFrom;
        subscription.catchUpFrom = -1;
        synchronized (lock) {
            if (active == null || mirror == null) {
                return false;
            }
            if (subscription.catchUpLog != active.log.logId()) {
                subscription.snapshotReason = "its sequence " + since + " is of another change log (the backend changed, or the server"
                        + " started over without a journal of it)";
                return false;
            }
            if (since > sequence) {
                subscription.snapshotReason = "its sequence " + since + " is ahead of the server's " + sequence;
                return false;
            }
            if (since < historyFirst - 1) {
                return catchUpFromJournal(subscription, since);
            }
            return sendFromMemory(subscription, since, nowNs, 0);
        }
    }

    /** Sends changes {@code since + 1} to the last from memory, then CATCH_UP_END. Holds the lock. */
    private boolean sendFromMemory(ServerSession.Subscription subscription, long since, long nowNs, long fromJournal) {
        ServerSession session = subscription.session;
        for (long at = since + 1; at <= sequence; at++) {
            int slot = (int) (at % HISTORY);
            scratch.wrap(history[slot], 0, historyLength[slot]);
            if (!session.offer(scratch, historyLength[slot], nowNs)) {
                subscription.snapshotReason = "it could not take the missed changes as fast as they were sent";
                return false;
            }
        }
        int length = fanout.update(index, sequence, UpdateKind.CATCH_UP_END, -1, "", 0);
        if (!session.offer(fanout.buffer, length, nowNs)) {
            subscription.snapshotReason = "it could not take the missed changes as fast as they were sent";
            return false;
        }
        subscription.resyncNeeded = false;
        session.catchUps.incrementAndGet();
        if (fromJournal > 0) {
            session.journalCatchUps.incrementAndGet();
        }
        return true;
    }

    /** A change read from the journal, to be sent as an update. */
    private record Missed(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
    }

    /** Starts reading the missed changes from the journal on the call thread. Holds the lock. */
    private boolean catchUpFromJournal(ServerSession.Subscription subscription, long since) {
        io.ifw.core.spi.ChangeHistory journal = server.history();
        if (journal == null) {
            subscription.snapshotReason = "the server keeps changes " + historyFirst + " to " + sequence + " in memory and journals none"
                    + " before them";
            return false;
        }
        Binding binding = active;
        long until = historyFirst - 1;
        long logId = binding.log.logId();
        FeatureModel model = binding.payloads.model();
        String backendName = binding.candidate.name();
        subscription.historyPending = true;
        server.runCall(() -> {
            List<Missed> missed = new ArrayList<>();
            io.ifw.core.spi.ChangeHistory.Replay replay;
            try {
                replay = journal.changesSince(model, backendName, logId, since, until, JOURNAL_CATCH_UP_LIMIT, new ChangeLog.Handler() {
                    @Override
                    public void snapshot(long at, StateTable state, String reason) {
                    }

                    @Override
                    public void change(long at, ChangeLog.Kind kind, int member, String zone, Object value) {
                        missed.add(new Missed(at, kind, member, zone, value));
                    }
                });
            } catch (RuntimeException e) {
                replay = new io.ifw.core.spi.ChangeHistory.Replay(since, "the journal could not be read: " + e);
            }
            io.ifw.core.spi.ChangeHistory.Replay read = replay;
            server.execute(() -> sendFromJournal(subscription, binding, since, read, missed));
        });
        return true;
    }

    /** Sends what was read from the journal, then the rest from memory and CATCH_UP_END (server agent). */
    private void sendFromJournal(ServerSession.Subscription subscription, Binding binding, long since,
                                 io.ifw.core.spi.ChangeHistory.Replay replay, List<Missed> missed) {
        subscription.historyPending = false;
        subscription.lastAttemptNs = 0;
        long nowNs = System.nanoTime();
        synchronized (lock) {
            if (binding != active || mirror == null || subscription.session.closed) {
                subscription.snapshotReason = "the exported backend changed while the journal was read";
                return;
            }
            if (!replay.complete()) {
                subscription.snapshotReason = replay.refusal();
                return;
            }
            if (replay.last() + 1 < historyFirst) {
                subscription.snapshotReason = "the journal holds changes up to " + replay.last() + ", the server's memory from "
                        + historyFirst;
                return;
            }
            ServerSession session = subscription.session;
            for (Missed change : missed) {
                int length = encodeMissed(binding, change);
                if (!session.offer(fanout.buffer, length, nowNs)) {
                    subscription.snapshotReason = "it could not take the missed changes as fast as they were sent";
                    return;
                }
            }
            if (sendFromMemory(subscription, replay.last(), nowNs, missed.size())) {
                LOG.log(Level.INFO, "IFW: " + server.describe() + ": client '" + session.clientName + "' caught up on " + featureId
                        + " from the journal: " + missed.size() + " changes after " + since + ", then " + (sequence - replay.last())
                        + " from memory, to " + sequence);
            }
        }
    }

    /** An update for a change read from the journal; one the codec cannot take goes as SKIPPED. Holds the lock. */
    private int encodeMissed(Binding binding, Missed change) {
        UpdateKind kind;
        int payloadLength;
        try {
            switch (change.kind()) {
                case ZONES -> {
                    kind = UpdateKind.ZONES;
                    @SuppressWarnings("unchecked")
                    List<String> zones = (List<String>) change.value();
                    payloadLength = FeatureCodec.putZones(zones, fanout.payload, 0);
                }
                case VALUE -> {
                    kind = UpdateKind.VALUE;
                    payloadLength = binding.payloads.putValue(change.member(), change.value(), fanout.payload, 0);
                }
                case AVAILABILITY -> {
                    kind = UpdateKind.AVAILABILITY;
                    payloadLength = FeatureCodec.putAvailability((ValueAvailability) change.value(), fanout.payload, 0);
                }
                case ATTRIBUTE -> {
                    kind = UpdateKind.ATTRIBUTE;
                    payloadLength = binding.payloads.putAttribute(change.member(), (Attribute<?>) change.value(), fanout.payload, 0);
                }
                case ERROR -> {
                    kind = UpdateKind.ERROR;
                    payloadLength = FeatureCodec.putError((FeatureError) change.value(), fanout.payload, 0);
                }
                default -> {
                    kind = UpdateKind.SKIPPED;
                    payloadLength = 0;
                }
            }
        } catch (RuntimeException e) {
            kind = UpdateKind.SKIPPED;
            payloadLength = 0;
        }
        boolean noMember = kind == UpdateKind.ZONES || kind == UpdateKind.ERROR || kind == UpdateKind.SKIPPED;
        return fanout.update(index, change.sequence(), kind, noMember ? -1 : change.member(), noMember ? "" : change.zone(), payloadLength);
    }

    /** Sends change {@code at} to every subscriber that is not owed a snapshot, and keeps it in the history. Holds the lock. */
    private void publish(long at, UpdateKind kind, int member, String zone, int payloadLength) {
        sequence = at;
        int length = fanout.update(index, at, kind, member, zone, payloadLength);
        int slot = (int) (at % HISTORY);
        if (history[slot] == null || history[slot].length < length) {
            history[slot] = new byte[Math.max(length, 64)];
        }
        fanout.buffer.getBytes(0, history[slot], 0, length);
        historyLength[slot] = length;
        if (at - historyFirst >= HISTORY) {
            historyFirst = at - HISTORY + 1;
        }
        long now = System.nanoTime();
        for (ServerSession.Subscription subscriber : subscribers) {
            if (!subscriber.resyncNeeded && !subscriber.session.offer(fanout.buffer, length, now)) {
                subscriber.resyncNeeded = true; // it missed this change: it gets a snapshot when it can take one
            }
        }
    }

    /** Sends a model instance's change from the server agent (it is reported on the backend's thread). */
    private void sendModelChange(Instance instance, ModelChange change) {
        server.execute(() -> {
            synchronized (lock) {
                int length = fanout.modelChanged(index, instance.clientInstance, change.kind(), change.index(), change.count(),
                        change.to());
                instance.session.offerOrQueue(fanout.buffer, length, System.nanoTime());
            }
        });
    }

    // ---------------------------------------------------------------- the backend's reports

    /**
     * One backend of this feature being exported: a reader of its change log (its own, or one fed
     * from its reports when it has none), and a connection for calls and paging models.
     */
    final class Binding implements ChangeLog.Handler {
        volatile Candidate candidate;
        final FeatureCodec payloads;
        volatile BackendConnection connection;
        volatile boolean closed;
        volatile ChangeLog log;
        volatile ChangeLog.Reader reader;
        /** Connected and reading (set by {@link #open}, on the call thread). */
        volatile boolean opened;
        private volatile ChangeLogFeed feed;
        final Set<ExportedCalls.Reply> inFlight = ConcurrentHashMap.newKeySet();
        private final BackendListener modelChanges = new ModelChanges(this);

        Binding(Candidate candidate, FeatureModel model) {
            this.candidate = candidate;
            this.payloads = new FeatureCodec(model);
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
            String held = barrier == null ? null : barrier.holdBack(backend, candidate.name());
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
            reader = log.reader("remote server '" + server.name() + "'", false, null);
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
                reply.fail(ErrorCode.BACKEND_GONE, "backend '" + candidate.name() + "' of " + featureId + " on server '" + server.name()
                        + "' went away before answering (" + reason + ")");
            }
        }

        /** The state at {@code at}: the first read, or a resync after this reader fell behind the log (server agent). */
        @Override
        public void snapshot(long at, StateTable state, String reason) {
            synchronized (lock) {
                if (this != active) {
                    return;
                }
                if (mirror != null) {
                    readerResyncs++;
                    LOG.log(Level.DEBUG, "IFW: " + server.describe() + ": " + featureId + " resynced from its backend's log: " + reason);
                }
                mirror = state;
                sequence = at;
                historyFirst = at + 1; // what came before is not in the history: a client behind it takes a snapshot
                for (ServerSession.Subscription subscriber : subscribers) {
                    subscriber.resyncNeeded = true;
                }
            }
        }

        /** One change of the backend's log: applied to the view, sent to the subscribers in step (server agent). */
        @Override
        @SuppressWarnings("unchecked")
        public void change(long at, ChangeLog.Kind kind, int member, String zone, Object value) {
            synchronized (lock) {
                if (this != active || mirror == null) {
                    return;
                }
                switch (kind) {
                    case ZONES -> {
                        mirror.setZoneNames((List<String>) value);
                        publish(at, UpdateKind.ZONES, -1, "", FeatureCodec.putZones(mirror.zoneNames(), fanout.payload, 0));
                    }
                    case VALUE -> {
                        mirror.zoneOrAdd(zone).put(member, value);
                        publishEncoded(at, UpdateKind.VALUE, member, zone, () -> payloads.putValue(member, value, fanout.payload, 0));
                    }
                    case AVAILABILITY -> {
                        mirror.zoneOrAdd(zone).setAvailability(member, (ValueAvailability) value);
                        publish(at, UpdateKind.AVAILABILITY, member, zone,
                                FeatureCodec.putAvailability((ValueAvailability) value, fanout.payload, 0));
                    }
                    case ATTRIBUTE -> {
                        mirror.zoneOrAdd(zone).setAttribute(member, (Attribute<?>) value);
                        publishEncoded(at, UpdateKind.ATTRIBUTE, member, zone,
                                () -> payloads.putAttribute(member, (Attribute<?>) value, fanout.payload, 0));
                    }
                    case SIGNAL -> publishEncoded(at, UpdateKind.SIGNAL, member, zone,
                            () -> payloads.putValue(member, value, fanout.payload, 0));
                    case ERROR -> {
                        mirror.setError((FeatureError) value);
                        publish(at, UpdateKind.ERROR, -1, "", FeatureCodec.putError((FeatureError) value, fanout.payload, 0));
                    }
                    case CONNECTION -> {
                        // A local backend's link is its own business; the client reports the server's.
                        publish(at, UpdateKind.SKIPPED, -1, "", 0);
                    }
                }
            }
        }

        /** Encodes and publishes; a value the codec cannot take is logged and sent as SKIPPED (the sequence goes on). Holds the lock. */
        private void publishEncoded(long at, UpdateKind kind, int member, String zone, java.util.function.IntSupplier encoder) {
            int payloadLength;
            try {
                payloadLength = encoder.getAsInt();
            } catch (RuntimeException e) {
                server.encodingFailed(featureId, payloads.model().member(member).name(), e);
                publish(at, UpdateKind.SKIPPED, -1, "", 0);
                return;
            }
            publish(at, kind, member, zone, payloadLength);
        }
    }

    /** Told of the paging model changes of the instances a binding opened. */
    private final class ModelChanges implements BackendListener {
        private final Binding binding;

        ModelChanges(Binding binding) {
            this.binding = binding;
        }

        @Override
        public void modelChanged(long instance, ModelChange change) {
            Instance target;
            synchronized (lock) {
                target = binding == active ? instances.get(instance) : null;
            }
            if (target != null) {
                sendModelChange(target, change);
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
