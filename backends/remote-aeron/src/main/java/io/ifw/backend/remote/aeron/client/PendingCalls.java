package io.ifw.backend.remote.aeron.client;

import io.ifw.codec.CodecException;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.osgi.util.promise.Deferred;

/**
 * A client's calls waiting for their answers, by correlation id: registered by the calling
 * thread, answered, timed out or failed on the client's thread. Counts the calls that timed out
 * here and the answers that came after their call was given up (dropped).
 */
public final class PendingCalls {

    /** What an answer that matches no call is. */
    public enum Unmatched {
        /** To a call given up here (timed out, or failed when the connection was lost): dropped and counted. */
        LATE,
        /** To no call this client ever made. */
        UNKNOWN
    }

    /**
     * @param settleOn where the answer is given: {@code null} from it means at once, on the thread
     *                 that read it; an executor, after what that executor has queued (the changes
     *                 the server sent before the answer, on their way to the front ends)
     */
    private record Call(Deferred<Object> answer, CallOutbox.ResultReader reader, long deadlineNs, long timeoutMs, String what,
                        java.util.function.Supplier<java.util.concurrent.Executor> settleOn) {
    }

    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final AtomicLong correlationIds = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong lateAnswers = new AtomicLong();
    private final String channel;

    public PendingCalls(String channel) {
        this.channel = channel;
    }

    /** A fresh correlation id. */
    public long nextId() {
        return correlationIds.incrementAndGet();
    }

    /** Waits for the answer to call {@code id}, for {@code timeoutMs} from now. */
    void add(long id, Deferred<Object> answer, CallOutbox.ResultReader reader, long timeoutMs, String what) {
        add(id, answer, reader, timeoutMs, what, () -> null);
    }

    /** As {@link #add(long, Deferred, CallOutbox.ResultReader, long, String)}, giving the answer where {@code settleOn} says. */
    void add(long id, Deferred<Object> answer, CallOutbox.ResultReader reader, long timeoutMs, String what,
             java.util.function.Supplier<java.util.concurrent.Executor> settleOn) {
        calls.put(id, new Call(answer, reader, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), timeoutMs, what, settleOn));
    }

    /** Fails call {@code id}, if it still waits (it could not be sent). */
    void fail(long id, ErrorCode code, String message) {
        Call call = calls.remove(id);
        if (call != null) {
            call.answer().fail(new FeatureException(code, message));
        }
    }

    /** Forgets call {@code id} (it could not be sent). */
    void remove(long id) {
        calls.remove(id);
    }

    /**
     * Settles call {@code id} with the server's answer: a failure when {@code code} is not null,
     * else the value read from the payload.
     *
     * @return {@code null} when a call took the answer, else what the answer was
     */
    public Unmatched answer(long id, ErrorCode code, String text, DirectBuffer payload) {
        Call call = calls.remove(id);
        if (call == null) {
            if (id > 0 && id <= correlationIds.get()) {
                lateAnswers.incrementAndGet();
                return Unmatched.LATE;
            }
            return Unmatched.UNKNOWN;
        }
        java.util.concurrent.Executor later = call.settleOn().get();
        if (code != null) {
            settle(later, () -> call.answer().fail(new FeatureException(code, text)));
            return null;
        }
        Object value;
        try {
            value = call.reader() == null ? null : call.reader().read(payload, 0, payload.capacity());
        } catch (CodecException | ClassCastException e) {
            FeatureException unreadable = new FeatureException(ErrorCode.INVALID_ARGUMENT, "cannot read the server's answer to the "
                    + call.what() + ": " + e.getMessage());
            settle(later, () -> call.answer().fail(unreadable));
            return null;
        }
        if (later == null) {
            call.answer().resolve(value);
        } else {
            later.execute(() -> call.answer().resolve(value));
        }
        return null;
    }

    private static void settle(java.util.concurrent.Executor later, Runnable settling) {
        if (later == null) {
            settling.run();
        } else {
            later.execute(settling);
        }
    }

    /** Fails the calls whose time is up with TIMEOUT; returns how many. */
    public int timeOut(long nowNs) {
        int count = 0;
        for (Map.Entry<Long, Call> entry : calls.entrySet()) {
            Call call = entry.getValue();
            if (nowNs > call.deadlineNs() && calls.remove(entry.getKey(), call)) {
                call.answer().fail(new FeatureException(ErrorCode.TIMEOUT, "the remote server on " + channel
                        + " did not answer the " + call.what() + " within " + call.timeoutMs() + " ms"));
                timedOut.incrementAndGet();
                count++;
            }
        }
        return count;
    }

    /** Fails every waiting call (the connection is lost or the client closes). */
    public void failAll(ErrorCode code, String message) {
        for (Long id : new ArrayList<>(calls.keySet())) {
            Call call = calls.remove(id);
            if (call != null) {
                call.answer().fail(new FeatureException(code, message));
            }
        }
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    public int size() {
        return calls.size();
    }

    public long timedOut() {
        return timedOut.get();
    }

    public long lateAnswers() {
        return lateAnswers.get();
    }
}
