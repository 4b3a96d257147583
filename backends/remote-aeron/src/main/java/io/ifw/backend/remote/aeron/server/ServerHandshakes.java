package io.ifw.backend.remote.aeron.server;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.ErrorCode;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's side of the handshake: a Hello opens the answer publication to the client, a
 * challenge with a fresh nonce goes out once it connects, and a proof of the shared secret (full
 * or read-only) makes it a session; a wrong or missing proof, another protocol version or one
 * client too many is refused with the reason. Server thread only.
 */
final class ServerHandshakes {

    private static final System.Logger LOG = System.getLogger(RemoteServer.class.getName()); // the server's one log category
    /** The least time a handshake may take before the server gives up on it. */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    static final int MAX_CLIENTS = 256;

    private final RemoteServer server;
    private final ServerSettings settings;
    private final ServerSessions sessions;
    private final Messages out;
    private final BadInput badInput;
    private final SecureRandom random = new SecureRandom();
    /** This run of the server, told to clients in their Welcome. */
    private final long epoch = random.nextLong() | 1;
    private final Map<Long, ServerSession> handshakes = new ConcurrentHashMap<>();
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();

    ServerHandshakes(RemoteServer server, ServerSessions sessions, Messages out, BadInput badInput) {
        this.server = server;
        this.settings = server.settings();
        this.sessions = sessions;
        this.out = out;
        this.badInput = badInput;
    }

    /** Moves every handshake on (challenge, refusal, giving up); returns the work done. */
    int poll(long now) {
        int work = 0;
        for (ServerSession session : handshakes.values()) {
            work += handshake(session, now);
        }
        return work;
    }

    /** Drops every handshake (the transport is gone). */
    void closeAll() {
        for (ServerSession session : new ArrayList<>(handshakes.values())) {
            handshakes.remove(session.clientId);
            session.closed = true;
        }
    }

    private int handshake(ServerSession session, long now) {
        // A handshake whose answer channel never connects is given up, but not sooner than
        // HANDSHAKE_TIMEOUT_MS: connecting a client's channel can take seconds on a busy host, and a
        // refusal given up on is a client left waiting with no reason.
        if (now - session.startedNs > TimeUnit.MILLISECONDS.toNanos(Math.max(settings.livenessTimeoutMs(), HANDSHAKE_TIMEOUT_MS))) {
            handshakes.remove(session.clientId);
            ServerSessions.closePublication(session);
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

    void onHello(HelloDecoder message, Header frameHeader, Aeron aeron, long now) {
        int version = message.protocolVersion();
        long clientId = message.clientId();
        int responseStreamId = message.responseStreamId();
        String responseChannel = message.responseChannel();
        String clientName = message.clientName();
        byte[] clientNonce = new byte[message.clientNonceLength()];
        message.getClientNonce(clientNonce, 0, clientNonce.length);
        if (handshakes.containsKey(clientId) || sessions.admitted(clientId, frameHeader.sessionId())) {
            return; // the client repeats its Hello until it is answered, and one may come after its proof
        }
        String peer = server.peer(frameHeader);
        String problem = responseChannelProblem(responseChannel, peer);
        if (problem != null) {
            badInput.dropped(peer, "Hello with an unusable answer channel", problem);
            return;
        }
        Publication publication;
        try {
            publication = aeron.addExclusivePublication(Channels.withTermLength(responseChannel,
                    settings.transport().termLength()), responseStreamId);
        } catch (RuntimeException e) {
            badInput.dropped(peer, "Hello with an unusable answer channel", e.getMessage());
            return;
        }
        ServerSession session = new ServerSession(clientId, clientName, peer, frameHeader.sessionId(), publication, now);
        session.clientNonce = clientNonce;
        if (version != Frames.PROTOCOL_VERSION) {
            session.state = ServerSession.State.REFUSING;
            session.refusalCode = ErrorCode.INCOMPATIBLE;
            session.refusal = "protocol version " + version + " is not spoken here (this server speaks " + Frames.PROTOCOL_VERSION + ")";
        } else if (sessions.count() + handshakes.size() >= MAX_CLIENTS) {
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

    void onProof(ProofDecoder message, Header frameHeader, long now) {
        long clientId = message.clientId();
        byte[] hmac = new byte[message.hmacLength()];
        message.getHmac(hmac, 0, hmac.length);
        ServerSession session = handshakes.get(clientId);
        if (session == null || session.state != ServerSession.State.CHALLENGED) {
            badInput.dropped(server.peer(frameHeader), "unexpected proof", "client " + clientId);
            return;
        }
        if (frameHeader.sessionId() != session.transportSessionId) {
            badInput.dropped(server.peer(frameHeader), "proof from another peer", "client " + clientId);
            return;
        }
        Boolean readOnly = Secrets.role(settings.secret(), settings.readOnlySecret(), session.nonce, clientId, hmac);
        if (readOnly == null) {
            refuse(session, ErrorCode.PERMISSION_DENIED, hmac.length == 0 ? "a secret is required and none was given" : "wrong secret");
            return;
        }
        handshakes.remove(clientId);
        session.readOnly = readOnly;
        session.state = ServerSession.State.ACTIVE;
        session.lastReceivedNs = now;
        long sessionId = sessions.admit(session, random);
        // The server proves the secret the client proved, over both nonces: the client accepts no state from a server without it.
        byte[] serverProof = Secrets.serverProof(readOnly ? settings.readOnlySecret() : settings.secret(), session.clientNonce, session.nonce,
                clientId, sessionId);
        io.aeron.ExclusivePublication fanout = server.fanout();
        session.offerOrQueue(out.buffer, out.welcome(clientId, sessionId, settings.heartbeatIntervalMs(), readOnly, epoch, settings.name(),
                serverProof, fanout == null ? "" : settings.fanoutChannel(), fanout == null ? 0 : settings.fanoutStreamId(),
                fanout == null ? 0 : fanout.sessionId()), now);
        sessions.sendOffer(session, now);
        LOG.log(Level.INFO, "IFW: " + server.describe() + ": client " + session.describe() + " connected" + (readOnly ? " (read-only)" : ""));
    }

    private void refuse(ServerSession session, ErrorCode code, String reason) {
        handshakes.remove(session.clientId);
        session.offer(out.buffer, out.refused(session.clientId, code, reason), System.nanoTime());
        if (loggedRefusals.size() < 1024 && loggedRefusals.add(session.peer + "|" + reason)) {
            LOG.log(Level.WARNING, "IFW: " + server.describe() + ": refused client " + session.describe() + ": " + reason);
        }
        badInput.counted("refused handshake"); // counted; the one line above said it
        // The publication lingers long enough for the refusal to arrive.
        ServerSessions.closePublication(session);
    }
}
