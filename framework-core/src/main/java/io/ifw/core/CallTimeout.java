package io.ifw.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.osgi.util.promise.Promise;

/**
 * A timeout for one call, where the feature's call timeout (the handle's or the configured one)
 * is not what this call needs:
 *
 * <pre>{@code
 * Promise<TunerStation> next = CallTimeout.within(Duration.ofMillis(300), tuner::seekUp);
 * Promise<Void> written = climate.targetTemperature().set(21.5, Duration.ofMillis(200));
 * }</pre>
 *
 * <p>Every write, operation and model request that {@code call} makes on the calling thread gets
 * {@code timeout} instead of the feature's call timeout: when the backend has not answered by then,
 * its promise fails with {@link ErrorCode#TIMEOUT}. A remote backend sends the timeout with the call
 * and stops waiting for the server's answer after it; an answer that comes later is dropped (and
 * counted in {@code ifw:remote}). Calls made on other threads, or after {@code call} returned, keep
 * the feature's timeout.
 */
public final class CallTimeout {

    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private CallTimeout() {
    }

    /**
     * Runs {@code call} on this thread with {@code timeout} for the calls it makes.
     *
     * @return what {@code call} returned
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public static <T> Promise<T> within(Duration timeout, Supplier<Promise<T>> call) {
        Objects.requireNonNull(call, "call");
        long timeoutMs = toMillis(timeout);
        long[] previous = CURRENT.get();
        CURRENT.set(new long[] {timeoutMs});
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * The timeout in force for a call made now on this thread: the one of an enclosing
     * {@link #within}, else {@code defaultMs}. For front ends and backends; applications use
     * {@link #within}.
     */
    public static long currentMs(long defaultMs) {
        long[] current = CURRENT.get();
        return current == null ? defaultMs : current[0];
    }

    static long toMillis(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call timeout must be positive, was " + timeout);
        }
        long ms = timeout.toMillis();
        return ms == 0 ? 1 : ms;
    }
}
