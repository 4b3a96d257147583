package io.ifw.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timer thread of the runtime, and the timeouts of calls in flight.
 *
 * <p>A call's timeout is not a scheduled task: scheduling and cancelling one per call costs a
 * wake-up of the timer thread whenever the new task becomes the head of its queue (every call,
 * when calls do not overlap), several microseconds on a busy machine. Instead a call is
 * {@linkplain #watch watched} (a concurrent set), and while any is, the timer thread sweeps every
 * {@value #SWEEP_MS} ms and fails the overdue ones; a timeout fires up to that much late.
 */
final class CallTimers extends ScheduledThreadPoolExecutor {

    static final long SWEEP_MS = 20;

    /** A watched call: cancelled when it completes. */
    final class Watch {
        private final long deadlineNs;
        private final Runnable onTimeout;

        private Watch(long deadlineNs, Runnable onTimeout) {
            this.deadlineNs = deadlineNs;
            this.onTimeout = onTimeout;
        }

        void cancel() {
            watched.remove(this);
        }
    }

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    CallTimers(ThreadFactory threads) {
        super(1, threads);
        setRemoveOnCancelPolicy(true);
    }

    static CallTimers create(ThreadFactory threads) {
        return new CallTimers(threads);
    }

    /** Runs {@code onTimeout} on the timer thread if the watch is not cancelled within {@code timeoutMs}. */
    Watch watch(long timeoutMs, Runnable onTimeout) {
        Watch watch = new Watch(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), onTimeout);
        watched.add(watch);
        if (!sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            scheduleSweep();
        }
        return watch;
    }

    private void scheduleSweep() {
        try {
            schedule(this::sweep, SWEEP_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sweepScheduled.set(false); // shutting down
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watch watch : watched) {
            if (now - watch.deadlineNs >= 0 && watched.remove(watch)) {
                try {
                    watch.onTimeout.run();
                } catch (RuntimeException e) {
                    System.getLogger(CallTimers.class.getName()).log(System.Logger.Level.WARNING, "IFW: a call timeout failed: " + e, e);
                }
            }
        }
        sweepScheduled.set(false);
        if (!watched.isEmpty() && sweepScheduled.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }
}
