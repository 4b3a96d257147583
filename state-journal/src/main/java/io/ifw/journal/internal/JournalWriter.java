package io.ifw.journal.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one writer of a journal directory. It holds a lock file ({@value #LOCK_FILE}) for as long as
 * it is open, so that a second writer, in this process or another, is refused; readers never need
 * it. Appends are serialized; each is one Chronicle document, in the page cache when
 * {@link #append} returns, so a process killed afterwards loses nothing it appended.
 *
 * <p>When a new roll cycle starts, the writer tells its {@link RollListener}s (which write
 * snapshots into the new cycle) and then deletes the cycles beyond the retention, so the cycles
 * kept always hold a complete snapshot of every stream.
 */
public final class JournalWriter implements AutoCloseable {

    static final String LOCK_FILE = "ifw-journal.lock";
    private static final System.Logger LOG = System.getLogger(JournalWriter.class.getName());

    /**
     * Told when the journal starts a new roll cycle, while the writer's lock is held: it may only
     * note that a snapshot is due, not append.
     */
    @FunctionalInterface
    public interface RollListener {
        void rolled();
    }

    private final Path directory;
    private final int retainCycles;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final JournalRecord.Utf8Names names = new JournalRecord.Utf8Names();
    /** When the next roll cycle begins (ms since the epoch): the cycle is asked of the queue only then. */
    private long nextCycleMs;
    private final List<RollListener> rollListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final RollCycle rollCycle;
    private volatile java.util.function.IntSupplier neededCycle = () -> Integer.MAX_VALUE;
    private long sequence;
    private int cycle;
    private boolean rolling;
    private volatile String lastFailure = "";

    /**
     * Opens the journal of a directory for writing, creating it if need be.
     *
     * @param retainCycles how many roll cycles to keep (older ones are deleted); 0 keeps all
     * @throws JournalException when the directory cannot be created or written, or another writer holds it
     */
    public JournalWriter(Path directory, RollCycle rollCycle, int retainCycles) {
        this.directory = directory.toAbsolutePath().normalize();
        this.retainCycles = retainCycles;
        this.rollCycle = rollCycle;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new JournalException("cannot create the journal directory " + this.directory + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(this.directory)) {
            throw new JournalException("the journal directory " + this.directory + " is not writable");
        }
        Path lockFile = this.directory.resolve(LOCK_FILE);
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException("cannot create the lock file " + lockFile + ": " + e.getMessage(), e);
        }
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new JournalException("the journal directory " + this.directory + " is already written by another journal of this process");
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new JournalException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        if (acquired == null) {
            closeQuietly(lockChannel);
            throw new JournalException("the journal directory " + this.directory + " is written by another process (it holds " + lockFile
                    + "); one writer per directory: read it with 'ifw journal print', or give this journal another directory");
        }
        lock = acquired;
        try {
            queue = Queues.openForWriting(this.directory, rollCycle);
            appender = Queues.withChronicleLoader(queue::createAppender);
            // Backends report from their own threads; this writer serializes the appends itself.
            ((net.openhft.chronicle.core.io.SingleThreadedChecked) appender).singleThreadedCheckDisabled(true);
            sequence = lastSequence(queue);
            cycle = queue.cycle();
            nextCycleMs = nextCycleStart(cycle);
        } catch (RuntimeException e) {
            releaseLock();
            throw new JournalException("cannot open the journal in " + this.directory + ": " + e, e);
        }
    }

    /** The sequence of the last readable record, 0 for an empty journal. */
    private static long lastSequence(ChronicleQueue queue) {
        ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        for (int i = 0; i < 1000; i++) {
            try (DocumentContext document = tailer.readingDocument()) {
                if (!document.isPresent()) {
                    return 0;
                }
                try {
                    return read(document).sequence();
                } catch (JournalFormatException e) {
                    // an unreadable record at the end: look further back
                }
            }
        }
        return 0;
    }

    static JournalRecord read(DocumentContext document) {
        Bytes<?> bytes = document.wire().bytes();
        int length = (int) bytes.readRemaining();
        byte[] content = new byte[length];
        bytes.read(content);
        return JournalRecord.decode(new UnsafeBuffer(content), 0, length);
    }

    public Path directory() {
        return directory;
    }

    public ChronicleQueue queue() {
        return queue;
    }

    /** The oldest cycle a stream still needs (where its last complete snapshot is); retention keeps it. */
    public void retentionGuard(java.util.function.IntSupplier oldestNeededCycle) {
        this.neededCycle = oldestNeededCycle;
    }

    /** The cycle records are appended to now. */
    public synchronized int cycle() {
        return cycle;
    }

    public void onRoll(RollListener listener) {
        rollListeners.add(listener);
    }

    public void removeRollListener(RollListener listener) {
        rollListeners.remove(listener);
    }

    /** Appends that failed (a full disk, say), counted. */
    public long failures() {
        return failures.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    public synchronized long lastSequence() {
        return sequence;
    }

    /**
     * Appends a record.
     *
     * @return its sequence, or -1 when it could not be written (counted, logged once per kind of failure)
     */
    public long append(int type, String featureId, String source, String member, String zone, DirectBuffer payload,
                       int payloadOffset, int payloadLength) {
        return append(type, featureId, source, member, zone, payload, payloadOffset, payloadLength, 0, 0);
    }

    /**
     * Appends a record of change {@code change} of the change log {@code logId}.
     *
     * @return its sequence, or -1 when it could not be written (counted, logged once per kind of failure)
     */
    public synchronized long append(int type, String featureId, String source, String member, String zone, DirectBuffer payload,
                                    int payloadOffset, int payloadLength, long logId, long change) {
        long wallMs = System.currentTimeMillis();
        if (!rolling && wallMs >= nextCycleMs) {
            int now = queue.cycle();
            nextCycleMs = nextCycleStart(now);
            if (now != cycle) {
                cycle = now;
                rolled();
            }
        }
        long next = sequence + 1;
        int length = JournalRecord.encode(scratch, names, type, next, wallMs * 1_000_000L, System.nanoTime(), featureId, source, member,
                zone, payload, payloadOffset, payloadLength, logId, change);
        try (DocumentContext document = appender.writingDocument()) {
            document.wire().bytes().write(scratch.byteArray(), 0, length);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                LOG.log(Level.WARNING, "IFW: cannot append to the journal in " + directory + " (" + failure
                        + "); changes are not journaled until it works again");
            }
            return -1;
        }
        sequence = next;
        return next;
    }

    /** When the cycle after {@code current} begins, in ms since the epoch (cycles count from the epoch, in UTC). */
    private long nextCycleStart(int current) {
        return (current + 1L) * rollCycle.lengthInMillis();
    }

    /** Appends bytes as they are: for tests of records this build cannot read. */
    synchronized void appendRaw(byte[] bytes) {
        try (DocumentContext document = appender.writingDocument()) {
            document.wire().bytes().write(bytes);
        }
    }

    private void rolled() {
        rolling = true;
        try {
            for (RollListener listener : rollListeners) {
                listener.rolled();
            }
        } finally {
            rolling = false;
        }
        deleteOldCycles();
    }

    /**
     * Deletes the cycle files beyond the retention, oldest first, but never one a stream still
     * needs for its last complete snapshot.
     */
    void deleteOldCycles() {
        if (retainCycles <= 0) {
            return;
        }
        int keepFrom = Math.min(cycle - retainCycles + 1, neededCycle.getAsInt());
        List<Path> cycles = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".cq4")).sorted(Comparator.comparing(Path::getFileName))
                    .forEach(cycles::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "IFW: cannot list the journal " + directory + " for its retention: " + e);
            return;
        }
        int deleted = 0;
        for (Path file : cycles) {
            int fileCycle = cycleOf(file);
            if (fileCycle < 0 || fileCycle >= keepFrom) {
                continue;
            }
            try {
                Files.deleteIfExists(file);
                deleted++;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "IFW: cannot delete the old journal file " + file + ": " + e);
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
    }

    /** The cycle of a cycle file, from its name; -1 when the name is not one. */
    int cycleOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".cq4")) {
            return -1;
        }
        try {
            java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern(rollCycle.format())
                    .withZone(java.time.ZoneOffset.UTC);
            java.time.temporal.TemporalAccessor parsed = format.parse(name.substring(0, name.length() - 4));
            long epochMs = java.time.LocalDateTime.from(parsedWithDefaults(parsed)).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            return (int) (epochMs / rollCycle.lengthInMillis());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static java.time.temporal.TemporalAccessor parsedWithDefaults(java.time.temporal.TemporalAccessor parsed) {
        java.time.LocalDate date = java.time.LocalDate.from(parsed);
        int hour = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY) ? parsed.get(java.time.temporal.ChronoField.HOUR_OF_DAY) : 0;
        int minute = parsed.isSupported(java.time.temporal.ChronoField.MINUTE_OF_HOUR) ? parsed.get(java.time.temporal.ChronoField.MINUTE_OF_HOUR) : 0;
        int second = parsed.isSupported(java.time.temporal.ChronoField.SECOND_OF_MINUTE) ? parsed.get(java.time.temporal.ChronoField.SECOND_OF_MINUTE) : 0;
        return java.time.LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second));
    }

    @Override
    public synchronized void close() {
        try {
            appender.close();
            queue.close();
        } finally {
            releaseLock();
        }
    }

    private void releaseLock() {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // the channel closes below
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
