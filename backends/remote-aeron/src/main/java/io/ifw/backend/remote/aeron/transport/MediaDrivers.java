package io.ifw.backend.remote.aeron.transport;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.exceptions.ActiveDriverException;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The media drivers of this JVM, one per Aeron directory, shared by every server and client in
 * it. {@link #acquire} uses the driver already active in the directory (started by another IFW
 * container, or an external {@code aeronmd}) or, when none is and the settings allow it, starts
 * an embedded one; the last {@link Lease#close} stops a driver this JVM started.
 *
 * <p>Two processes that start at once are kept from both launching a driver in the same
 * directory by a lock file beside it ({@code DIR.lock}). The directory is made private to the
 * user ({@code rwx------}).
 */
public final class MediaDrivers {

    private static final System.Logger LOG = System.getLogger(MediaDrivers.class.getName());
    private static final Map<String, Shared> DRIVERS = new HashMap<>();
    /** Errors the embedded drivers' error handlers saw, by directory (counted for ifw:remote). */
    private static final Map<String, java.util.concurrent.atomic.AtomicLong> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

    private MediaDrivers() {
    }

    /** A use of the driver of one directory. */
    public interface Lease extends AutoCloseable {
        /** The directory. */
        String directory();

        /** Whether this JVM runs the driver (else another process does). */
        boolean embedded();

        @Override
        void close();
    }

    private static final class Shared {
        final MediaDriver driver;
        int users;

        Shared(MediaDriver driver) {
            this.driver = driver;
        }
    }

    /**
     * Makes sure a driver is active in the settings' directory.
     *
     * @throws IllegalStateException when none is active and none may or can be started, naming the directory
     */
    public static Lease acquire(TransportSettings settings) {
        String directory = new File(settings.aeronDirectory()).getAbsolutePath();
        synchronized (DRIVERS) {
            Shared shared = DRIVERS.get(directory);
            if (shared != null) {
                shared.users++;
                return lease(directory, shared);
            }
            DRIVERS.remove(directory);
            MediaDriver driver = launchUnlessActive(directory, settings);
            if (driver == null) {
                return new Lease() {
                    @Override
                    public String directory() {
                        return directory;
                    }

                    @Override
                    public boolean embedded() {
                        return false;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            Shared started = new Shared(driver);
            started.users = 1;
            DRIVERS.put(directory, started);
            return lease(directory, started);
        }
    }

    private static Lease lease(String directory, Shared shared) {
        return new Lease() {
            private boolean closed;

            @Override
            public String directory() {
                return directory;
            }

            @Override
            public boolean embedded() {
                return true;
            }

            @Override
            public void close() {
                synchronized (DRIVERS) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (--shared.users == 0) {
                        DRIVERS.remove(directory, shared);
                        shared.driver.close();
                        LOG.log(Level.INFO, "IFW: stopped the embedded Aeron media driver in " + directory);
                    }
                }
            }
        };
    }

    private static MediaDriver launchUnlessActive(String directory, TransportSettings settings) {
        Path lockFile = Path.of(directory + ".lock");
        try {
            Path parent = lockFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (CommonContext.isDriverActive(new File(directory), settings.driverTimeoutMs(), message -> { })) {
                    return null;
                }
                if (!settings.embeddedDriver()) {
                    throw new IllegalStateException("no Aeron media driver is active in " + directory
                            + " and embeddedDriver is false: start aeronmd there or allow the embedded driver");
                }
                return launch(directory, settings);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + lockFile + " to start a media driver: " + e, e);
        }
    }

    private static MediaDriver launch(String directory, TransportSettings settings) {
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(directory)
                .dirDeleteOnStart(false) // refuses (ActiveDriverException) rather than deleting an active driver's files
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .termBufferSparseFile(true)
                .driverTimeoutMs(settings.driverTimeoutMs())
                .publicationTermBufferLength(settings.termLength())
                .ipcTermBufferLength(settings.termLength())
                .errorHandler(error -> {
                    ERRORS.computeIfAbsent(directory, d -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
                    LOG.log(Level.WARNING, "IFW: Aeron media driver in " + directory + ": " + error);
                });
        if (settings.threading() == TransportSettings.Threading.SHARED) {
            context.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(settings.newIdleStrategy());
        } else {
            context.threadingMode(ThreadingMode.DEDICATED)
                    .conductorIdleStrategy(settings.newIdleStrategy())
                    .senderIdleStrategy(settings.newIdleStrategy())
                    .receiverIdleStrategy(settings.newIdleStrategy());
        }
        try {
            MediaDriver driver = MediaDriver.launch(context);
            makePrivate(Path.of(directory));
            LOG.log(Level.INFO, "IFW: started an embedded Aeron media driver in " + directory + " (" + settings.threading()
                    + " threading, " + settings.idleStrategy() + " idle strategy)");
            return driver;
        } catch (ActiveDriverException e) {
            return null; // another process won the race after all
        }
    }

    /** {@code rwx------} on the directory, so that other users cannot open its files. */
    /** How many errors the embedded driver in {@code directory} reported (0 for a driver of another process). */
    public static long errors(String directory) {
        java.util.concurrent.atomic.AtomicLong count = ERRORS.get(new File(directory).getAbsolutePath());
        return count == null ? 0 : count.get();
    }

    static void makePrivate(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "IFW: cannot make the Aeron directory " + directory + " private to this user: " + e);
        }
    }
}
