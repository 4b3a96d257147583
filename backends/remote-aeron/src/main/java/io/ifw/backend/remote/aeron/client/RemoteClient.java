package io.ifw.backend.remote.aeron.client;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.transport.AgentThreads;
import io.ifw.backend.remote.aeron.transport.MediaDrivers;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * Takes features from one remote server: connects (Hello, the proof of the shared secret,
 * Welcome), learns what the server offers, and for each feature this process knows and that is
 * compatible registers a remote backend (through a {@link Registrar}) once its snapshot is in.
 * Writes, calls and model requests of local front ends go to the server with correlation ids
 * and time out; their answers may come in any order. Heartbeats tell whether the server lives;
 * when it is lost the remote backends stay bound (values stale, calls failing at once with
 * NOT_CONNECTED) or are unregistered, as configured, and the client reconnects and resyncs by
 * itself when the server is back.
 *
 * <p>One thread (an Agrona agent) receives and alone offers to the server; callers queue their
 * calls in a {@link CallOutbox}, and local front ends are told of changes on the client's
 * delivery thread. The parts: {@link ClientTransport} (the Aeron link), {@link ClientHandshake},
 * {@link ClientOffers} (what the server offers, matched with this process's features),
 * {@link ClientFrames} (routing what the server sends), {@link PendingCalls}; what is left here is
 * the session's state machine (connecting, connected, suspect, lost) that the agent drives.
 */
public final class RemoteClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName());
    private static final PromiseFactory PROMISES = new PromiseFactory(PromiseFactory.inlineExecutor());

    /** Where the client is with its server. */
    public enum State { CONNECTING, CONNECTED, SUSPECT, DISCONNECTED, REFUSED, FAILED, STOPPED }

    /** This process's feature models, by feature id. */
    public interface FeatureModels {
        /** The model of a feature interface this process has, or {@code null}. */
        FeatureModel model(String featureId);
    }

    /** Registers the remote backends where local front ends find them (the OSGi registry). */
    public interface Registrar {
        Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties);

        void update(Object registration, Dictionary<String, Object> properties);

        void unregister(Object registration);
    }

    private final ClientSettings settings;
    private final RemoteBackendRegistrations registrations;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, RemoteFeature> features = new ConcurrentHashMap<>();
    private final PendingCalls pending;
    private final AtomicLong instanceIds = new AtomicLong();
    /** Calls on their way to the server: callers queue them, the agent alone offers them. */
    private final CallOutbox outbox;
    private final ClientHandshake handshake;
    private final ClientOffers offers;
    private final BadInput badInput;
    private final AtomicLong gaps = new AtomicLong();

    private volatile State state = State.CONNECTING;
    private volatile String detail = "";
    private volatile long sessionId;
    private volatile boolean readOnly;
    private volatile String serverName = "";
    private volatile long roundTripNs;
    private AgentThreads.Running runner;

    // Client thread only.
    private final ClientTransport transport;
    private long lastReceivedNs;
    private long lastHeartbeatNs;
    private long lastTimeoutScanNs;
    private long serverTimestampNs;
    private final Messages out = new Messages();
    private final FragmentAssembler assembler;
    private final FragmentAssembler fanoutAssembler;
    /** The server's fan-out publication reaches this client: its subscriptions say so, and changes come there (client thread). */
    private boolean onFanout;

    private final AgentThreads.TaskAgent deliveryAgent;
    private volatile AgentThreads.Running deliveryRunner;

    public RemoteClient(ClientSettings settings, FeatureModels models, Registrar registrar) {
        this.deliveryAgent = new AgentThreads.TaskAgent("ifw-remote-client-" + settings.name() + "-delivery",
                "remote client '" + settings.name() + "'", LOG);
        this.settings = settings;
        this.registrations = new RemoteBackendRegistrations(settings, registrar);
        this.badInput = new BadInput(describe());
        this.pending = new PendingCalls(settings.channel());
        this.outbox = new CallOutbox(settings, pending, PROMISES);
        this.handshake = new ClientHandshake(settings, describe(), out);
        this.offers = new ClientOffers(this, models, registrations, features, badInput);
        ClientFrames frames = new ClientFrames(this, offers, pending, badInput);
        this.assembler = new FragmentAssembler(frames::onFragment);
        this.fanoutAssembler = new FragmentAssembler(frames::onFanoutFragment);
        this.transport = new ClientTransport(settings, describe(), new ClientTransport.Listener() {
            @Override
            public void driverLost(long now) {
                lost("the Aeron media driver stopped", now);
            }

            @Override
            public void opened() {
                if (state == State.FAILED) {
                    state = State.CONNECTING;
                    detail = "";
                }
                handshake.restart();
            }

            @Override
            public void failed(String failure) {
                state = State.FAILED;
                detail = failure;
            }
        });
    }

    String describe() {
        return "remote client '" + settings.name() + "' of " + settings.channel() + " stream " + settings.streamId();
    }

    ClientSettings settings() {
        return settings;
    }

    public State state() {
        return state;
    }

    public String detail() {
        return detail;
    }

    /**
     * Where local front ends of the remote features are told of changes: the client's delivery
     * thread, never its agent.
     */
    java.util.concurrent.Executor delivery() {
        return deliveryAgent::execute;
    }

    public void start() {
        deliveryRunner = AgentThreads.start(deliveryAgent.roleName(), describe(), settings.transport().newIdleStrategy(), deliveryAgent, LOG,
                error -> {
                    detail = "its delivery thread ended on " + error;
                    state = State.FAILED;
                });
        runner = AgentThreads.start("ifw-remote-client-" + settings.name(), describe(), settings.transport().newIdleStrategy(),
                new ClientAgent(), LOG, error -> {
                    detail = "its thread ended on " + error;
                    state = State.FAILED;
                });
    }

    /** Says goodbye to the server, unregisters the remote backends and stops. */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        if (deliveryRunner != null) {
            deliveryRunner.close();
        }
        transport.close();
        state = State.STOPPED;
    }

    /** The feature models of this process changed: features offered but unknown may now be served. */
    void featureModelsChanged() {
        tasks.offer(offers::reconcile);
    }

    // ---------------------------------------------------------------- calls (any thread)

    <T> Promise<T> failed(FeatureException failure) {
        return PROMISES.failed(failure);
    }

    long nextInstanceId() {
        return instanceIds.incrementAndGet();
    }

    private FeatureException notConnected() {
        String why = detail.isEmpty() ? state.name().toLowerCase(java.util.Locale.ROOT) : detail;
        return new FeatureException(ErrorCode.NOT_CONNECTED, "remote server on " + settings.channel() + " is not connected: " + why);
    }

    /** Sends a call and returns the promise of its answer; fails at once when not connected. */
    <T> Promise<T> call(RemoteFeature feature, CallKind kind, int serverMember, String zone, long instance, CallOutbox.PayloadWriter writer,
                        CallOutbox.ResultReader reader) {
        long session = sessionId;
        Publication target = transport.publication();
        State now = state;
        if (session == 0 || target == null || (now != State.CONNECTED && now != State.SUSPECT)) {
            return failed(notConnected());
        }
        if (feature.state != RemoteFeature.State.LIVE) {
            return failed(new FeatureException(ErrorCode.NOT_CONNECTED, feature.featureId + " is not in step with the remote server on "
                    + settings.channel() + " yet (" + feature.state.name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        // An answer is given after the changes the server sent before it reached the front ends: a
        // caller that sees its write acknowledged sees what it changed.
        return outbox.call(session, target.maxMessageLength(), feature, kind, serverMember, zone, instance, writer, reader,
                () -> feature.deliveryPending() ? delivery() : null);
    }

    /** Sends a call that wants no answer (closing a model instance). */
    void send(RemoteFeature feature, CallKind kind, int serverMember, String zone, long instance) {
        long session = sessionId;
        Publication target = transport.publication();
        if (session == 0 || target == null || serverMember < 0) {
            return;
        }
        outbox.send(session, feature, kind, serverMember, zone, instance);
    }

    private boolean offer(Publication target, DirectBuffer buffer, int length) {
        return CallOutbox.offer(target, buffer, 0, length);
    }

    // ---------------------------------------------------------------- features (client thread)

    /** A gap in a feature's sequence: ask for the missed changes (or a snapshot, if they are gone). */
    void gap(RemoteFeature feature, long missed) {
        gaps.incrementAndGet();
        resubscribe(feature);
    }

    /** Asks for a feature's changes again from where it stands (its missed changes, or a snapshot). */
    private void resubscribe(RemoteFeature feature) {
        feature.resync();
        long since = feature.catchUpFrom();
        if (sessionId != 0 && transport.publication() != null) {
            offer(transport.publication(), out.buffer, out.subscribe(sessionId, feature.serverIndex, since, feature.logId, onFanout));
        }
    }

    /** A feature's snapshot is in: register its backend, reopen its model instances after a new session. */
    void synced(RemoteFeature feature) {
        if (registrations.serve(feature)) {
            LOG.log(Level.INFO, "IFW: " + describe() + ": serving " + feature.featureId + " from the server's backend '"
                    + feature.serverBackend + "' (" + feature.serverKind + ")");
        }
        feature.reopenInstances();
    }

    // ---------------------------------------------------------------- the client's thread

    private final class ClientAgent implements Agent {

        @Override
        public int doWork() {
            int work = runTasks();
            long now = System.nanoTime();
            if (!transport.isOpen()) {
                return work + outbox.drain(null, sessionId) + transport.connect(now); // queued calls fail: there is no server
            }
            try {
                work += transport.invoke();
                if (!transport.isOpen()) {
                    return work;
                }
                work += outbox.drain(transport.publication(), sessionId);
                work += transport.poll(assembler, 32);
                work += transport.pollFanout(fanoutAssembler, 32);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: " + describe() + ": " + e, e);
            }
            return work + timers(now);
        }

        @Override
        public void onClose() {
            runTasks();
            if (sessionId != 0 && transport.publication() != null) {
                offer(transport.publication(), out.buffer, out.goodbye(sessionId, "client '" + settings.name() + "' is stopping"));
            }
            sessionId = 0;
            for (RemoteFeature feature : features.values()) {
                registrations.withdraw(feature);
            }
            failPending(ErrorCode.NOT_CONNECTED, "remote client '" + settings.name() + "' stopped before the server answered");
            transport.closeLink();
        }

        @Override
        public String roleName() {
            return "ifw-remote-client-" + settings.name();
        }
    }

    private int runTasks() {
        return AgentThreads.runTasks(tasks, describe(), LOG);
    }

    private int timers(long now) {
        int work = 0;
        long session = sessionId;
        if (session == 0) {
            work += handshake.poll(transport.publication(), state == State.REFUSED, transport.responseStreamId(), transport.responseChannel(), now);
        } else {
            long silent = now - lastReceivedNs;
            if (silent > TimeUnit.MILLISECONDS.toNanos(settings.livenessTimeoutMs())) {
                lost("no word from the server for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms", now);
                return work + 1;
            }
            if (silent > TimeUnit.MILLISECONDS.toNanos(settings.suspectAfterMs()) && state == State.CONNECTED) {
                state = State.SUSPECT;
                detail = "no word from the server for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms";
                for (RemoteFeature feature : features.values()) {
                    feature.suspect(detail);
                }
                work++;
            }
            if (now - lastHeartbeatNs >= TimeUnit.MILLISECONDS.toNanos(settings.heartbeatIntervalMs())) {
                lastHeartbeatNs = now;
                work += checkFanout();
                offer(transport.publication(), out.buffer, out.heartbeat(session, now, serverTimestampNs));
                work++;
            }
        }
        if (now - lastTimeoutScanNs >= TimeUnit.MILLISECONDS.toNanos(5) && !pending.isEmpty()) {
            lastTimeoutScanNs = now;
            work += pending.timeOut(now);
        }
        return work;
    }

    void lost(String reason, long now) {
        State before = state;
        if (before != State.CONNECTED && before != State.SUSPECT) {
            return;
        }
        sessionId = 0;
        handshake.restart();
        transport.closeFanout();
        onFanout = false;
        state = State.DISCONNECTED;
        detail = "lost " + java.time.LocalTime.now().withNano(0) + ": " + reason + "; reconnecting";
        failPending(ErrorCode.NOT_CONNECTED, "the connection to the remote server on " + settings.channel()
                + " was lost before it answered: " + reason);
        for (RemoteFeature feature : features.values()) {
            if (feature.state == RemoteFeature.State.LIVE || feature.state == RemoteFeature.State.SYNCING) {
                if (settings.onLoss() == ClientSettings.OnLoss.UNREGISTER) {
                    registrations.withdraw(feature);
                }
                feature.lost(reason);
                feature.state = RemoteFeature.State.LOST;
                feature.detail = reason;
            }
        }
        LOG.log(Level.WARNING, "IFW: " + describe() + ": lost the server: " + reason + "; the remote backends "
                + (settings.onLoss() == ClientSettings.OnLoss.UNREGISTER ? "are unregistered" : "stay bound, failing calls with NOT_CONNECTED")
                + " until it is back");
    }

    private void failPending(ErrorCode code, String message) {
        pending.failAll(code, message);
    }

    // ---------------------------------------------------------------- frames

    long sessionId() {
        return sessionId;
    }

    /** The transport session of the server's publication this client answered; 0 before a challenge. */
    int serverTransportSession() {
        return handshake.serverTransportSession();
    }

    /** A heartbeat: the server lives; its echo of this client's time gives the round trip. */
    void onHeartbeat(long session, long serverTimestamp, long echo, long now) {
        if (session == sessionId && alive(now)) {
            serverTimestampNs = serverTimestamp;
            if (echo != 0 && echo <= now) {
                roundTripNs = now - echo;
            }
        }
    }

    /** Subscribes a feature from where it stands (client agent). */
    void subscribe(RemoteFeature feature, int serverIndex) {
        offer(transport.publication(), out.buffer, out.subscribe(sessionId, serverIndex, feature.catchUpFrom(), feature.logId, onFanout));
    }

    /** The Aeron session of the server's fan-out publication this client hears; 0 for none. */
    int fanoutTransportSession() {
        return transport.fanoutTransportSession();
    }

    /**
     * Notices the server's fan-out publication reaching this client, or no longer reaching it,
     * and subscribes every feature again to say so: the server then sends its changes there (or
     * on the answer channel again), and the feature catches up what it missed meanwhile.
     */
    private int checkFanout() {
        boolean hears = transport.hearsFanout();
        if (hears == onFanout) {
            return 0;
        }
        onFanout = hears;
        LOG.log(Level.INFO, "IFW: " + describe() + ": " + (hears ? "hears the server's fan-out publication; changes come there"
                : "no longer hears the server's fan-out publication; changes come on the answer channel"));
        for (RemoteFeature feature : features.values()) {
            if (feature.serverIndex >= 0 && (feature.state == RemoteFeature.State.LIVE || feature.state == RemoteFeature.State.SYNCING)) {
                resubscribe(feature);
            }
        }
        return 1;
    }

    /** A message of the session arrived: the server lives. */
    boolean alive(long now) {
        if (sessionId == 0) {
            return false;
        }
        lastReceivedNs = now;
        if (state == State.SUSPECT) {
            state = State.CONNECTED;
            detail = "";
            for (RemoteFeature feature : features.values()) {
                feature.trusted();
            }
        }
        return true;
    }

    void onChallenge(ChallengeDecoder message, int transportSession) {
        if (sessionId == 0) {
            handshake.onChallenge(message, transportSession, transport.publication());
        }
    }

    void onWelcome(WelcomeDecoder message, long now) {
        if (sessionId != 0) {
            return;
        }
        boolean welcomedReadOnly = message.readOnly() != 0;
        int fanoutStreamId = message.fanoutStreamId();
        int fanoutTransportSession = message.fanoutTransportSession();
        ClientHandshake.Answer answer = handshake.welcome(message, now);
        if (answer instanceof ClientHandshake.NotTrusted notTrusted) {
            state = State.REFUSED;
            detail = notTrusted.detail();
            return;
        }
        if (!(answer instanceof ClientHandshake.Welcomed welcomed)) {
            return;
        }
        readOnly = welcomedReadOnly;
        serverName = welcomed.serverName();
        lastReceivedNs = now;
        lastHeartbeatNs = 0;
        roundTripNs = 0;
        State before = state;
        state = State.CONNECTED;
        detail = "";
        sessionId = message.sessionId();
        String fanoutChannel = message.fanoutChannel();
        onFanout = false;
        transport.closeFanout();
        if (fanoutStreamId != 0 && !fanoutChannel.isEmpty() && settings.useFanout()) {
            try {
                transport.openFanout(fanoutChannel, fanoutStreamId, fanoutTransportSession);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: " + describe() + ": cannot hear the server's fan-out publication on " + fanoutChannel
                        + " stream " + fanoutStreamId + ": " + e.getMessage() + "; changes come on the answer channel");
            }
        }
        for (RemoteFeature feature : features.values()) {
            feature.resync();
        }
        LOG.log(Level.INFO, "IFW: " + describe() + ": connected to server '" + serverName + "'" + (readOnly ? " (read-only)" : "")
                + (before == State.DISCONNECTED ? " again" : ""));
    }

    void onRefused(RefusedDecoder message, long now) {
        String refusal = sessionId == 0 ? handshake.refusal(message, now) : null;
        if (refusal != null) {
            state = State.REFUSED;
            detail = refusal;
        }
    }

    // ---------------------------------------------------------------- report

    public RemoteReport.Client report() {
        List<RemoteReport.Offered> offered = new ArrayList<>();
        for (RemoteFeature feature : features.values()) {
            offered.add(new RemoteReport.Offered(feature.featureId, feature.serverBackend + " (" + feature.serverKind + ")",
                    feature.state.name(), feature.detail.isEmpty() && !feature.lastSnapshotReason.isEmpty()
                            ? "its last snapshot came instead of the missed changes: " + feature.lastSnapshotReason : feature.detail,
                    feature.lastSequence));
        }
        offered.sort(java.util.Comparator.comparing(RemoteReport.Offered::featureId));
        return new RemoteReport.Client(settings.name(), settings.channel(), settings.streamId(), state.name(), detail,
                sessionId == 0 ? "" : serverName, readOnly ? "read-only" : "full", roundTripNs / 1000.0, pending.size(), pending.timedOut(),
                pending.lateAnswers(), offered, badInput.total(), badInput.byReason(), runner == null ? null : runner.stats(),
                deliveryRunner == null ? null : deliveryRunner.stats(), MediaDrivers.errors(settings.transport().aeronDirectory()),
                onFanout ? "hears the server's fan-out publication (Aeron session " + transport.fanoutTransportSession() + ")" : "");
    }

    public long gaps() {
        return gaps.get();
    }

    public BadInput badInput() {
        return badInput;
    }

    /** The stream the server answers this client on (tests). */
    public int responseStreamId() {
        return transport.responseStreamId();
    }

    /** The remote feature of an id, for tests and the shell. */
    public RemoteFeature feature(String featureId) {
        return features.get(featureId);
    }
}
