package io.ifw.backend.remote.aeron.server;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.transport.AeronLink;
import io.ifw.backend.remote.aeron.transport.AgentThreads;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.LinkOpener;
import io.ifw.backend.remote.aeron.transport.MediaDrivers;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendOrder;
import io.ifw.core.spi.BackendProperties;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * Serves the backends of this process to clients in other processes and on other hosts: listens
 * on one Aeron channel and stream, welcomes clients that prove the shared secret, exports the
 * best non-remote backend of each feature its settings name (following that backend's
 * hot-swaps), and sends each subscribed client a snapshot, then every change.
 *
 * <p>One thread (an Agrona agent) decodes, encodes and alone offers to the clients'
 * publications; it reads each exported backend's change log with a cursor of its own, so a
 * backend's writer never waits for a client. Backend code (calls, connects, closes) runs on the
 * server's call thread. The parts: {@link ServerHandshakes} (Hello to session),
 * {@link ServerSessions} (keeping sessions up), {@link ServerRequests} (routing what clients send),
 * {@link ExportedFeature} (one exported feature). The server knows backends through
 * {@link #backendAdded}, {@link #backendModified} and {@link #backendRemoved}; the OSGi component
 * feeds those from the service registry.
 */
public final class RemoteServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteServer.class.getName());
    private static final long RECONNECT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long HOUSEKEEPING_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long HELD_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private long lastHeldRetryNs;

    /** Where the server is. */
    public enum State { STARTING, LISTENING, FAILED, STOPPED }

    private final ServerSettings settings;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, ExportedFeature> features = new ConcurrentHashMap<>();
    private final List<ExportedFeature> byIndex = new CopyOnWriteArrayList<>();
    private final ServerSessions sessions;
    private final ServerHandshakes handshakes;
    private final BadInput badInput;
    private final AtomicLong instanceIds = new AtomicLong();
    private final Set<String> encodingFailures = ConcurrentHashMap.newKeySet();

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
    /** The publication every change goes to once, for the clients that hear it; {@code null} without fan-out. */
    private volatile io.aeron.ExclusivePublication fanout;
    private final AtomicLong fanoutChanges = new AtomicLong();
    private final AtomicLong fanoutFailures = new AtomicLong();
    private long lastConnectAttemptNs;
    private long lastHousekeepingNs;
    private String lastConnectFailure = "";
    private volatile AgentThreads.TaskAgent calls;
    private volatile AgentThreads.Running callRunner;
    private final Messages out = new Messages();
    private final ServerRequests requestHandler;
    private final FragmentAssembler assembler;

    public RemoteServer(ServerSettings settings) {
        this.settings = settings;
        this.badInput = new BadInput(describe());
        this.sessions = new ServerSessions(this, out, badInput);
        this.handshakes = new ServerHandshakes(this, sessions, out, badInput);
        this.requestHandler = new ServerRequests(this, sessions, handshakes, out, badInput);
        this.assembler = new FragmentAssembler(requestHandler::onFragment);
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
        if (candidate == null) {
            LOG.log(Level.WARNING, "IFW: " + describe() + ": backend " + BackendOrder.name(properties) + " of " + feature
                    + " has " + BackendProperties.BACKEND_KIND + "='" + properties.get(BackendProperties.BACKEND_KIND)
                    + "', expected 'production' or 'simulation'; it is not exported");
            return;
        }
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

    /** The features this server exports, by their index in its offer. */
    List<ExportedFeature> exported() {
        return byIndex;
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
            sessions.disconnect(clientName, reason);
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
        List<RemoteReport.Session> clients = sessions.report();
        return new RemoteReport.Server(settings.name(), settings.channel(), settings.streamId(), state.name(), stateDetail,
                settings.transport().aeronDirectory(), exported, clients, sessions.cutOffs(), badInput.total(), badInput.byReason(),
                runner == null ? null : runner.stats(), callRunner == null ? null : callRunner.stats(),
                MediaDrivers.errors(settings.transport().aeronDirectory()), fanoutReport());
    }

    private String fanoutReport() {
        if (!settings.hasFanout()) {
            return "";
        }
        io.aeron.ExclusivePublication publication = fanout;
        long hearing = sessions.hearingFanout();
        return "fan-out on " + settings.fanoutChannel() + " stream " + settings.fanoutStreamId()
                + (publication == null ? " (not open)" : " (Aeron session " + publication.sessionId() + ")") + ": " + fanoutChanges.get()
                + " changes sent once, " + hearing + (hearing == 1 ? " client hears it" : " clients hear it")
                + (fanoutFailures.get() > 0 ? ", " + fanoutFailures.get() + " changes it could not take (its clients resynced)" : "");
    }

    /** The fan-out publication, or {@code null} (server thread). */
    io.aeron.ExclusivePublication fanout() {
        return fanout;
    }

    /** Counts a change sent on the fan-out publication, or one it could not take. */
    void fanoutSent(boolean sent) {
        (sent ? fanoutChanges : fanoutFailures).incrementAndGet();
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
            sessions.goodbyeAll("server '" + settings.name() + "' is stopping");
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
            if (settings.hasFanout()) {
                fanout = link.aeron().addExclusivePublication(Channels.withTermLength(settings.fanoutChannel(), settings.transport().termLength()),
                        settings.fanoutStreamId());
            }
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
        sessions.endAll();
        handshakes.closeAll();
        if (link != null) {
            link.close();
            link = null;
        }
        requests = null;
        fanout = null;
    }

    private int housekeeping(long now) {
        int work = 0;
        if (offerChanged) {
            offerChanged = false;
            sessions.sendOffers(now);
            work++;
        }
        work += handshakes.poll(now);
        if (now - lastHeldRetryNs >= HELD_RETRY_NS) { // a backend held back for its recovery: the notice may have come too early
            lastHeldRetryNs = now;
            byIndex.forEach(ExportedFeature::retryHeld);
        }
        work += sessions.keepUp(now);
        return work;
    }

    // ---------------------------------------------------------------- frames

    /** The Aeron client of the server's link (server thread). */
    io.aeron.Aeron aeron() {
        return link.aeron();
    }

    /** The peer a frame came from, for logs: the UDP source address, or the IPC session. */
    String peer(Header frameHeader) {
        Image image = requests == null ? null : requests.imageBySessionId(frameHeader.sessionId());
        String source = image == null ? "?" : image.sourceIdentity();
        return settings.isUdp() ? source : "ipc session " + frameHeader.sessionId();
    }

}
