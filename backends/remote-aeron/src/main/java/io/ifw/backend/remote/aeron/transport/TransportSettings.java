package io.ifw.backend.remote.aeron.transport;

import io.aeron.CommonContext;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How a server or client reaches Aeron: the media driver's directory, whether to start an
 * embedded driver when none is active there, its threading, the idle strategy of every IFW and
 * driver thread, and the term length of the channels IFW opens.
 *
 * @param aeronDirectory  the media driver's directory
 * @param embeddedDriver  start an embedded driver when none is active in the directory
 * @param threading       the embedded driver's threading: SHARED (one thread) or DEDICATED (three)
 * @param idleStrategy    what idle threads do: backoff, yielding, busy-spin or sleeping
 * @param termLength      the term length of IFW's publications (the largest message is an eighth of it)
 * @param driverTimeoutMs how long the driver may be silent before it is considered dead
 */
public record TransportSettings(String aeronDirectory, boolean embeddedDriver, Threading threading, String idleStrategy,
                         int termLength, long driverTimeoutMs) {

    /** The embedded driver's threading. */
    public enum Threading { SHARED, DEDICATED }

    public static final String DEFAULT_IDLE = "backoff";
    public static final int DEFAULT_TERM_LENGTH = 1 << 20;
    public static final long DEFAULT_DRIVER_TIMEOUT_MS = 5_000;

    /** Aeron's default directory ({@code /dev/shm/aeron-USER} on Linux), where an external aeronmd also runs. */
    public static String defaultDirectory() {
        return CommonContext.getAeronDirectoryName();
    }

    /**
     * Reads the settings, naming every value that is wrong.
     *
     * @throws IllegalArgumentException naming the setting and the bad value
     */
    public static TransportSettings of(String aeronDirectory, boolean embeddedDriver, String threading, String idleStrategy,
                                int termLength, long driverTimeoutMs) {
        Threading mode;
        try {
            mode = Threading.valueOf(threading.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("threading '" + threading + "' is not shared or dedicated");
        }
        idleStrategy(idleStrategy); // checks the name
        if (termLength < 64 * 1024 || termLength > 1 << 30 || Integer.bitCount(termLength) != 1) {
            throw new IllegalArgumentException("termLength " + termLength + " is not a power of two from 65536 to 1073741824");
        }
        if (driverTimeoutMs < 1_000) {
            throw new IllegalArgumentException("driverTimeoutMs " + driverTimeoutMs + " is below 1000");
        }
        String directory = aeronDirectory == null || aeronDirectory.isBlank() ? defaultDirectory() : aeronDirectory.trim();
        return new TransportSettings(directory, embeddedDriver, mode, idleStrategy.trim().toLowerCase(Locale.ROOT), termLength,
                driverTimeoutMs);
    }

    /** A new idle strategy of this setting (each thread needs its own). */
    public IdleStrategy newIdleStrategy() {
        return idleStrategy(idleStrategy);
    }

    static IdleStrategy idleStrategy(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "backoff":
                // Spin briefly, yield, then park from 1 µs up to 1 ms: no CPU when idle.
                return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
            case "yielding":
                return new YieldingIdleStrategy();
            case "busy-spin":
                return new BusySpinIdleStrategy();
            case "sleeping":
                return new SleepingMillisIdleStrategy(1);
            default:
                throw new IllegalArgumentException("idleStrategy '" + name + "' is not backoff, yielding, busy-spin or sleeping");
        }
    }
}
