package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.transport.Channels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One server per channel and stream on a host, as Qt's QLockFile keeps one writer per file: a
 * server holds an OS file lock named after what it listens on for as long as it runs, and a second
 * server on the same channel and stream is refused with a message that names the first. The lock
 * goes with the process that held it (a killed server leaves no stale lock).
 *
 * <p>What counts as "the same channel": for {@code aeron:ipc}, the same Aeron directory (one media
 * driver) and stream; for {@code aeron:udp}, the same endpoint and stream on this host. The lock
 * files live in {@code ifw-channel-locks} under the temporary directory, one per channel and
 * stream, holding a line that says who holds it.
 */
public final class ChannelLock implements AutoCloseable {

    /** Where the lock files are, host-wide: {@code java.io.tmpdir}/ifw-channel-locks. */
    static final Path FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "ifw-channel-locks");

    private final FileChannel file;
    private final FileLock lock;

    private ChannelLock(FileChannel file, FileLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /** What a server on {@code settings} competes for: its channel's scope and its stream. */
    public static String key(ServerSettings settings) {
        String scope = settings.isUdp() ? "udp " + Channels.endpoint(settings.channel())
                : "ipc " + Path.of(settings.transport().aeronDirectory()).toAbsolutePath().normalize();
        return scope + " stream " + settings.streamId();
    }

    /**
     * Takes the lock of {@code settings}' channel and stream for {@code holder} (how a refused
     * server should name this one).
     *
     * @throws ChannelTakenException when another server, in this process or another, holds it
     */
    static ChannelLock acquire(ServerSettings settings, String holder) throws ChannelTakenException {
        return acquire(settings, holder, FOLDER);
    }

    /** {@link #acquire(ServerSettings, String)} with the lock files in {@code folder}. */
    static ChannelLock acquire(ServerSettings settings, String holder, Path folder) throws ChannelTakenException {
        String key = key(settings);
        Path path = folder.resolve(fileName(key));
        FileChannel file = null;
        try {
            Files.createDirectories(folder);
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = file.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM
            }
            if (lock == null) {
                String owner = readOwner(path);
                file.close();
                throw new ChannelTakenException(owner + " already serves " + settings.channel() + " stream " + settings.streamId()
                        + " (lock " + path + ")");
            }
            String line = holder + " in process " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now();
            file.truncate(0);
            file.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
            file.force(false);
            return new ChannelLock(file, lock);
        } catch (IOException e) {
            closeQuietly(file);
            // no lock folder (a read-only temporary directory): the server runs without the check
            return new ChannelLock(null, null);
        }
    }

    private static String readOwner(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another server" : text;
        } catch (IOException e) {
            return "another server";
        }
    }

    private static String fileName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12) + ".lock";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    /** Whether this lock guards anything (false where the lock folder could not be written). */
    public boolean held() {
        return lock != null;
    }

    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            file.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the process is going; the OS releases the lock with it
        }
        closeQuietly(file);
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** Another server holds the channel; the message names it. */
    public static final class ChannelTakenException extends Exception {

        private static final long serialVersionUID = 1L;

        ChannelTakenException(String message) {
            super(message);
        }
    }
}
