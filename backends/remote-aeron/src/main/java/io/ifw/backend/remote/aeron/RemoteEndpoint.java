package io.ifw.backend.remote.aeron;

/** A server or client of this process, as {@code ifw:remote} lists it (a service of this bundle only). */
public interface RemoteEndpoint {

    /** A {@link RemoteReport.Server} or {@link RemoteReport.Client}. */
    Object report();
}
