package io.ifw.core.spi;

import io.ifw.core.Registration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The clock of a backend whose state moves with time (a cabin warming up, a window opening, a
 * track playing). Backends take it as an optional service and use {@link SystemTicker} without
 * one; tests register a {@link ManualTicker} and advance it, so behaviour over time is
 * deterministic and fast.
 */
@ConsumerType
public interface Ticker {

    /** Now, in ms, on this ticker's time line. */
    long nowMs();

    /**
     * Runs {@code task} every {@code periodMs}, the first time one period from now.
     *
     * @return closing it stops the task
     */
    Registration every(long periodMs, Runnable task);
}
