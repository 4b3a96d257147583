package io.ifw.benchmarks;

import io.ifw.core.spi.AbstractBackend;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** The server's backend of {@link Echo}. */
public final class EchoBackend extends AbstractBackend<Echo> {

    public EchoBackend() {
        super(Echo.class);
        update(Echo::stamp, 0L);
    }

    public Promise<Long> echo(long value) {
        return Promises.resolved(value);
    }

    /** A change of the property, as a device would report it. */
    public void stamp(long value) {
        update(Echo::stamp, value);
    }
}
