package io.ifw.journal;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/** A replay in progress; {@link #close()} stops it. */
@ProviderType
public interface Replay extends AutoCloseable {

    String featureId();

    /** How many recorded values there are to replay. */
    int total();

    /** How many have been set so far. */
    int replayed();

    /** Resolved when the last value is set. */
    Promise<Void> done();

    @Override
    void close();
}
