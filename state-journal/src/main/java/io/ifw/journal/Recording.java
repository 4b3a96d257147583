package io.ifw.journal;

import org.osgi.annotation.versioning.ProviderType;

/** A recording in progress; {@link #close()} stops it and releases its directory. */
@ProviderType
public interface Recording extends AutoCloseable {

    String featureId();

    /** How many values have been recorded. */
    long values();

    @Override
    void close();
}
