package io.ifw.backend.remote.aeron.client;

import io.aeron.Publication;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * Calls on their way to the server. Callers encode a call on their own thread and write it into
 * an Agrona ring buffer (many writers, one reader); the client's agent alone takes them out and
 * offers them to the publication. A full outbox fails the call NOT_CONNECTED at once; a call made
 * in a session that has ended since is failed when its turn comes, never sent into the next one.
 */
final class CallOutbox {

    /** Writes a call's payload; returns its length. */
    @FunctionalInterface
    public interface PayloadWriter {
        int write(MutableDirectBuffer buffer);
    }

    /** Reads a successful answer's payload. */
    @FunctionalInterface
    public interface ResultReader {
        Object read(DirectBuffer buffer, int offset, int length);
    }

    /** How many bytes of calls may wait to be sent. */
    static final int CAPACITY_BYTES = 1 << 20;
    private static final int CALL = 1;
    private static final int DRAIN_LIMIT = 64;
    private static final long OFFER_SPIN_NS = 2_000_000;

    private final ClientSettings settings;
    private final PendingCalls pending;
    private final PromiseFactory promises;
    /** Where a caller's thread encodes its call before handing it to the agent. */
    private final ThreadLocal<Messages> threadMessages = ThreadLocal.withInitial(Messages::new);
    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));

    // Client agent only.
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CallDecoder call = new CallDecoder();
    private final MessageHandler sendOne = this::sendOne;
    private Publication target;
    private long session;

    CallOutbox(ClientSettings settings, PendingCalls pending, PromiseFactory promises) {
        this.settings = settings;
        this.pending = pending;
        this.promises = promises;
    }

    /**
     * Encodes a call of {@code session} and queues it (caller's thread); the promise is kept by
     * the pending calls until its answer, its timeout or the end of the session.
     *
     * @param maxMessageLength the largest message the channel takes
     * @param delivery         where the answer is given once the changes before it reached the
     *                         front ends ({@code null}: where it arrives)
     */
    @SuppressWarnings("unchecked")
    <T> Promise<T> call(long session, int maxMessageLength, RemoteFeature feature, CallKind kind, int serverMember, String zone,
                        long instance, PayloadWriter writer, ResultReader reader, Supplier<Executor> delivery) {
        Messages messages = threadMessages.get();
        String what = kind.name().toLowerCase(Locale.ROOT);
        int payloadLength;
        try {
            payloadLength = writer == null ? 0 : writer.write(messages.payload);
        } catch (RuntimeException e) {
            return promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "cannot encode the " + what + " for "
                    + feature.featureId + ": " + e.getMessage(), e));
        }
        long correlationId = pending.nextId();
        // the caller's own timeout for this call (CallTimeout), else this client's
        long timeoutMs = CallTimeout.currentMs(settings.callTimeoutMs());
        int length = messages.call(session, correlationId, feature.serverIndex, kind, serverMember, (int) Math.min(Integer.MAX_VALUE,
                timeoutMs), instance, zone, payloadLength);
        if (length > maxMessageLength) {
            return promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "the " + what + " of " + length
                    + " bytes exceeds the largest message of " + settings.channel() + " (" + maxMessageLength + " bytes)"));
        }
        Deferred<Object> answer = promises.deferred();
        pending.add(correlationId, answer, reader, timeoutMs, what + " of " + feature.featureId, delivery);
        if (!ring.write(CALL, messages.buffer, 0, length)) {
            pending.remove(correlationId);
            return promises.failed(new FeatureException(ErrorCode.NOT_CONNECTED, "remote server on " + settings.channel()
                    + " is not taking messages: " + CAPACITY_BYTES / 1024 + " KiB of calls wait to be sent"));
        }
        return (Promise<T>) answer.getPromise();
    }

    /** Queues a call of {@code session} that wants no answer (closing a model instance; caller's thread). */
    void send(long session, RemoteFeature feature, CallKind kind, int serverMember, String zone, long instance) {
        Messages messages = threadMessages.get();
        ring.write(CALL, messages.buffer, 0, messages.call(session, 0, feature.serverIndex, kind, serverMember, 0, instance, zone, 0));
    }

    /**
     * Offers the queued calls of session {@code currentSession} to {@code publication} (client
     * agent); one the server cannot take now, or of another session, fails NOT_CONNECTED.
     */
    int drain(Publication publication, long currentSession) {
        target = publication;
        session = currentSession;
        return ring.read(sendOne, DRAIN_LIMIT);
    }

    private void sendOne(int type, MutableDirectBuffer buffer, int index, int length) {
        header.wrap(buffer, index);
        call.wrap(buffer, index + header.encodedLength(), header.blockLength(), header.version());
        if (target != null && session != 0 && call.sessionId() == session && offer(target, buffer, index, length)) {
            return;
        }
        long correlationId = call.correlationId();
        if (correlationId != 0) {
            pending.fail(correlationId, ErrorCode.NOT_CONNECTED, "remote server on " + settings.channel() + " is not taking messages");
        }
    }

    /**
     * Offers a message to the server, waiting up to {@value #OFFER_SPIN_NS} ns out of back
     * pressure (client agent only: the publication is an exclusive one, a transport session of
     * this client's own, which the server checks).
     */
    static boolean offer(Publication target, DirectBuffer buffer, int offset, int length) {
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
}
