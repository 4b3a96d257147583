package io.ifw.backend.remote.aeron.client;

import io.aeron.Publication;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.protocol.WireEnums;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.ErrorCode;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the handshake: Hello (repeated until the server's challenge, with a fresh client id and
 * nonce per attempt), the proof of the shared secret in answer to the server's challenge, then a
 * Welcome — accepted only when the server proves the same secret over both nonces — or a
 * refusal. After a refusal, the server's or this client's, the client waits before it tries again
 * and logs a reason once until it changes. Client agent only.
 */
final class ClientHandshake {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName()); // the client's one log category
    private static final long HELLO_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long HANDSHAKE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    static final long REFUSED_BACKOFF_NS = TimeUnit.SECONDS.toNanos(2);

    private final ClientSettings settings;
    private final String owner;
    private final Messages out;
    private final SecureRandom random = new SecureRandom();
    private long clientId;
    private final byte[] clientNonce = new byte[32];
    private byte[] serverNonce = new byte[0];
    /** The transport session of the server's publication to this client; frames of any other are dropped. */
    private int serverTransportSession;
    private long startedNs;
    private long lastHelloNs;
    private long refusedAtNs;
    private String lastRefusal = "";

    ClientHandshake(ClientSettings settings, String owner, Messages out) {
        this.settings = settings;
        this.owner = owner;
        this.out = out;
    }

    /** The transport session of the server this client answered; 0 before a challenge. */
    int serverTransportSession() {
        return serverTransportSession;
    }

    /** The next handshake starts anew (a new transport, a lost session). */
    void restart() {
        startedNs = 0;
        serverTransportSession = 0;
    }

    /**
     * Says Hello (again) when it is time to; returns the work done.
     *
     * @param refused whether the last attempt was refused (the client then waits before the next)
     */
    int poll(Publication target, boolean refused, int responseStreamId, String responseChannel, long now) {
        if (refused && now - refusedAtNs < REFUSED_BACKOFF_NS) {
            return 0;
        }
        if (target == null || !target.isConnected()) {
            return 0;
        }
        if (startedNs == 0 || now - startedNs > HANDSHAKE_TIMEOUT_NS) {
            startedNs = now;
            do {
                clientId = random.nextLong();
            } while (clientId == 0);
            random.nextBytes(clientNonce);
            serverNonce = new byte[0];
            serverTransportSession = 0;
            lastHelloNs = 0;
        }
        if (serverTransportSession == 0 && now - lastHelloNs >= HELLO_INTERVAL_NS) { // not once the server has answered
            lastHelloNs = now;
            CallOutbox.offer(target, out.buffer, 0, out.hello(Frames.PROTOCOL_VERSION, clientId, responseStreamId, responseChannel,
                    settings.name(), clientNonce));
            return 1;
        }
        return 0;
    }

    /** A server's challenge to this client's Hello: from now on only its publication is heard; the proof goes out. */
    void onChallenge(ChallengeDecoder message, int transportSession, Publication target) {
        if (message.clientId() != clientId || serverTransportSession != 0) {
            return;
        }
        serverTransportSession = transportSession;
        byte[] nonce = new byte[message.nonceLength()];
        message.getNonce(nonce, 0, nonce.length);
        serverNonce = nonce;
        if (target != null) {
            CallOutbox.offer(target, out.buffer, 0, out.proof(clientId, Secrets.proof(settings.secret(), nonce, clientId)));
        }
    }

    /** What a Welcome is to this client's handshake. */
    sealed interface Answer permits Welcomed, NotTrusted, NotMine {
    }

    /** The server proved the secret: the session begins. */
    record Welcomed(String serverName) implements Answer {
    }

    /** The Welcome answers this handshake but the server did not prove the secret: no state is taken from it. */
    record NotTrusted(String detail) implements Answer {
    }

    /** The Welcome is of another handshake. */
    record NotMine() implements Answer {
    }

    /**
     * Checks a Welcome: of this handshake, and from a server that proved the secret. A server
     * that did not is treated as a refusal (logged once, tried again after the back-off) and
     * nothing it sends is taken.
     */
    Answer welcome(WelcomeDecoder message, long now) {
        if (message.clientId() != clientId || serverNonce.length == 0) {
            return new NotMine();
        }
        long sessionId = message.sessionId();
        String serverName = message.serverName();
        byte[] proof = new byte[message.serverProofLength()];
        message.getServerProof(proof, 0, proof.length);
        String problem = Secrets.serverProofProblem(settings.secret(), clientNonce, serverNonce, clientId, sessionId, proof);
        if (problem != null) {
            refusedAtNs = now;
            startedNs = 0;
            String reason = "server '" + serverName + "' was not trusted: " + problem;
            if (!reason.equals(lastRefusal)) {
                lastRefusal = reason;
                LOG.log(Level.WARNING, "IFW: " + owner + ": " + reason + "; nothing it sends is taken (retrying every "
                        + TimeUnit.NANOSECONDS.toSeconds(REFUSED_BACKOFF_NS) + " s)");
            }
            return new NotTrusted(reason);
        }
        lastRefusal = "";
        return new Welcomed(serverName);
    }

    /** The client's detail when a refusal answers its handshake, else {@code null}; a new reason is logged once. */
    String refusal(RefusedDecoder message, long now) {
        if (message.clientId() != clientId) {
            return null;
        }
        ErrorCode code = WireEnums.errorCode(message.errorCodeRaw());
        String reason = message.reason();
        refusedAtNs = now;
        startedNs = 0;
        if (!reason.equals(lastRefusal)) {
            lastRefusal = reason;
            LOG.log(Level.WARNING, "IFW: " + owner + ": the server refused this client: " + reason + " (retrying every "
                    + TimeUnit.NANOSECONDS.toSeconds(REFUSED_BACKOFF_NS) + " s)");
        }
        return "refused by the server (" + code + "): " + reason;
    }
}
