package io.ifw.core;

/** A listener registration; {@link #close()} removes the listener. Closing twice does nothing. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

    @Override
    void close();
}
