package io.ifw.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A listener registration; {@link #close()} removes the listener. Closing twice does nothing.
 * Backends and tickers return their own (often a lambda), hence a consumer type.
 */
@FunctionalInterface
@ConsumerType
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
