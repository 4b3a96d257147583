package io.ifw.journal.internal;

import java.nio.file.Path;

/** A journal of this process, as {@code ifw:journal} lists it (a service of this bundle only). */
public interface JournalEndpoint {

    /** Its state, one line plus one per journaled backend. */
    String report();

    /** Its directory, or {@code null} when it did not start. */
    Path directory();
}
