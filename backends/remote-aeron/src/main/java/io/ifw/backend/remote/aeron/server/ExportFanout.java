package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.StateTable;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the subscribers of one exported feature are sent, all by the server agent: each change of
 * the exported backend's log as it is read (the view of the state it keeps is a
 * {@link StateTable}), a snapshot for a subscriber that needs one, and the changes a returning
 * subscriber missed — from the last {@value #HISTORY} changes kept as sent, or from the journal's
 * history. Guarded by the feature's lock (the reports other threads ask for).
 */
final class ExportFanout {

    private static final System.Logger LOG = System.getLogger(ExportFanout.class.getName());

    /**
     * The last {@value #HISTORY} changes as sent, for clients that catch up after a gap or a
     * reconnection instead of taking a snapshot. Slots are reused.
     */
    static final int HISTORY = 4096;

    /** How often a change is offered to a back-pressured fan-out publication before its clients are resynced instead. */
    private static final int FANOUT_ATTEMPTS = 3;

    private final ExportedFeature feature;
    private final RemoteServer server;
    private final Object lock;
    private final int index;
    private final String featureId;

    /** The state as of {@link #sequence}, from the log's snapshot plus the changes read since. */
    private StateTable mirror;
    private long sequence;
    private ServerSession.Subscription[] subscribers = new ServerSession.Subscription[0];
    private final Messages fanout = new Messages();
    private final UnsafeBuffer scratch = new UnsafeBuffer(0, 0);
    private final byte[][] history = new byte[HISTORY][];
    private final int[] historyLength = new int[HISTORY];
    private long historyFirst = 1;

    ExportFanout(ExportedFeature feature, RemoteServer server) {
        this.feature = feature;
        this.server = server;
        this.lock = feature.lock;
        this.index = feature.index;
        this.featureId = feature.featureId;
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

    /** The feature has no backend any more: every subscriber is owed a snapshot, nothing before now is caught up. Holds the lock. */
    void backendGone() {
        mirror = null;
        historyFirst = sequence + 1;
        resyncAll();
    }

    /** Another backend is exported: every subscriber is owed a snapshot of it. Holds the lock. */
    void backendSwapped() {
        mirror = null;
        resyncAll();
    }

    private void resyncAll() {
        for (ServerSession.Subscription subscriber : subscribers) {
            subscriber.resyncNeeded = true;
        }
    }

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

    /** Forgets a session's subscription. Holds the lock. */
    void removeSubscriber(ServerSession session) {
        subscribers = Arrays.stream(subscribers).filter(s -> s.session != session).toArray(ServerSession.Subscription[]::new);
    }

    /**
     * Sends a subscriber the whole state, from SNAPSHOT_BEGIN to SNAPSHOT_END, all with the
     * current sequence (server thread).
     *
     * @return whether all of it went out; if not, the subscriber still needs a resync
     */
    boolean sendSnapshot(ServerSession.Subscription subscription, long nowNs) {
        synchronized (lock) {
            if (feature.active() == null || mirror == null || !subscription.resyncNeeded) {
                return false;
            }
            ServerSession session = subscription.session;
            long at = sequence;
            FeatureCodec payloads = feature.active().payloads;
            // SNAPSHOT_BEGIN's payload: the log's id, then why a snapshot rather than the changes asked for (UTF-8, may be empty)
            fanout.payload.putLong(0, feature.active().log.logId(), java.nio.ByteOrder.LITTLE_ENDIAN);
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
                if (!subscription.snapshotReason.isEmpty()) {
                    LOG.log(Level.INFO, "IFW: " + server.describe() + ": client '" + session.clientName + "' takes a snapshot of "
                            + featureId + " at " + at + " instead of the missed changes: " + subscription.snapshotReason);
                }
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
        synchronized (lock) {
            if (feature.active() == null || mirror == null) {
                return false; // not read yet (its first state may wait for the journal): ask again, nothing is sent meanwhile
            }
            subscription.catchUpFrom = -1;
            if (subscription.catchUpLog != feature.active().log.logId()) {
                subscription.snapshotReason = "its sequence " + since + " is of another change log (the backend changed, or the server"
                        + " started over without a journal of it)";
                return false;
            }
            if (since > sequence) {
                subscription.snapshotReason = "its sequence " + since + " is ahead of the server's " + sequence;
                return false;
            }
            if (since < historyFirst - 1) {
                return catchUpFromJournal(subscription, since, nowNs);
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
            if (!session.offerPatiently(scratch, historyLength[slot])) {
                subscription.snapshotReason = "it could not take the missed changes as fast as they were sent";
                return false;
            }
        }
        int length = fanout.update(index, sequence, UpdateKind.CATCH_UP_END, -1, "", 0);
        if (!session.offerPatiently(fanout.buffer, length)) {
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

    /**
     * How long a catch-up waits for the journal's history service when the feature is journaled
     * (its log has a durable reader, or continues a journaled one) but the service is not there
     * yet: the runtime restores a backend (and releases it to the exporter) while the journal's
     * registration is still being announced, before the server's reference to the history is
     * bound, and a client that comes back in between should not take a snapshot for that.
     */
    static final long HISTORY_WAIT_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    /** Starts reading the missed changes from the journal on the call thread. Holds the lock. */
    private boolean catchUpFromJournal(ServerSession.Subscription subscription, long since, long nowNs) {
        io.ifw.core.spi.ChangeHistory journal = server.history();
        ExportBinding binding = feature.active();
        if (journal == null) {
            if (!binding.log.hasDurableReaders() && !binding.log.isContinued()) {
                subscription.snapshotReason = "the server keeps changes " + historyFirst + " to " + sequence + " in memory and journals"
                        + " none before them";
                return false;
            }
            if (subscription.historyWaitSinceNs == 0) {
                subscription.historyWaitSinceNs = nowNs;
            }
            if (nowNs - subscription.historyWaitSinceNs < HISTORY_WAIT_NS) {
                subscription.catchUpFrom = since; // asked again shortly: nothing is sent meanwhile
                return true;
            }
            subscription.historyWaitSinceNs = 0;
            subscription.snapshotReason = "the feature is journaled, but the journal's history did not come up within "
                    + java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(HISTORY_WAIT_NS) + " s";
            return false;
        }
        subscription.historyWaitSinceNs = 0;
        long until = historyFirst - 1;
        long logId = binding.log.logId();
        FeatureModel model = binding.payloads.model();
        String backendName = binding.candidate.name();
        subscription.historyPending = true;
        server.runCall(() -> { // reading the journal is I/O: not on the agent
            JournalCatchUp.Read read = JournalCatchUp.read(journal, model, backendName, logId, since, until);
            server.execute(() -> sendFromJournal(subscription, binding, since, read.replay(), read.missed()));
        });
        return true;
    }

    /** Sends what was read from the journal, then the rest from memory and CATCH_UP_END (server agent). */
    private void sendFromJournal(ServerSession.Subscription subscription, ExportBinding binding, long since,
                                 io.ifw.core.spi.ChangeHistory.Replay replay, List<JournalCatchUp.Missed> missed) {
        subscription.historyPending = false;
        subscription.lastAttemptNs = 0;
        long nowNs = System.nanoTime();
        synchronized (lock) {
            if (binding != feature.active() || mirror == null || subscription.session.closed) {
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
            for (JournalCatchUp.Missed change : missed) {
                int length = JournalCatchUp.encode(fanout, index, binding.payloads, change);
                if (!session.offerPatiently(fanout.buffer, length)) {
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
        boolean anyViaFanout = false;
        for (ServerSession.Subscription subscriber : subscribers) {
            if (subscriber.viaFanout) {
                anyViaFanout = true;
            } else if (!subscriber.resyncNeeded && !subscriber.session.offer(fanout.buffer, length, now)) {
                subscriber.resyncNeeded = true; // it missed this change: it gets a snapshot when it can take one
            }
        }
        if (anyViaFanout) {
            publishOnce(length);
        }
    }

    /**
     * Sends a change once on the fan-out publication, for every subscriber that hears it. When it
     * cannot take the change, those subscribers are owed a resync (on their own channels). Holds the lock.
     */
    private void publishOnce(int length) {
        io.aeron.ExclusivePublication publication = server.fanout();
        boolean sent = false;
        for (int attempt = 0; publication != null && attempt < FANOUT_ATTEMPTS && !sent; attempt++) {
            long result = publication.offer(fanout.buffer, 0, length);
            sent = result > 0;
            if (result == io.aeron.Publication.NOT_CONNECTED || result == io.aeron.Publication.CLOSED
                    || result == io.aeron.Publication.MAX_POSITION_EXCEEDED) {
                break;
            }
        }
        server.fanoutSent(sent);
        if (!sent) {
            for (ServerSession.Subscription subscriber : subscribers) {
                if (subscriber.viaFanout) {
                    subscriber.resyncNeeded = true;
                }
            }
        }
    }

    /** Sends a model instance's change from the server agent (it is reported on the backend's thread). */
    void sendModelChange(ExportedFeature.Instance instance, ModelChange change) {
        server.execute(() -> {
            synchronized (lock) {
                int length = fanout.modelChanged(index, instance.clientInstance, change.kind(), change.index(), change.count(),
                        change.to());
                instance.session.offerOrQueue(fanout.buffer, length, System.nanoTime());
            }
        });
    }

    /** The state at {@code at}: the first read, or a resync after this reader fell behind the log (server agent). */
    void snapshot(ExportBinding binding, long at, StateTable state, String reason) {
        synchronized (lock) {
            if (binding != feature.active()) {
                return;
            }
            if (mirror != null) {
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
    @SuppressWarnings("unchecked")
    void change(ExportBinding binding, long at, ChangeLog.Kind kind, int member, String zone, Object value) {
        FeatureCodec payloads = binding.payloads;
        synchronized (lock) {
            if (binding != feature.active() || mirror == null) {
                return;
            }
            switch (kind) {
                case ZONES -> {
                    mirror.setZoneNames((List<String>) value);
                    publish(at, UpdateKind.ZONES, -1, "", FeatureCodec.putZones(mirror.zoneNames(), fanout.payload, 0));
                }
                case VALUE -> {
                    mirror.zoneOrAdd(zone).put(member, value);
                    publishEncoded(payloads, at, UpdateKind.VALUE, member, zone, () -> payloads.putValue(member, value, fanout.payload, 0));
                }
                case AVAILABILITY -> {
                    mirror.zoneOrAdd(zone).setAvailability(member, (ValueAvailability) value);
                    publish(at, UpdateKind.AVAILABILITY, member, zone,
                            FeatureCodec.putAvailability((ValueAvailability) value, fanout.payload, 0));
                }
                case ATTRIBUTE -> {
                    mirror.zoneOrAdd(zone).setAttribute(member, (Attribute<?>) value);
                    publishEncoded(payloads, at, UpdateKind.ATTRIBUTE, member, zone,
                            () -> payloads.putAttribute(member, (Attribute<?>) value, fanout.payload, 0));
                }
                case SIGNAL -> publishEncoded(payloads, at, UpdateKind.SIGNAL, member, zone,
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
    private void publishEncoded(FeatureCodec payloads, long at, UpdateKind kind, int member, String zone,
                                java.util.function.IntSupplier encoder) {
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
