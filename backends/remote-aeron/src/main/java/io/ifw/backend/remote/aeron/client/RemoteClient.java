package io.ifw.backend.remote.aeron.client;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.protocol.WireEnums;
import io.ifw.backend.remote.aeron.protocol.ZoneNames;
import io.ifw.backend.remote.aeron.transport.AeronLink;
import io.ifw.backend.remote.aeron.transport.AgentThreads;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.LinkOpener;
import io.ifw.backend.remote.aeron.transport.MediaDrivers;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelChange;
import io.ifw.core.model.CompatibilityReport;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.GoodbyeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ModelChangedDecoder;
import io.ifw.remote.protocol.sbe.OfferDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.ResultDecoder;
import io.ifw.remote.protocol.sbe.UpdateDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.osgi.util.promise.Deferred;
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
 * <p>One thread (an Agrona agent) receives; local front ends send from their own threads.
 */
public final class RemoteClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName());
    private static final PromiseFactory PROMISES = new PromiseFactory(PromiseFactory.inlineExecutor());
    private static final long RECONNECT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long HELLO_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long HANDSHAKE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long REFUSED_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long OFFER_SPIN_NS = 2_000_000;

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

    /** Writes a call's payload; returns its length. */
    @FunctionalInterface
    interface PayloadWriter {
        int write(MutableDirectBuffer buffer);
    }

    /** Reads a successful answer's payload. */
    @FunctionalInterface
    public interface ResultReader {
        Object read(DirectBuffer buffer, int offset, int length);
    }

    /** One feature of the last offer. */
    private record OfferEntry(int index, String featureId, String fingerprint, String kind, String backendName, String schemaText) {
    }

    private final ClientSettings settings;
    private final FeatureModels models;
    private final RemoteBackendRegistrations registrations;
    private final SecureRandom random = new SecureRandom();
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final Map<String, RemoteFeature> features = new ConcurrentHashMap<>();
    private final PendingCalls pending;
    private final AtomicLong instanceIds = new AtomicLong();
    /** Where a caller's thread encodes its call before handing it to the agent. */
    private final ThreadLocal<Messages> threadMessages = ThreadLocal.withInitial(Messages::new);
    /**
     * Calls on their way to the server: callers write them here, the agent alone offers them to
     * the publication (an Agrona ring buffer: many writers, one reader).
     */
    private final org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer outbox = new org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer(
            new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(OUTBOX_BYTES + org.agrona.concurrent.ringbuffer.RingBufferDescriptor.TRAILER_LENGTH)));
    private static final int OUTBOX_BYTES = 1 << 20;
    private static final int OUTBOX_CALL = 1;
    private final io.ifw.remote.protocol.sbe.MessageHeaderDecoder outboxHeader = new io.ifw.remote.protocol.sbe.MessageHeaderDecoder();
    private final io.ifw.remote.protocol.sbe.CallDecoder outboxCall = new io.ifw.remote.protocol.sbe.CallDecoder();
    private final org.agrona.concurrent.MessageHandler sendCall = this::sendQueuedCall;
    private final BadInput badInput;
    private final AtomicLong gaps = new AtomicLong();
    private final Set<String> loggedIncompatible = ConcurrentHashMap.newKeySet();

    private volatile State state = State.CONNECTING;
    private volatile String detail = "";
    private volatile long sessionId;
    private volatile boolean readOnly;
    private volatile String serverName = "";
    private volatile Publication publication;
    private volatile long roundTripNs;
    private AgentThreads.Running runner;

    // Client thread only.
    private AeronLink link;
    private Subscription responses;
    private String responseChannel;
    private int responseStreamId;
    private long clientId;
    /** The transport session of the server's publication to this client; frames of any other are dropped. */
    private int serverTransportSession;
    private long handshakeStartedNs;
    private long lastHelloNs;
    private long lastConnectAttemptNs;
    private final LinkOpener<AeronLink> opener;
    private long lastReceivedNs;
    private long lastHeartbeatNs;
    private long lastTimeoutScanNs;
    private long serverTimestampNs;
    private long refusedAtNs;
    private String lastRefusal = "";
    private String lastTransportFailure = "";
    private List<OfferEntry> lastOffer = List.of();
    private RemoteFeature[] byServerIndex = new RemoteFeature[0];
    private final Messages out = new Messages();
    private final ZoneNames zoneNames = new ZoneNames();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer zoneView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ChallengeDecoder challenge = new ChallengeDecoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final RefusedDecoder refused = new RefusedDecoder();
    private final OfferDecoder offer = new OfferDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final ModelChangedDecoder modelChanged = new ModelChangedDecoder();
    private final ResultDecoder result = new ResultDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final GoodbyeDecoder goodbye = new GoodbyeDecoder();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);

    private final AgentThreads.TaskAgent deliveryAgent;
    private volatile AgentThreads.Running deliveryRunner;

    public RemoteClient(ClientSettings settings, FeatureModels models, Registrar registrar) {
        this.deliveryAgent = new AgentThreads.TaskAgent("ifw-remote-client-" + settings.name() + "-delivery",
                "remote client '" + settings.name() + "'", LOG);
        this.settings = settings;
        this.models = models;
        this.registrations = new RemoteBackendRegistrations(settings, registrar);
        this.badInput = new BadInput(describe());
        this.pending = new PendingCalls(settings.channel());
        this.opener = LinkOpener.of("ifw-remote-client-" + settings.name() + "-driver", settings.transport(), describe());
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
        opener.close();
        state = State.STOPPED;
    }

    /** The feature models of this process changed: features offered but unknown may now be served. */
    void featureModelsChanged() {
        tasks.offer(() -> reconcile(System.nanoTime()));
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
    @SuppressWarnings("unchecked")
    <T> Promise<T> call(RemoteFeature feature, CallKind kind, int serverMember, String zone, long instance, PayloadWriter writer,
                        ResultReader reader) {
        long session = sessionId;
        Publication target = publication;
        State now = state;
        if (session == 0 || target == null || (now != State.CONNECTED && now != State.SUSPECT)) {
            return failed(notConnected());
        }
        if (feature.state != RemoteFeature.State.LIVE) {
            return failed(new FeatureException(ErrorCode.NOT_CONNECTED, feature.featureId + " is not in step with the remote server on "
                    + settings.channel() + " yet (" + feature.state.name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        Messages messages = threadMessages.get();
        int payloadLength;
        try {
            payloadLength = writer == null ? 0 : writer.write(messages.payload);
        } catch (RuntimeException e) {
            return failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "cannot encode the " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " for " + feature.featureId + ": " + e.getMessage(), e));
        }
        long correlationId = pending.nextId();
        // the caller's own timeout for this call (CallTimeout), else this client's
        long timeoutMs = CallTimeout.currentMs(settings.callTimeoutMs());
        int length = messages.call(session, correlationId, feature.serverIndex, kind, serverMember, (int) Math.min(Integer.MAX_VALUE,
                timeoutMs), instance, zone, payloadLength);
        if (length > target.maxMessageLength()) {
            return failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of "
                    + length + " bytes exceeds the largest message of " + settings.channel() + " (" + target.maxMessageLength() + " bytes)"));
        }
        Deferred<Object> answer = PROMISES.deferred();
        // An answer is given after the changes the server sent before it reached the front ends: a
        // caller that sees its write acknowledged sees what it changed.
        pending.add(correlationId, answer, reader, timeoutMs, kind.name().toLowerCase(java.util.Locale.ROOT) + " of " + feature.featureId,
                () -> feature.deliveryPending() ? delivery() : null);
        if (!outbox.write(OUTBOX_CALL, messages.buffer, 0, length)) {
            pending.remove(correlationId);
            return failed(new FeatureException(ErrorCode.NOT_CONNECTED, "remote server on " + settings.channel()
                    + " is not taking messages: " + OUTBOX_BYTES / 1024 + " KiB of calls wait to be sent"));
        }
        return (Promise<T>) answer.getPromise();
    }

    /** Sends a call that wants no answer (closing a model instance). */
    void send(RemoteFeature feature, CallKind kind, int serverMember, String zone, long instance) {
        long session = sessionId;
        Publication target = publication;
        if (session == 0 || target == null || serverMember < 0) {
            return;
        }
        Messages messages = threadMessages.get();
        outbox.write(OUTBOX_CALL, messages.buffer, 0, messages.call(session, 0, feature.serverIndex, kind, serverMember, 0, instance, zone, 0));
    }

    /** Offers the calls callers queued (client agent); one the server cannot take now fails NOT_CONNECTED. */
    private int sendQueuedCalls() {
        return outbox.read(sendCall, 64);
    }

    private void sendQueuedCall(int type, org.agrona.MutableDirectBuffer buffer, int index, int length) {
        outboxHeader.wrap(buffer, index);
        outboxCall.wrap(buffer, index + outboxHeader.encodedLength(), outboxHeader.blockLength(), outboxHeader.version());
        Publication target = publication;
        // a call made in a session that has ended since is not sent into the next one
        if (target != null && sessionId != 0 && outboxCall.sessionId() == sessionId && offer(target, buffer, index, length)) {
            return;
        }
        long correlationId = outboxCall.correlationId();
        if (correlationId != 0) {
            pending.fail(correlationId, ErrorCode.NOT_CONNECTED, "remote server on " + settings.channel() + " is not taking messages");
        }
    }

    private boolean offer(Publication target, DirectBuffer buffer, int length) {
        return offer(target, buffer, 0, length);
    }

    /**
     * Offers a message to the server, waiting up to {@value #OFFER_SPIN_NS} ns out of back
     * pressure. Only the client's agent offers (callers queue their calls in the outbox); the
     * publication is an exclusive one, a transport session of this client's own, which the server
     * checks.
     */
    private boolean offer(Publication target, DirectBuffer buffer, int offset, int length) {
        long deadline = 0;
        while (true) {
            long result = target.offer(buffer, offset, length);
            if (result > 0) {
                return true;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION) {
                return false;
            }
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + OFFER_SPIN_NS;
            } else if (now > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    // ---------------------------------------------------------------- features (client thread)

    /** A gap in a feature's sequence: ask for the missed changes (or a snapshot, if they are gone). */
    void gap(RemoteFeature feature, long missed) {
        gaps.incrementAndGet();
        feature.resync();
        long since = feature.catchUpFrom();
        if (sessionId != 0 && publication != null) {
            offer(publication, out.buffer, out.subscribe(sessionId, feature.serverIndex, since, feature.logId));
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

    /** Matches the last offer with this process's features: subscribes, registers, withdraws. */
    private void reconcile(long now) {
        if (sessionId == 0) {
            return;
        }
        Set<String> offered = new HashSet<>();
        int size = 0;
        for (OfferEntry entry : lastOffer) {
            size = Math.max(size, entry.index() + 1);
        }
        RemoteFeature[] indexed = new RemoteFeature[size];
        for (OfferEntry entry : lastOffer) {
            if (!settings.takes(entry.featureId())) {
                continue;
            }
            offered.add(entry.featureId());
            RemoteFeature feature = features.computeIfAbsent(entry.featureId(), id -> new RemoteFeature(id, this));
            FeatureModel local = models.model(entry.featureId());
            if (local == null) {
                feature.detail = "this process has no feature interface " + entry.featureId();
                feature.state = RemoteFeature.State.UNKNOWN_HERE;
                registrations.withdraw(feature);
                continue;
            }
            boolean same = feature.serverIndex == entry.index() && feature.serverFingerprint.equals(entry.fingerprint())
                    && feature.model == local && feature.state != RemoteFeature.State.UNKNOWN_HERE
                    && feature.state != RemoteFeature.State.INCOMPATIBLE && feature.state != RemoteFeature.State.WITHDRAWN
                    && feature.state != RemoteFeature.State.LOST;
            boolean relabelled = !feature.serverKind.equals(entry.kind()) || !feature.serverBackend.equals(entry.backendName());
            CompatibilityReport report;
            try {
                report = feature.adopt(local, entry.index(), entry.fingerprint(), entry.kind(), entry.backendName(), entry.schemaText());
            } catch (IllegalArgumentException e) {
                feature.detail = "unreadable schema: " + e.getMessage();
                feature.state = RemoteFeature.State.INCOMPATIBLE;
                badInput.dropped(settings.channel(), "unreadable schema in an offer", entry.featureId() + ": " + e.getMessage());
                registrations.withdraw(feature);
                continue;
            }
            if (!report.compatible()) {
                feature.detail = report.summary();
                feature.state = RemoteFeature.State.INCOMPATIBLE;
                if (loggedIncompatible.add(entry.featureId() + "|" + entry.fingerprint())) {
                    LOG.log(Level.WARNING, "IFW: " + describe() + ": the server's " + entry.featureId() + " does not fit this one ("
                            + report.summary() + "); not served");
                }
                registrations.incompatible(feature, report.summary());
                continue;
            }
            if (feature.registeredIncompatible) {
                registrations.withdraw(feature); // registered again, as a backend that serves, once its snapshot is in
            }
            indexed[entry.index()] = feature;
            if (relabelled) {
                registrations.relabel(feature);
            }
            if (!same) {
                feature.resync();
                if (feature.state != RemoteFeature.State.LOST) {
                    feature.state = RemoteFeature.State.SYNCING;
                }
                feature.detail = report.summary().equals("identical") ? "" : report.summary();
                offer(publication, out.buffer, out.subscribe(sessionId, entry.index(), feature.catchUpFrom(), feature.logId));
            }
        }
        byServerIndex = indexed;
        for (RemoteFeature feature : features.values()) {
            if (!offered.contains(feature.featureId) && feature.state != RemoteFeature.State.WITHDRAWN) {
                feature.state = RemoteFeature.State.WITHDRAWN;
                feature.detail = "the server no longer offers it";
                feature.serverIndex = -1;
                registrations.withdraw(feature);
                feature.lost("the server no longer offers it");
            }
        }
    }

    // ---------------------------------------------------------------- the client's thread

    private final class ClientAgent implements Agent {

        @Override
        public int doWork() {
            int work = runTasks();
            long now = System.nanoTime();
            if (link == null || link.isClosed()) {
                return work + sendQueuedCalls() + connectTransport(now); // queued calls fail: there is no server
            }
            try {
                work += link.invoke();
                if (link.isClosed()) {
                    return work;
                }
                work += sendQueuedCalls();
                work += responses.poll(assembler, 32);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: " + describe() + ": " + e, e);
            }
            return work + timers(now);
        }

        @Override
        public void onClose() {
            runTasks();
            if (sessionId != 0 && publication != null) {
                offer(publication, out.buffer, out.goodbye(sessionId, "client '" + settings.name() + "' is stopping"));
            }
            sessionId = 0;
            for (RemoteFeature feature : features.values()) {
                registrations.withdraw(feature);
            }
            failPending(ErrorCode.NOT_CONNECTED, "remote client '" + settings.name() + "' stopped before the server answered");
            closeTransport();
        }

        @Override
        public String roleName() {
            return "ifw-remote-client-" + settings.name();
        }
    }

    private int runTasks() {
        return AgentThreads.runTasks(tasks, describe(), LOG);
    }

    /**
     * Connects to the media driver without blocking the agent: an attempt runs on the link
     * opener's thread (a driver launch takes a while), and the agent takes the link when it is open.
     */
    private int connectTransport(long now) {
        if (!opener.opening()) {
            if (lastConnectAttemptNs != 0 && now - lastConnectAttemptNs < RECONNECT_INTERVAL_NS) {
                return 0;
            }
            lastConnectAttemptNs = now;
            if (link != null) {
                lost("the Aeron media driver stopped", now);
                closeTransport();
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
            publication = link.aeron().addExclusivePublication(Channels.withTermLength(settings.channel(),
                    settings.transport().termLength()), settings.streamId());
            responseStreamId = 0x1000_0000 + random.nextInt(0x6FFF_FFFF);
            responses = link.aeron().addSubscription(settings.responseChannel(), responseStreamId);
            responseChannel = resolve(responses);
            lastTransportFailure = "";
            if (state == State.FAILED) {
                state = State.CONNECTING;
                detail = "";
            }
            handshakeStartedNs = 0;
            return 1;
        } catch (RuntimeException e) {
            String failure = e.getMessage() == null ? e.toString() : e.getMessage();
            state = State.FAILED;
            detail = failure;
            if (!failure.equals(lastTransportFailure)) {
                lastTransportFailure = failure;
                LOG.log(Level.WARNING, "IFW: " + describe() + " cannot reach Aeron: " + failure + " (retrying)");
            }
            closeTransport();
            return 0;
        }
    }

    /** The answer channel with its real port, once the driver bound an ephemeral one. */
    private String resolve(Subscription subscription) {
        String channel = settings.responseChannel();
        if (!Channels.isUdp(channel) || Channels.port(Channels.endpoint(channel)) != 0) {
            return channel;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            link.invoke();
            String resolved = subscription.tryResolveChannelEndpointPort();
            if (resolved != null) {
                return resolved;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the media driver did not bind an answer port for " + channel);
    }

    private void closeTransport() {
        publication = null;
        responses = null;
        if (link != null) {
            link.close();
            link = null;
        }
    }

    private int timers(long now) {
        int work = 0;
        long session = sessionId;
        if (session == 0) {
            work += handshake(now);
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
                offer(publication, out.buffer, out.heartbeat(session, now, serverTimestampNs));
                work++;
            }
        }
        if (now - lastTimeoutScanNs >= TimeUnit.MILLISECONDS.toNanos(5) && !pending.isEmpty()) {
            lastTimeoutScanNs = now;
            work += pending.timeOut(now);
        }
        return work;
    }

    private int handshake(long now) {
        if (state == State.REFUSED && now - refusedAtNs < REFUSED_BACKOFF_NS) {
            return 0;
        }
        Publication target = publication;
        if (target == null || !target.isConnected()) {
            return 0;
        }
        if (handshakeStartedNs == 0 || now - handshakeStartedNs > HANDSHAKE_TIMEOUT_NS) {
            handshakeStartedNs = now;
            do {
                clientId = random.nextLong();
            } while (clientId == 0);
            serverTransportSession = 0;
            lastHelloNs = 0;
        }
        if (now - lastHelloNs >= HELLO_INTERVAL_NS) {
            lastHelloNs = now;
            offer(target, out.buffer, out.hello(clientId, responseStreamId, responseChannel, settings.name()));
            return 1;
        }
        return 0;
    }

    private void lost(String reason, long now) {
        State before = state;
        if (before != State.CONNECTED && before != State.SUSPECT) {
            return;
        }
        sessionId = 0;
        serverTransportSession = 0;
        state = State.DISCONNECTED;
        detail = "lost " + java.time.LocalTime.now().withNano(0) + ": " + reason + "; reconnecting";
        handshakeStartedNs = 0;
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

    private void onFragment(DirectBuffer buffer, int offset, int length, Header frameHeader) {
        int template = Frames.check(buffer, offset, length);
        if (template < 0) {
            badInput.dropped(settings.channel(), "malformed frame", Frames.reason(template));
            return;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        // Until a server's challenge is answered, a challenge or a refusal may come from any
        // publication; from then on only the server this client answered is heard.
        boolean openToAnyServer = serverTransportSession == 0
                && (template == ChallengeDecoder.TEMPLATE_ID || template == RefusedDecoder.TEMPLATE_ID);
        if (!openToAnyServer && frameHeader.sessionId() != serverTransportSession) {
            badInput.dropped(settings.channel() + " (transport session " + frameHeader.sessionId() + ")",
                    "message from another publication than the server's", "template " + template);
            return;
        }
        int block = header.blockLength();
        int version = header.version();
        int body = MessageHeaderDecoder.ENCODED_LENGTH;
        long now = System.nanoTime();
        try {
            switch (template) {
                case UpdateDecoder.TEMPLATE_ID:
                    if (alive(now)) {
                        onUpdate(update.wrap(frame, body, block, version));
                    }
                    break;
                case ResultDecoder.TEMPLATE_ID:
                    if (alive(now)) {
                        onResult(result.wrap(frame, body, block, version));
                    }
                    break;
                case ModelChangedDecoder.TEMPLATE_ID:
                    if (alive(now)) {
                        onModelChanged(modelChanged.wrap(frame, body, block, version));
                    }
                    break;
                case HeartbeatDecoder.TEMPLATE_ID:
                    heartbeat.wrap(frame, body, block, version);
                    if (heartbeat.sessionId() == sessionId && alive(now)) {
                        serverTimestampNs = heartbeat.timestampNs();
                        long echo = heartbeat.echoTimestampNs();
                        if (echo != 0 && echo <= now) {
                            roundTripNs = now - echo;
                        }
                    }
                    break;
                case ChallengeDecoder.TEMPLATE_ID:
                    onChallenge(challenge.wrap(frame, body, block, version), frameHeader.sessionId());
                    break;
                case WelcomeDecoder.TEMPLATE_ID:
                    onWelcome(welcome.wrap(frame, body, block, version), now);
                    break;
                case RefusedDecoder.TEMPLATE_ID:
                    onRefused(refused.wrap(frame, body, block, version), now);
                    break;
                case OfferDecoder.TEMPLATE_ID:
                    onOffer(offer.wrap(frame, body, block, version), now);
                    break;
                case GoodbyeDecoder.TEMPLATE_ID:
                    goodbye.wrap(frame, body, block, version);
                    if (goodbye.sessionId() == sessionId && sessionId != 0) {
                        lost("the server said goodbye: " + goodbye.reason(), now);
                    }
                    break;
                default:
                    badInput.dropped(settings.channel(), "message a client does not take", "template " + template);
            }
        } catch (RuntimeException e) {
            badInput.dropped(settings.channel(), "undecodable message", e.toString());
        }
    }

    /** A message of the session arrived: the server lives. */
    private boolean alive(long now) {
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

    private void onChallenge(ChallengeDecoder message, int transportSession) {
        if (message.clientId() != clientId || sessionId != 0 || serverTransportSession != 0) {
            return;
        }
        serverTransportSession = transportSession;
        byte[] nonce = new byte[message.nonceLength()];
        message.getNonce(nonce, 0, nonce.length);
        Publication target = publication;
        if (target != null) {
            offer(target, out.buffer, out.proof(clientId, Secrets.proof(settings.secret(), nonce, clientId)));
        }
    }

    private void onWelcome(WelcomeDecoder message, long now) {
        if (message.clientId() != clientId || sessionId != 0) {
            return;
        }
        readOnly = message.readOnly() != 0;
        serverName = message.serverName();
        lastReceivedNs = now;
        lastHeartbeatNs = 0;
        roundTripNs = 0;
        lastRefusal = "";
        State before = state;
        state = State.CONNECTED;
        detail = "";
        sessionId = message.sessionId();
        for (RemoteFeature feature : features.values()) {
            feature.resync();
        }
        LOG.log(Level.INFO, "IFW: " + describe() + ": connected to server '" + serverName + "'" + (readOnly ? " (read-only)" : "")
                + (before == State.DISCONNECTED ? " again" : ""));
    }

    private void onRefused(RefusedDecoder message, long now) {
        if (message.clientId() != clientId || sessionId != 0) {
            return;
        }
        ErrorCode code = WireEnums.errorCode(message.errorCodeRaw());
        String reason = message.reason();
        state = State.REFUSED;
        detail = "refused by the server (" + code + "): " + reason;
        refusedAtNs = now;
        handshakeStartedNs = 0;
        if (!reason.equals(lastRefusal)) {
            lastRefusal = reason;
            LOG.log(Level.WARNING, "IFW: " + describe() + ": the server refused this client: " + reason + " (retrying every "
                    + TimeUnit.NANOSECONDS.toSeconds(REFUSED_BACKOFF_NS) + " s)");
        }
    }

    private void onOffer(OfferDecoder message, long now) {
        if (message.sessionId() != sessionId || sessionId == 0) {
            return;
        }
        alive(now);
        List<OfferEntry> entries = new ArrayList<>();
        for (OfferDecoder.FeaturesDecoder entry : message.features()) {
            entries.add(new OfferEntry(entry.featureIndex(), entry.featureId(), entry.fingerprint(), entry.kind(), entry.backendName(),
                    entry.schemaText()));
        }
        lastOffer = entries;
        reconcile(now);
    }

    private void onUpdate(UpdateDecoder message) {
        int featureIndex = message.featureIndex();
        long sequence = message.sequence();
        UpdateKind kind = message.kind();
        int member = message.member();
        message.wrapZone(zoneView);
        String zone = zoneNames.of(zoneView, 0, zoneView.capacity());
        message.wrapPayload(payloadView);
        RemoteFeature[] indexed = byServerIndex;
        RemoteFeature feature = featureIndex < indexed.length ? indexed[featureIndex] : null;
        if (feature == null) {
            return; // a feature this client does not take (or an update racing a new offer)
        }
        String problem = feature.update(sequence, kind, member, zone, payloadView, 0, payloadView.capacity());
        if (problem != null) {
            badInput.dropped(settings.channel() + " (" + feature.featureId + ")", "bad update", problem);
        }
    }

    private void onResult(ResultDecoder message) {
        long correlationId = message.correlationId();
        ErrorCode code = WireEnums.errorCode(message.errorCodeRaw());
        String text = message.message();
        message.wrapPayload(payloadView);
        // a late answer (its call timed out or was given up) is dropped and counted by the pending calls
        if (pending.answer(correlationId, code, text, payloadView) == PendingCalls.Unmatched.UNKNOWN) {
            badInput.dropped(settings.channel(), "answer to no call", "correlation id " + correlationId);
        }
    }

    private void onModelChanged(ModelChangedDecoder message) {
        RemoteFeature[] indexed = byServerIndex;
        int featureIndex = message.featureIndex();
        RemoteFeature feature = featureIndex < indexed.length ? indexed[featureIndex] : null;
        ModelChange.Kind kind = WireEnums.changeKind(message.kindRaw());
        if (feature == null || kind == null) {
            badInput.dropped(settings.channel(), "bad model change", "feature " + featureIndex + ", kind " + message.kindRaw());
            return;
        }
        feature.modelChanged(message.instance(), new ModelChange(kind, message.index(), message.count(), message.to()));
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
                deliveryRunner == null ? null : deliveryRunner.stats(), MediaDrivers.errors(settings.transport().aeronDirectory()));
    }

    public long gaps() {
        return gaps.get();
    }

    public BadInput badInput() {
        return badInput;
    }

    /** The stream the server answers this client on (tests). */
    public int responseStreamId() {
        return responseStreamId;
    }

    /** The remote feature of an id, for tests and the shell. */
    public RemoteFeature feature(String featureId) {
        return features.get(featureId);
    }
}
