package io.ifw.backend.remote.aeron.server;

import io.aeron.Publication;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;

/**
 * One client of a server, from its Hello to its end: the publication the server answers it on,
 * its role, what it subscribed to, and how far behind it is. The server's thread owns the
 * session's life and is the only thread that offers to its publication (updates, results,
 * heartbeats; other threads hand it their answers). The publication is an exclusive one, so that
 * the client can tell the server's frames from any other publisher's by their transport session.
 */
final class ServerSession {

    /** Where the handshake is. */
    enum State {
        /** Hello received; waiting for the answer publication to connect. */
        CONNECTING,
        /** Challenge sent; waiting for the proof. */
        CHALLENGED,
        /** Welcomed: subscribes, calls and receives updates. */
        ACTIVE,
        /** Refused; the refusal is sent once the publication connects, then the session ends. */
        REFUSING
    }

    /** A subscription of this session to one exported feature. */
    static final class Subscription {
        final ServerSession session;
        final ExportedFeature feature;
        /** The client must get a snapshot (or its missed changes) before any further delta. */
        volatile boolean resyncNeeded = true;
        /** The last sequence the client has, when it asked to catch up from it; -1 for a snapshot. */
        volatile long catchUpFrom = -1;
        /** The change log {@link #catchUpFrom} belongs to: changes are caught up only from the same log. */
        volatile long catchUpLog;
        /** The missed changes are being read from the journal (off the agent); no snapshot meanwhile. */
        volatile boolean historyPending;
        /** Since when a catch-up waits for the journal's history service to come up (0: it does not). */
        long historyWaitSinceNs;
        /** Why the next snapshot is sent instead of the changes asked for; told to the client with it. */
        volatile String snapshotReason = "";
        long lastAttemptNs;
        /** The client hears the fan-out publication: its changes go there, not to its answer channel. */
        volatile boolean viaFanout;

        Subscription(ServerSession session, ExportedFeature feature) {
            this.session = session;
            this.feature = feature;
        }
    }

    final long clientId;
    final String clientName;
    final String peer;
    final int transportSessionId;
    final Publication publication;
    final long startedNs;
    final long startedEpochMs = System.currentTimeMillis();

    volatile State state = State.CONNECTING;
    long sessionId;
    boolean readOnly;
    byte[] nonce;
    /** The nonce of the client's Hello, which the server proves the secret over in its Welcome. */
    byte[] clientNonce = new byte[0];
    String refusal;
    io.ifw.core.ErrorCode refusalCode;

    volatile long lastReceivedNs;
    volatile long lastHeartbeatSentNs;
    /** When the session first failed to take a message without catching up since; 0 when it keeps up. */
    volatile long behindSinceNs;
    volatile boolean closed;

    final AtomicLong messagesIn = new AtomicLong();
    final AtomicLong messagesOut = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong catchUps = new AtomicLong();
    /** Catch-ups that read the missed changes from the journal. */
    final AtomicLong journalCatchUps = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Answers that could not be offered at once, retried by the server's thread. */
    final Queue<byte[]> pendingOut = new ConcurrentLinkedQueue<>();
    /** Model instances this client opened: its instance id to the server's. */
    final Map<Long, Long> instances = new ConcurrentHashMap<>();

    ServerSession(long clientId, String clientName, String peer, int transportSessionId, Publication publication, long nowNs) {
        this.clientId = clientId;
        this.clientName = clientName;
        this.peer = peer;
        this.transportSessionId = transportSessionId;
        this.publication = publication;
        this.startedNs = nowNs;
        this.lastReceivedNs = nowNs;
    }

    /**
     * Offers a message; on back pressure notes since when the client is behind.
     *
     * @return whether it was sent
     */
    boolean offer(DirectBuffer buffer, int length, long nowNs) {
        if (closed) {
            return false;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            long result = publication.offer(buffer, 0, length); // the server agent's only: an exclusive publication
            if (result > 0) {
                messagesOut.incrementAndGet();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                closed = true;
                return false;
            }
            if (result != Publication.ADMIN_ACTION) {
                break;
            }
        }
        if (behindSinceNs == 0) {
            behindSinceNs = Math.max(1, nowNs);
        }
        return false;
    }

    /** How long a catch-up waits for one message to be taken before the subscriber gets a snapshot instead. */
    private static final long CATCH_UP_PATIENCE_NS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Offers one message of a catch-up, waiting a little out of back pressure: a client that has
     * just reconnected is often still busy, and a catch-up given up for a moment's back pressure
     * costs it a whole snapshot. (Live changes never wait: a subscriber that cannot take one is
     * owed a snapshot, and the others go on.)
     */
    boolean offerPatiently(DirectBuffer buffer, int length) {
        long deadline = 0;
        while (true) {
            long now = System.nanoTime();
            if (offer(buffer, length, now)) {
                return true;
            }
            if (closed) {
                return false;
            }
            if (deadline == 0) {
                deadline = now + CATCH_UP_PATIENCE_NS;
            } else if (now > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    /** Offers an answer; keeps a copy to retry when it cannot be sent now. */
    void offerOrQueue(DirectBuffer buffer, int length, long nowNs) {
        if (!pendingOut.isEmpty() || !offer(buffer, length, nowNs)) {
            byte[] copy = new byte[length];
            buffer.getBytes(0, copy);
            if (!closed) {
                pendingOut.add(copy);
            }
        }
    }

    /** Retries queued answers in order; returns how many were sent. */
    int flushPending(org.agrona.concurrent.UnsafeBuffer scratch, long nowNs) {
        int sent = 0;
        byte[] next;
        while ((next = pendingOut.peek()) != null) {
            scratch.wrap(next);
            if (!offer(scratch, next.length, nowNs)) {
                break;
            }
            pendingOut.poll();
            sent++;
        }
        return sent;
    }

    /** Whether the session has caught up: no snapshot owed, no answer queued. */
    boolean caughtUp() {
        if (!pendingOut.isEmpty()) {
            return false;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.resyncNeeded) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        return "'" + clientName + "' (" + peer + ")";
    }
}
