package io.ifw.gateway;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The messages waiting for one client, sent one at a time: the next is sent when the previous one
 * was written, so a client that stops reading holds up only its own outbox, never the feature's
 * delivery thread nor the other clients.
 *
 * <p>Two kinds of message wait here. <em>State</em> (a value, availability, constraint, zones or
 * status) is kept by key, newest only: a slow client is given the latest values, conflated, and
 * the state waiting is bounded by the number of keys. <em>Events</em> (answers, signals, model
 * changes) are each sent once, in order, before any waiting state; when more than {@code maxEvents}
 * wait, the client is cut off (WebSocket close 1008 with the reason), which is the bound.
 */
final class Outbox {

    /** The WebSocket close code for a client cut off because it did not read (policy violation). */
    static final int CUT_OFF = 1008;

    private final ClientChannel channel;
    private final int maxEvents;
    private final Consumer<String> onCutOff;
    private final Object lock = new Object();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private final LinkedHashMap<String, String> state = new LinkedHashMap<>();
    private boolean sending;
    private boolean closed;
    private long sent;
    private long conflated;

    /**
     * @param maxEvents how many events may wait before the client is cut off
     * @param onCutOff  told the reason when the client is cut off or its channel failed
     */
    Outbox(ClientChannel channel, int maxEvents, Consumer<String> onCutOff) {
        this.channel = channel;
        this.maxEvents = maxEvents;
        this.onCutOff = onCutOff;
    }

    /** An event: sent once, in order. */
    void event(String text) {
        boolean start;
        int waiting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            events.add(text);
            waiting = events.size();
            start = waiting <= maxEvents && !sending;
            if (start) {
                sending = true;
            }
        }
        if (waiting > maxEvents) {
            cutOff("the client did not read its messages: " + waiting + " events waiting (the bound is " + maxEvents + ")");
        } else if (start) {
            drain();
        }
    }

    /** State under {@code key}: replaces what waits under the same key. */
    void state(String key, String text) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (state.put(key, text) != null) {
                conflated++;
            }
            start = !sending;
            if (start) {
                sending = true;
            }
        }
        if (start) {
            drain();
        }
    }

    /** Messages written to the client so far. */
    long sent() {
        synchronized (lock) {
            return sent;
        }
    }

    /** State messages replaced by a newer one before they were sent. */
    long conflated() {
        synchronized (lock) {
            return conflated;
        }
    }

    /** Messages waiting now. */
    int waiting() {
        synchronized (lock) {
            return events.size() + state.size();
        }
    }

    /** Stops sending; what waits is dropped. */
    void close() {
        synchronized (lock) {
            closed = true;
            events.clear();
            state.clear();
        }
    }

    private String next() {
        String text = events.poll();
        if (text == null && !state.isEmpty()) {
            Iterator<Map.Entry<String, String>> first = state.entrySet().iterator();
            text = first.next().getValue();
            first.remove();
        }
        return text;
    }

    /** Sends until nothing waits or a send completes later (its completion goes on draining). */
    private void drain() {
        while (true) {
            String text;
            synchronized (lock) {
                text = closed ? null : next();
                if (text == null) {
                    sending = false;
                    return;
                }
            }
            Completion completion = new Completion();
            channel.send(text, completion);
            if (completion.goneAsync()) {
                return;
            }
        }
    }

    private void cutOff(String reason) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        close();
        onCutOff.accept(reason);
        channel.abort(CUT_OFF, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    /** One send's completion: inline (the drain loop goes on) or later (the completion drains). */
    private final class Completion implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int DONE_INLINE = 1;
        private static final int ASYNC = 2;
        private final AtomicInteger phase = new AtomicInteger(PENDING);
        private volatile Throwable failure;

        @Override
        public void accept(Throwable error) {
            failure = error;
            if (error == null) {
                synchronized (lock) {
                    sent++;
                }
            }
            if (phase.compareAndSet(PENDING, DONE_INLINE)) {
                if (error != null) {
                    failed(error);
                }
                return; // the drain loop that sent it goes on
            }
            if (error != null) {
                failed(error);
            } else {
                drain();
            }
        }

        /** Whether the send completes later; false when it completed already (inline) and did not fail. */
        boolean goneAsync() {
            if (phase.compareAndSet(PENDING, ASYNC)) {
                return true;
            }
            return failure != null;
        }

        private void failed(Throwable error) {
            synchronized (lock) {
                closed = true;
                sending = false;
                events.clear();
                state.clear();
            }
            onCutOff.accept("sending failed: " + error);
        }
    }
}
