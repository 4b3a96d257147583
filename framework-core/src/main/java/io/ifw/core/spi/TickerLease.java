package io.ifw.core.spi;

import io.ifw.core.Registration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The time a backend runs on: the {@link Ticker} it was given, or a {@link SystemTicker} of its
 * own when none was. Closing the lease stops every task scheduled through it, and the system
 * ticker if it is the lease's own.
 */
public final class TickerLease implements AutoCloseable {

    private final Ticker ticker;
    private final SystemTicker own;
    private final List<Registration> tasks = new CopyOnWriteArrayList<>();

    private TickerLease(Ticker given, String threadName) {
        this.own = given == null ? new SystemTicker(threadName) : null;
        this.ticker = given == null ? own : given;
    }

    /** {@code given}, or real time on a daemon thread named {@code threadName} when it is {@code null}. */
    public static TickerLease of(Ticker given, String threadName) {
        return new TickerLease(given, threadName);
    }

    public Ticker ticker() {
        return ticker;
    }

    /** As {@link Ticker#every}; the task also stops when the lease is closed. */
    public Registration every(long periodMs, Runnable task) {
        Registration registration = ticker.every(periodMs, task);
        tasks.add(registration);
        return () -> {
            registration.close();
            tasks.remove(registration);
        };
    }

    @Override
    public void close() {
        tasks.forEach(Registration::close);
        tasks.clear();
        if (own != null) {
            own.close();
        }
    }
}
