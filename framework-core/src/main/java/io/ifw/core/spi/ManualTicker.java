package io.ifw.core.spi;

import io.ifw.core.Registration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time that moves only when told: {@link #advance} runs every task that falls due, in time order,
 * on the caller's thread. For tests and simulations on virtual time.
 */
public final class ManualTicker implements Ticker {

    private final class Task {
        final long periodMs;
        final Runnable action;
        long nextMs;
        volatile boolean cancelled;

        Task(long periodMs, Runnable action) {
            this.periodMs = periodMs;
            this.action = action;
            this.nextMs = now + periodMs;
        }
    }

    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private volatile long now;

    public ManualTicker() {
        this(0);
    }

    public ManualTicker(long startMs) {
        this.now = startMs;
    }

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public Registration every(long periodMs, Runnable action) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("the period must be positive, was " + periodMs + " ms");
        }
        Task task = new Task(periodMs, action);
        tasks.add(task);
        return () -> {
            task.cancelled = true;
            tasks.remove(task);
        };
    }

    /** Moves time forward by {@code ms}, running the tasks that fall due on the way. */
    public synchronized void advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("time does not go back: " + ms + " ms");
        }
        long end = now + ms;
        while (true) {
            Task next = null;
            for (Task task : new ArrayList<>(tasks)) {
                if (!task.cancelled && task.nextMs <= end && (next == null || task.nextMs < next.nextMs)) {
                    next = task;
                }
            }
            if (next == null) {
                break;
            }
            now = next.nextMs;
            next.nextMs += next.periodMs;
            next.action.run();
        }
        now = end;
    }

    /** How many tasks are scheduled. */
    public int scheduled() {
        return tasks.size();
    }
}
