package io.ifw.backend.remote.aeron.server;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.protocol.ZoneNames;
import io.ifw.backend.remote.aeron.transport.AeronLink;
import io.ifw.backend.remote.aeron.transport.AgentThreads;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.LinkOpener;
import io.ifw.backend.remote.aeron.transport.MediaDrivers;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.ErrorCode;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.GoodbyeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import io.ifw.remote.protocol.sbe.SubscribeDecoder;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Serves the backends of this process to clients in other processes and on other hosts: listens
 * on one Aeron channel and stream, welcomes clients that prove the shared secret, exports the
 * best non-remote backend of each feature its settings name (following that backend's
 * hot-swaps), and sends each subscribed client a snapshot, then every change.
 *
 * <p>One thread (an Agrona agent) does the protocol work and every call into the backends; the
 * backends report changes from their own threads, which send them on at once. The server knows
 * backends through {@link #backendAdded}, {@link #backendModified} and {@link #backendRemoved};
 * the OSGi component feeds those from the service registry.
 */
public final class RemoteServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteServer.class.getName());
    /** The least time a handshake may take before the server gives up on it. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long RECONNECT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RESYNC_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long HELD_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private long lastHeldRetryNs;
    private static final int MAX_CLIENTS = 256;

    /** Where the server is. */
    public enum State { STARTING, LISTENING, FAILED, STOPPED }

    private final ServerSettings settings;
    private final SecureRandom random = new SecureRandom();
    /** This run of the server: clients catch up from a sequence only within one epoch. */
    private final long epoch = random.nextLong() | 1;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, ExportedFeature> features = new ConcurrentHashMap<>();
    private final List<ExportedFeature> byIndex = new CopyOnWriteArrayList<>();
    private final Map<Long, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, ServerSession> handshakes = new ConcurrentHashMap<>();
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
    private final BadInput badInput;
    private final AtomicLong instanceIds = new AtomicLong();
    private final Set<String> encodingFailures = ConcurrentHashMap.newKeySet();
    private final AtomicLong cutOff = new AtomicLong();

    private volatile State state = State.STARTING;
    /** This server's hold on its channel and stream; {@code null} before start or when refused. */
    private ChannelLock channelLock;
    private volatile String stateDetail = "";
    private volatile boolean offerChanged;
    private AgentThreads.Running runner;

    // Server thread only.
    private AeronLink link;
    private final LinkOpener<AeronLink> opener;
    private Subscription requests;
    private long lastConnectAttemptNs;
    private long lastHousekeepingNs;
    private String lastConnectFailure = "";
    private volatile AgentThreads.TaskAgent calls;
    private volatile AgentThreads.Running callRunner;
    private final Messages out = new Messages();
    private final ZoneNames zoneNames = new ZoneNames();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer zoneView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final ProofDecoder proof = new ProofDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final CallDecoder call = new CallDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final GoodbyeDecoder goodbye = new GoodbyeDecoder();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    /** The session of the last message: most messages in a row come from the same client. */
    private ServerSession lastSession;

    public RemoteServer(ServerSettings settings) {
        this.settings = settings;
        this.badInput = new BadInput(describe());
        this.opener = LinkOpener.of("ifw-remote-server-" + settings.name() + "-driver", settings.transport(), describe());
    }

    String name() {
        return settings.name();
    }

    String describe() {
        return "remote server '" + settings.name() + "' (" + settings.channel() + " stream " + settings.streamId() + ")";
    }

    ServerSettings settings() {
        return settings;
    }

    public BadInput badInput() {
        return badInput;
    }

    /**
     * Starts the server's thread; the server listens as soon as it reaches a media driver. A
     * second server on a channel and stream that one already serves does not start: it is FAILED,
     * with a message that names the first.
     */
    public void start() {
        try {
            channelLock = ChannelLock.acquire(settings, "server '" + settings.name() + "'");
        } catch (ChannelLock.ChannelTakenException e) {
            state = State.FAILED;
            stateDetail = "not started: " + e.getMessage();
            LOG.log(Level.WARNING, "IFW: " + describe() + " is not started: " + e.getMessage());
            return;
        }
        if (!channelLock.held()) {
            LOG.log(Level.WARNING, "IFW: " + describe() + ": cannot write " + ChannelLock.FOLDER
                    + "; a second server on this channel would not be detected");
        }
        if (settings.isUdp()) {
            String endpoint = Channels.endpoint(settings.channel());
            if (endpoint != null && !Channels.isLoopback(endpoint)) {
                LOG.log(Level.INFO, "IFW: " + describe() + " listens on " + endpoint + ", reachable from other hosts");
            }
        }
        calls = new AgentThreads.TaskAgent("ifw-remote-server-" + settings.name() + "-calls", describe(), LOG);
        callRunner = AgentThreads.start(calls.roleName(), describe(), settings.transport().newIdleStrategy(), calls, LOG, error -> {
            stateDetail = "its call thread ended on " + error;
            state = State.FAILED;
        });
        runner = AgentThreads.start("ifw-remote-server-" + settings.name(), describe(), settings.transport().newIdleStrategy(),
                new ServerAgent(), LOG, error -> {
                    stateDetail = "its thread ended on " + error;
                    state = State.FAILED;
                });
    }

    /** Says goodbye to every client, closes the exported backends' connections and stops. */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        if (callRunner != null) {
            callRunner.close(); // after the agent: closing the exports hands it the connections to close
        }
        opener.close();
        if (channelLock != null) {
            channelLock.close();
        }
        state = State.STOPPED;
    }

    public State state() {
        return state;
    }

    public String stateDetail() {
        return stateDetail;
    }

    // ---------------------------------------------------------------- backends

    /** A backend service appeared (any thread). Remote backends are never exported. */
    public void backendAdded(Backend backend, Map<String, ?> properties) {
        if (Boolean.parseBoolean(String.valueOf(properties.get(BackendProperties.BACKEND_REMOTE)))) {
            return;
        }
        Object feature = properties.get(BackendProperties.FEATURE);
        if (feature == null || !settings.exports(feature.toString())) {
            return;
        }
        ExportedFeature.Candidate candidate = ExportedFeature.Candidate.of(backend, properties);
        execute(() -> feature(feature.toString()).candidateAdded(candidate));
    }

    /** A backend service's properties changed (any thread). */
    void backendModified(Backend backend, Map<String, ?> properties) {
        if (Boolean.parseBoolean(String.valueOf(properties.get(BackendProperties.BACKEND_REMOTE)))) {
            backendRemoved(backend);
            return;
        }
        backendAdded(backend, properties);
    }

    /** A backend service went away (any thread). */
    public void backendRemoved(Backend backend) {
        execute(() -> features.values().forEach(feature -> feature.candidateRemoved(backend)));
    }

    private ExportedFeature feature(String featureId) {
        ExportedFeature feature = features.get(featureId);
        if (feature == null) {
            feature = new ExportedFeature(byIndex.size(), featureId, this);
            features.put(featureId, feature);
            byIndex.add(feature);
        }
        return feature;
    }

    /** Runs a task on the server's thread. */
    public void execute(Runnable task) {
        tasks.offer(task);
    }

    void offerChanged() {
        offerChanged = true;
    }

    long nextInstanceId() {
        return instanceIds.incrementAndGet();
    }

    private volatile java.util.function.Supplier<io.ifw.core.spi.ChangeHistory> history = () -> null;

    /** Where the changes a client missed beyond the exporters' memory are read from (a journal), if anywhere. */
    public void history(java.util.function.Supplier<io.ifw.core.spi.ChangeHistory> source) {
        history = source;
    }

    public io.ifw.core.spi.ChangeHistory history() {
        return history.get();
    }

    private volatile java.util.function.Supplier<io.ifw.core.spi.RecoveryBarrier> barrier = () -> null;

    /** What a local backend goes through before it is exported (its journaled state restored first), if anything. */
    void barrier(java.util.function.Supplier<io.ifw.core.spi.RecoveryBarrier> source) {
        barrier = source;
    }

    io.ifw.core.spi.RecoveryBarrier barrier() {
        return barrier.get();
    }

    /** A backend held back for its recovery may be ready: try again (any thread). */
    void recoveryMayBeReady() {
        execute(() -> byIndex.forEach(ExportedFeature::retryHeld));
    }

    /** The agent's encoder: only the server agent encodes and offers. */
    Messages agentMessages() {
        return out;
    }

    /**
     * Runs backend code (a call, a connect, a close) on the server's call thread, never on the
     * agent, which only decodes, encodes and offers.
     */
    void runCall(Runnable call) {
        AgentThreads.TaskAgent target = calls;
        if (target != null) {
            target.execute(call);
        }
    }

    void encodingFailed(String featureId, String member, RuntimeException error) {
        if (encodingFailures.add(featureId + "." + member)) {
            LOG.log(Level.WARNING, "IFW: " + describe() + ": cannot encode " + member + " of " + featureId
                    + "; its changes are not sent: " + error);
        }
    }

    /**
     * Ends the sessions of a client (by name) with a goodbye, as a cut-off would, then runs
     * {@code then} — all on the server's thread, so the client cannot be back before it ran.
     */
    public void disconnect(String clientName, String reason, Runnable then) {
        execute(() -> {
            for (ServerSession session : new ArrayList<>(sessions.values())) {
                if (session.clientName.equals(clientName)) {
                    session.offer(out.buffer, out.goodbye(session.sessionId, reason), System.nanoTime());
                    endSession(session, reason);
                }
            }
            then.run();
        });
    }

    // ---------------------------------------------------------------- report

    /** What {@code ifw:remote} shows of this server. */
    public RemoteReport.Server report() {
        List<RemoteReport.Exported> exported = new ArrayList<>();
        for (ExportedFeature feature : byIndex) {
            String backend = feature.exportedBackend();
            exported.add(new RemoteReport.Exported(feature.featureId, backend == null ? "(no backend)" : backend, feature.sequence(),
                    feature.subscriberCount()));
        }
        List<RemoteReport.Session> clients = new ArrayList<>();
        long now = System.nanoTime();
        for (ServerSession session : sessions.values()) {
            long behind = session.behindSinceNs;
            clients.add(new RemoteReport.Session(session.clientName, session.peer, session.readOnly ? "read-only" : "full",
                    session.startedEpochMs, session.messagesIn.get(), session.messagesOut.get(), session.calls.get(), session.resyncs.get(),
                    session.catchUps.get(), session.journalCatchUps.get(),
                    behind == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - behind), session.pendingOut.size()));
        }
        return new RemoteReport.Server(settings.name(), settings.channel(), settings.streamId(), state.name(), stateDetail,
                settings.transport().aeronDirectory(), exported, clients, cutOff.get(), badInput.total(), badInput.byReason(),
                runner == null ? null : runner.stats(), callRunner == null ? null : callRunner.stats(),
                MediaDrivers.errors(settings.transport().aeronDirectory()));
    }

    // ---------------------------------------------------------------- the server's thread

    private final class ServerAgent implements Agent {

        @Override
        public int doWork() {
            int work = runTasks();
            long now = System.nanoTime();
            if (link == null || link.isClosed()) {
                return work + connect(now);
            }
            try {
                work += link.invoke();
                if (link.isClosed()) {
                    return work;
                }
                work += requests.poll(assembler, 32);
                for (ExportedFeature feature : byIndex) {
                    work += feature.pollChanges();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: " + describe() + ": " + e, e);
            }
            if (now - lastHousekeepingNs >= HOUSEKEEPING_INTERVAL_NS) {
                lastHousekeepingNs = now;
                work += housekeeping(now);
            }
            return work;
        }

        @Override
        public void onClose() {
            runTasks();
            for (ServerSession session : sessions.values()) {
                session.offer(out.buffer, out.goodbye(session.sessionId, "server '" + settings.name() + "' is stopping"), System.nanoTime());
            }
            for (ExportedFeature feature : byIndex) {
                feature.close();
            }
            disconnect();
        }

        @Override
        public String roleName() {
            return "ifw-remote-server-" + settings.name();
        }
    }

    private int runTasks() {
        return AgentThreads.runTasks(tasks, describe(), LOG);
    }

    /**
     * Connects to the media driver without blocking the agent: an attempt runs on the link
     * opener's thread (a driver launch takes a while), and the agent takes the link when it is open.
     */
    private int connect(long now) {
        if (!opener.opening()) {
            if (lastConnectAttemptNs != 0 && now - lastConnectAttemptNs < RECONNECT_INTERVAL_NS) {
                return 0;
            }
            lastConnectAttemptNs = now;
            if (link != null) {
                LOG.log(Level.WARNING, "IFW: " + describe() + ": lost the Aeron media driver; its clients reconnect when it is back");
                disconnect();
            }
            opener.start();
            return 1;
        }
        try {
            AeronLink opened = opener.take();
            if (opened == null) {
                return 0;
            }
            link = opened;
            requests = link.aeron().addSubscription(settings.channel(), settings.streamId());
            state = State.LISTENING;
            stateDetail = (link.embeddedDriver() ? "embedded" : "shared") + " media driver in " + link.directory();
            lastConnectFailure = "";
            LOG.log(Level.INFO, "IFW: " + describe() + " is listening (" + stateDetail + ")");
            return 1;
        } catch (RuntimeException e) {
            String failure = e.getMessage() == null ? e.toString() : e.getMessage();
            state = State.FAILED;
            stateDetail = failure;
            if (!failure.equals(lastConnectFailure)) {
                lastConnectFailure = failure;
                LOG.log(Level.WARNING, "IFW: " + describe() + " cannot listen: " + failure + " (retrying)");
            }
            disconnect();
            return 0;
        }
    }

    private void disconnect() {
        for (ServerSession session : new ArrayList<>(sessions.values())) {
            endSession(session, null);
        }
        for (ServerSession session : new ArrayList<>(handshakes.values())) {
            handshakes.remove(session.clientId);
            session.closed = true;
        }
        if (link != null) {
            link.close();
            link = null;
        }
        requests = null;
    }

    private int housekeeping(long now) {
        int work = 0;
        if (offerChanged) {
            offerChanged = false;
            for (ServerSession session : sessions.values()) {
                sendOffer(session, now);
            }
            work++;
        }
        for (ServerSession session : handshakes.values()) {
            work += handshake(session, now);
        }
        if (now - lastHeldRetryNs >= HELD_RETRY_NS) { // a backend held back for its recovery: the notice may have come too early
            lastHeldRetryNs = now;
            byIndex.forEach(ExportedFeature::retryHeld);
        }
        for (ServerSession session : sessions.values()) {
            work += keepUp(session, now);
        }
        return work;
    }

    private int handshake(ServerSession session, long now) {
        // A handshake whose answer channel never connects is given up, but not sooner than
        // HANDSHAKE_TIMEOUT_MS: connecting a client's channel can take seconds on a busy host, and a
        // refusal given up on is a client left waiting with no reason.
        if (now - session.startedNs > TimeUnit.MILLISECONDS.toNanos(Math.max(settings.livenessTimeoutMs(), HANDSHAKE_TIMEOUT_MS))) {
            handshakes.remove(session.clientId);
            closePublication(session);
            return 1;
        }
        if (session.state == ServerSession.State.CHALLENGED || !session.publication.isConnected()) {
            return 0;
        }
        if (session.state == ServerSession.State.REFUSING) {
            refuse(session, session.refusalCode, session.refusal);
            return 1;
        }
        session.nonce = new byte[32];
        random.nextBytes(session.nonce);
        if (session.offer(out.buffer, out.challenge(session.clientId, session.nonce), now)) {
            session.state = ServerSession.State.CHALLENGED;
        }
        return 1;
    }

    private int keepUp(ServerSession session, long now) {
        if (session.closed) {
            endSession(session, "its connection closed");
            return 1;
        }
        if (now - session.lastReceivedNs > TimeUnit.MILLISECONDS.toNanos(settings.livenessTimeoutMs())) {
            endSession(session, "silent for " + TimeUnit.NANOSECONDS.toMillis(now - session.lastReceivedNs) + " ms");
            return 1;
        }
        int work = session.flushPending(scratch, now);
        for (ServerSession.Subscription subscription : session.subscriptions.values()) {
            if (subscription.resyncNeeded && !subscription.historyPending && now - subscription.lastAttemptNs >= RESYNC_RETRY_NS) {
                subscription.lastAttemptNs = now;
                if (subscription.catchUpFrom >= 0 && subscription.feature.catchUp(subscription, now)) {
                    work++;
                } else if (subscription.feature.sendSnapshot(subscription, now)) {
                    work++;
                }
            }
        }
        if (session.behindSinceNs != 0) {
            if (session.caughtUp()) {
                session.behindSinceNs = 0;
            } else if (now - session.behindSinceNs > TimeUnit.MILLISECONDS.toNanos(settings.maxClientLagMs())) {
                cutOff(session, now);
                return work + 1;
            }
        }
        if (now - session.lastHeartbeatSentNs >= TimeUnit.MILLISECONDS.toNanos(settings.heartbeatIntervalMs())) {
            session.lastHeartbeatSentNs = now;
            session.offer(out.buffer, out.heartbeat(session.sessionId, now, 0), now);
            work++;
        }
        return work;
    }

    private void cutOff(ServerSession session, long now) {
        String reason = "cut off: it took no updates for " + TimeUnit.NANOSECONDS.toMillis(now - session.behindSinceNs)
                + " ms (maxClientLagMs " + settings.maxClientLagMs() + ")";
        session.offer(out.buffer, out.goodbye(session.sessionId, reason), now);
        cutOff.incrementAndGet();
        endSession(session, reason);
    }

    private void endSession(ServerSession session, String reason) {
        sessions.remove(session.sessionId);
        for (ExportedFeature feature : byIndex) {
            feature.removeSession(session);
        }
        closePublication(session);
        if (reason != null) {
            LOG.log(Level.INFO, "IFW: " + describe() + ": client " + session.describe() + " disconnected: " + reason);
        }
    }

    private static void closePublication(ServerSession session) {
        session.closed = true;
        session.pendingOut.clear();
        try {
            session.publication.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "IFW: closing a client publication: " + e);
        }
    }

    private void sendOffer(ServerSession session, long now) {
        List<Messages.Offered> offered = new ArrayList<>();
        for (ExportedFeature feature : byIndex) {
            Messages.Offered entry = feature.offered();
            if (entry != null) {
                offered.add(entry);
            }
        }
        int length = out.offer(session.sessionId, offered);
        if (length > session.publication.maxMessageLength()) {
            LOG.log(Level.WARNING, "IFW: " + describe() + ": the offer of " + offered.size() + " features (" + length
                    + " bytes) exceeds the largest message of the channel; raise termLength");
            return;
        }
        session.offerOrQueue(out.buffer, length, now);
    }

    // ---------------------------------------------------------------- frames

    private void onFragment(DirectBuffer buffer, int offset, int length, Header frameHeader) {
        int template = Frames.check(buffer, offset, length);
        if (template < 0) {
            badInput.dropped(peer(frameHeader), "malformed frame", Frames.reason(template));
            return;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        int block = header.blockLength();
        int version = header.version();
        int body = MessageHeaderDecoder.ENCODED_LENGTH;
        long now = System.nanoTime();
        try {
            switch (template) {
                case HelloDecoder.TEMPLATE_ID:
                    onHello(hello.wrap(frame, body, block, version), frameHeader, now);
                    break;
                case ProofDecoder.TEMPLATE_ID:
                    onProof(proof.wrap(frame, body, block, version), frameHeader, now);
                    break;
                case SubscribeDecoder.TEMPLATE_ID:
                    subscribe.wrap(frame, body, block, version);
                    ServerSession subscriber = session(subscribe.sessionId(), frameHeader, now);
                    if (subscriber != null) {
                        onSubscribe(subscriber, subscribe.featureIndex(), subscribe.sinceSequence(), subscribe.sinceLog());
                    }
                    break;
                case CallDecoder.TEMPLATE_ID:
                    call.wrap(frame, body, block, version);
                    ServerSession caller = session(call.sessionId(), frameHeader, now);
                    if (caller != null) {
                        onCall(caller);
                    }
                    break;
                case HeartbeatDecoder.TEMPLATE_ID:
                    heartbeat.wrap(frame, body, block, version);
                    ServerSession alive = session(heartbeat.sessionId(), frameHeader, now);
                    if (alive != null) {
                        // Answered at once, so that the client measures its round trip.
                        alive.offer(out.buffer, out.heartbeat(alive.sessionId, now, heartbeat.timestampNs()), now);
                    }
                    break;
                case io.ifw.remote.protocol.sbe.GoodbyeDecoder.TEMPLATE_ID:
                    goodbye.wrap(frame, body, block, version);
                    ServerSession leaving = session(goodbye.sessionId(), frameHeader, now);
                    if (leaving != null) {
                        endSession(leaving, "it said goodbye: " + goodbye.reason());
                    }
                    break;
                default:
                    badInput.dropped(peer(frameHeader), "message a server does not take", "template " + template);
            }
        } catch (RuntimeException e) {
            badInput.dropped(peer(frameHeader), "undecodable message", e.toString());
        }
    }

    /** The peer a frame came from, for logs: the UDP source address, or the IPC session. */
    private String peer(Header frameHeader) {
        Image image = requests == null ? null : requests.imageBySessionId(frameHeader.sessionId());
        String source = image == null ? "?" : image.sourceIdentity();
        return settings.isUdp() ? source : "ipc session " + frameHeader.sessionId();
    }

    /** The active session of a message, checked; {@code null} (and counted) when it is not one. */
    private ServerSession session(long sessionId, Header frameHeader, long now) {
        ServerSession last = lastSession;
        ServerSession session = last != null && last.sessionId == sessionId && !last.closed ? last : sessions.get(sessionId);
        lastSession = session;
        if (session == null || session.closed) {
            badInput.dropped(peer(frameHeader), "message of an unknown session", "session " + sessionId);
            return null;
        }
        if (frameHeader.sessionId() != session.transportSessionId) {
            badInput.dropped(peer(frameHeader), "message of another peer's session", "session " + sessionId);
            return null;
        }
        session.lastReceivedNs = now;
        session.messagesIn.incrementAndGet();
        return session;
    }

    private void onHello(HelloDecoder message, Header frameHeader, long now) {
        int version = message.protocolVersion();
        long clientId = message.clientId();
        int responseStreamId = message.responseStreamId();
        String responseChannel = message.responseChannel();
        String clientName = message.clientName();
        if (handshakes.containsKey(clientId)) {
            return; // the client repeats its Hello until it is answered
        }
        String peer = peer(frameHeader);
        String problem = responseChannelProblem(responseChannel, peer);
        if (problem != null) {
            badInput.dropped(peer, "Hello with an unusable answer channel", problem);
            return;
        }
        Publication publication;
        try {
            publication = link.aeron().addExclusivePublication(Channels.withTermLength(responseChannel,
                    settings.transport().termLength()), responseStreamId);
        } catch (RuntimeException e) {
            badInput.dropped(peer, "Hello with an unusable answer channel", e.getMessage());
            return;
        }
        ServerSession session = new ServerSession(clientId, clientName, peer, frameHeader.sessionId(), publication, now);
        if (version != Frames.PROTOCOL_VERSION) {
            session.state = ServerSession.State.REFUSING;
            session.refusalCode = ErrorCode.INCOMPATIBLE;
            session.refusal = "protocol version " + version + " is not spoken here (this server speaks " + Frames.PROTOCOL_VERSION + ")";
        } else if (sessions.size() + handshakes.size() >= MAX_CLIENTS) {
            session.state = ServerSession.State.REFUSING;
            session.refusalCode = ErrorCode.UNKNOWN;
            session.refusal = "too many clients (" + MAX_CLIENTS + ")";
        }
        handshakes.put(clientId, session);
    }

    /** Why the server will not answer on a client's channel, or {@code null}. */
    private String responseChannelProblem(String channel, String peer) {
        try {
            io.aeron.ChannelUri uri = io.aeron.ChannelUri.parse(channel);
            if (settings.isUdp() != uri.isUdp() || (!uri.isUdp() && !uri.isIpc())) {
                return "answer channel '" + channel + "' is not of this server's media";
            }
            if (uri.isUdp()) {
                String endpoint = uri.get(io.aeron.CommonContext.ENDPOINT_PARAM_NAME);
                if (endpoint == null) {
                    return "answer channel '" + channel + "' has no endpoint";
                }
                String sourceHost = Channels.host(peer);
                String host = Channels.host(endpoint);
                if (!sameHost(sourceHost, host)) {
                    return "answer endpoint " + endpoint + " is not the sender's address " + peer;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "answer channel '" + channel + "': " + e.getMessage();
        }
    }

    private static boolean sameHost(String a, String b) {
        try {
            java.net.InetAddress x = java.net.InetAddress.getByName(a);
            java.net.InetAddress y = java.net.InetAddress.getByName(b);
            return x.equals(y) || (x.isLoopbackAddress() && y.isLoopbackAddress());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void onProof(ProofDecoder message, Header frameHeader, long now) {
        long clientId = message.clientId();
        byte[] hmac = new byte[message.hmacLength()];
        message.getHmac(hmac, 0, hmac.length);
        ServerSession session = handshakes.get(clientId);
        if (session == null || session.state != ServerSession.State.CHALLENGED) {
            badInput.dropped(peer(frameHeader), "unexpected proof", "client " + clientId);
            return;
        }
        if (frameHeader.sessionId() != session.transportSessionId) {
            badInput.dropped(peer(frameHeader), "proof from another peer", "client " + clientId);
            return;
        }
        Boolean readOnly = Secrets.role(settings.secret(), settings.readOnlySecret(), session.nonce, clientId, hmac);
        if (readOnly == null) {
            refuse(session, ErrorCode.PERMISSION_DENIED, hmac.length == 0 ? "a secret is required and none was given" : "wrong secret");
            return;
        }
        handshakes.remove(clientId);
        long sessionId;
        do {
            sessionId = random.nextLong();
        } while (sessionId == 0 || sessions.containsKey(sessionId));
        session.sessionId = sessionId;
        session.readOnly = readOnly;
        session.state = ServerSession.State.ACTIVE;
        session.lastReceivedNs = now;
        sessions.put(sessionId, session);
        session.offerOrQueue(out.buffer, out.welcome(clientId, sessionId, settings.heartbeatIntervalMs(), readOnly, epoch, settings.name()), now);
        sendOffer(session, now);
        LOG.log(Level.INFO, "IFW: " + describe() + ": client " + session.describe() + " connected" + (readOnly ? " (read-only)" : ""));
    }

    private void refuse(ServerSession session, ErrorCode code, String reason) {
        handshakes.remove(session.clientId);
        session.offer(out.buffer, out.refused(session.clientId, code, reason), System.nanoTime());
        if (loggedRefusals.size() < 1024 && loggedRefusals.add(session.peer + "|" + reason)) {
            LOG.log(Level.WARNING, "IFW: " + describe() + ": refused client " + session.describe() + ": " + reason);
        }
        badInput.counted("refused handshake"); // counted; the one line above said it
        // The publication lingers long enough for the refusal to arrive.
        closePublication(session);
    }

    private void onSubscribe(ServerSession session, int featureIndex, long sinceSequence, long sinceLog) {
        ExportedFeature feature = featureIndex < byIndex.size() ? byIndex.get(featureIndex) : null;
        if (feature == null) {
            badInput.dropped(session.peer, "subscribe to an unknown feature", "feature index " + featureIndex);
            return;
        }
        ServerSession.Subscription subscription = session.subscriptions.computeIfAbsent(featureIndex,
                index -> new ServerSession.Subscription(session, feature));
        subscription.lastAttemptNs = 0;
        subscription.catchUpLog = sinceLog;
        subscription.catchUpFrom = sinceSequence;
        feature.addSubscriber(subscription);
    }

    private void onCall(ServerSession session) {
        int featureIndex = call.featureIndex();
        ExportedFeature feature = featureIndex < byIndex.size() ? byIndex.get(featureIndex) : null;
        call.wrapZone(zoneView);
        String zone = zoneNames.of(zoneView, 0, zoneView.capacity());
        if (feature == null) {
            long correlationId = call.correlationId();
            if (correlationId != 0) {
                session.offerOrQueue(out.buffer, out.failure(correlationId, ErrorCode.NO_BACKEND, "no feature of index " + featureIndex
                        + " on server '" + settings.name() + "'"), System.nanoTime());
            }
            return;
        }
        feature.call(session, call, zone, out);
    }
}
