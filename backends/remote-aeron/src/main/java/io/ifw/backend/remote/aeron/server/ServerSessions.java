package io.ifw.backend.remote.aeron.server;

import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Messages;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The clients a server has welcomed: finding the session of a message, keeping each one up
 * (heartbeats, resyncs and catch-ups it waits for, what back pressure held), cutting off a
 * client that takes nothing for too long, and ending sessions. Server thread only, except
 * {@link #report} and {@link #count}.
 */
final class ServerSessions {

    private static final System.Logger LOG = System.getLogger(RemoteServer.class.getName()); // the server's one log category
    private static final long RESYNC_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final RemoteServer server;
    private final ServerSettings settings;
    private final Messages out;
    private final BadInput badInput;
    private final Map<Long, ServerSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong cutOff = new AtomicLong();
    private final UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    /** The session of the last message: most messages in a row come from the same client. */
    private ServerSession lastSession;

    ServerSessions(RemoteServer server, Messages out, BadInput badInput) {
        this.server = server;
        this.settings = server.settings();
        this.out = out;
        this.badInput = badInput;
    }

    /** Admits a session whose client proved the secret; returns its new session id. */
    long admit(ServerSession session, java.util.random.RandomGenerator random) {
        long sessionId;
        do {
            sessionId = random.nextLong();
        } while (sessionId == 0 || sessions.containsKey(sessionId));
        session.sessionId = sessionId;
        sessions.put(sessionId, session);
        return sessionId;
    }

    int count() {
        return sessions.size();
    }

    /**
     * Whether the client of {@code clientId} is admitted and speaks on {@code transportSessionId}:
     * a Hello of it is one it repeated before its Welcome reached it, not a new handshake.
     */
    boolean admitted(long clientId, int transportSessionId) {
        for (ServerSession session : sessions.values()) {
            if (session.clientId == clientId && session.transportSessionId == transportSessionId) {
                return true;
            }
        }
        return false;
    }

    Collection<ServerSession> all() {
        return sessions.values();
    }

    /** Keeps every session up; returns the work done. */
    int keepUp(long now) {
        int work = 0;
        for (ServerSession session : sessions.values()) {
            work += keepUp(session, now);
        }
        return work;
    }

    /** Sends every session the server's offer anew. */
    void sendOffers(long now) {
        for (ServerSession session : sessions.values()) {
            sendOffer(session, now);
        }
    }

    /** Says goodbye to every client (the server stops). */
    void goodbyeAll(String reason) {
        for (ServerSession session : sessions.values()) {
            session.offer(out.buffer, out.goodbye(session.sessionId, reason), System.nanoTime());
        }
    }

    /** Ends every session without a word (the transport is gone). */
    void endAll() {
        for (ServerSession session : new ArrayList<>(sessions.values())) {
            endSession(session, null);
        }
    }

    /** Ends the sessions of a client (by name) with a goodbye, as a cut-off would. */
    void disconnect(String clientName, String reason) {
        for (ServerSession session : new ArrayList<>(sessions.values())) {
            if (session.clientName.equals(clientName)) {
                session.offer(out.buffer, out.goodbye(session.sessionId, reason), System.nanoTime());
                endSession(session, reason);
            }
        }
    }

    long cutOffs() {
        return cutOff.get();
    }

    /** How many clients hear the fan-out publication (any thread). */
    long hearingFanout() {
        return sessions.values().stream().filter(session -> session.subscriptions.values().stream().anyMatch(s -> s.viaFanout)).count();
    }

    /** What {@code ifw:remote} shows of the clients (any thread). */
    List<RemoteReport.Session> report() {
        List<RemoteReport.Session> clients = new ArrayList<>();
        long now = System.nanoTime();
        for (ServerSession session : sessions.values()) {
            long behind = session.behindSinceNs;
            clients.add(new RemoteReport.Session(session.clientName, session.peer, session.readOnly ? "read-only" : "full",
                    session.startedEpochMs, session.messagesIn.get(), session.messagesOut.get(), session.calls.get(), session.resyncs.get(),
                    session.catchUps.get(), session.journalCatchUps.get(),
                    behind == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - behind), session.pendingOut.size()));
        }
        return clients;
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

    void endSession(ServerSession session, String reason) {
        sessions.remove(session.sessionId);
        for (ExportedFeature feature : server.exported()) {
            feature.removeSession(session);
        }
        closePublication(session);
        if (reason != null) {
            LOG.log(Level.INFO, "IFW: " + server.describe() + ": client " + session.describe() + " disconnected: " + reason);
        }
    }

    static void closePublication(ServerSession session) {
        session.closed = true;
        session.pendingOut.clear();
        try {
            session.publication.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "IFW: closing a client publication: " + e);
        }
    }

    void sendOffer(ServerSession session, long now) {
        List<Messages.Offered> offered = new ArrayList<>();
        for (ExportedFeature feature : server.exported()) {
            Messages.Offered entry = feature.offered();
            if (entry != null) {
                offered.add(entry);
            }
        }
        int length = out.offer(session.sessionId, offered);
        if (length > session.publication.maxMessageLength()) {
            LOG.log(Level.WARNING, "IFW: " + server.describe() + ": the offer of " + offered.size() + " features (" + length
                    + " bytes) exceeds the largest message of the channel; raise termLength");
            return;
        }
        session.offerOrQueue(out.buffer, length, now);
    }

    /** The active session of a message, checked; {@code null} (and counted) when it is not one. */
    ServerSession active(long sessionId, Header frameHeader, long now) {
        ServerSession last = lastSession;
        ServerSession session = last != null && last.sessionId == sessionId && !last.closed ? last : sessions.get(sessionId);
        lastSession = session;
        if (session == null || session.closed) {
            badInput.dropped(server.peer(frameHeader), "message of an unknown session", "session " + sessionId);
            return null;
        }
        if (frameHeader.sessionId() != session.transportSessionId) {
            badInput.dropped(server.peer(frameHeader), "message of another peer's session", "session " + sessionId);
            return null;
        }
        session.lastReceivedNs = now;
        session.messagesIn.incrementAndGet();
        return session;
    }
}
