package io.ifw.backend.remote.aeron.transport;

import io.aeron.Aeron;
import io.aeron.exceptions.DriverTimeoutException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.concurrent.AgentInvoker;

/**
 * One server's or client's connection to the media driver: a lease on the directory's driver and
 * an Aeron client whose conductor runs on the owner's own thread (no extra thread), so that a
 * server or a client is one thread. When the driver dies (its process was killed) the client
 * closes itself; the owner sees {@link #isClosed()} and opens a new link, which starts an
 * embedded driver if no other process has.
 */
public final class AeronLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AeronLink.class.getName());

    private final MediaDrivers.Lease lease;
    private final Aeron aeron;
    private final AgentInvoker conductor;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private AeronLink(MediaDrivers.Lease lease, Aeron aeron) {
        this.lease = lease;
        this.aeron = aeron;
        this.conductor = aeron.conductorAgentInvoker();
    }

    /**
     * Connects to the driver of the settings' directory, starting one if allowed and needed.
     *
     * @param owner names the server or client in log lines
     * @throws RuntimeException when no driver can be reached; the message says why
     */
    public static AeronLink open(TransportSettings settings, String owner) {
        MediaDrivers.Lease lease = MediaDrivers.acquire(settings);
        AtomicReference<AeronLink> self = new AtomicReference<>();
        try {
            Aeron aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(lease.directory())
                    .useConductorAgentInvoker(true)
                    .driverTimeoutMs(settings.driverTimeoutMs())
                    .errorHandler(error -> {
                        AeronLink link = self.get();
                        if (link != null && link.failure.compareAndSet(null, error)) {
                            LOG.log(Level.WARNING, "IFW: " + owner + ": Aeron: " + describe(error));
                        }
                    }));
            AeronLink link = new AeronLink(lease, aeron);
            self.set(link);
            return link;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    static String describe(Throwable error) {
        if (error instanceof DriverTimeoutException) {
            return "the media driver stopped answering (" + error.getMessage() + ")";
        }
        return error.toString();
    }

    public Aeron aeron() {
        return aeron;
    }

    /** Runs the Aeron client's conductor once; returns the work done. */
    public int invoke() {
        return conductor.invoke();
    }

    /** The driver is gone or the client failed; this link is useless. */
    public boolean isClosed() {
        return aeron.isClosed() || conductor.isClosed();
    }

    /** Whether this JVM runs the driver. */
    public boolean embeddedDriver() {
        return lease.embedded();
    }

    public String directory() {
        return lease.directory();
    }

    @Override
    public void close() {
        try {
            aeron.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "IFW: closing an Aeron client: " + e);
        } finally {
            lease.close();
        }
    }
}
