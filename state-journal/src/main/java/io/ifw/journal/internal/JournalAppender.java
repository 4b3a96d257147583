package io.ifw.journal.internal;

import io.ifw.core.spi.ChangeLog;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that appends a journal's changes: it polls the change log of every journaled
 * backend ({@link BackendStream}s are durable readers), appends what it finds, and commits each
 * log's sequence after the batch, which acknowledges the writes waiting for it. With nothing to
 * do it spins briefly, yields, then parks until a writer wakes it (a writer pays for an unpark
 * only when the appender is parked).
 */
public final class JournalAppender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JournalAppender.class.getName());
    private static final int BATCH = 256;
    private static final int SPINS = 100;
    private static final int YIELDS = 50;
    /** The longest park: a wakeup lost to a race costs at most this. */
    private static final long PARK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private record Attached(BackendStream stream, ChangeLog.Reader reader) {
    }

    private final List<Attached> streams = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile long errors;
    private volatile String lastError = "";

    public JournalAppender(String name) {
        thread = new Thread(this::run, "ifw-journal-appender " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Journals {@code log} through {@code stream} from now on: a snapshot first, then every change. */
    public ChangeLog.Reader attach(BackendStream stream, ChangeLog log) {
        return attach(stream, log, null);
    }

    /** Journals {@code stream}'s backend, which was restored from this journal's directory as {@code restored} (or {@code null}). */
    public ChangeLog.Reader attach(BackendStream stream, ChangeLog log, io.ifw.core.spi.RecoveredState restored) {
        ChangeLog.Reader reader = stream.attach(log, this::wake, restored);
        streams.add(new Attached(stream, reader));
        wake();
        return reader;
    }

    /** Stops journaling {@code stream}; writes no longer wait for it. */
    public void detach(BackendStream stream) {
        for (Attached attached : streams) {
            if (attached.stream() == stream) {
                streams.remove(attached);
                attached.reader().close();
            }
        }
    }

    /** Whether the thread runs (it ends when closed, or on an {@link Error}). */
    public boolean running() {
        return running && thread.isAlive();
    }

    /** Errors thrown while appending (the stream's reader is detached, so that its writes are not held up). */
    public long errors() {
        return errors;
    }

    public String lastError() {
        return lastError;
    }

    private void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        int idle = 0;
        while (running) {
            int work = 0;
            for (Attached attached : streams) {
                work += poll(attached);
            }
            if (work > 0) {
                idle = 0;
            } else if (idle < SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                idle++;
                Thread.yield();
            } else {
                parked = true;
                if (!hasWork()) { // a writer that appended before it saw 'parked' is seen here
                    LockSupport.parkNanos(this, PARK_NS);
                }
                parked = false;
            }
        }
    }

    private boolean hasWork() {
        for (Attached attached : streams) {
            if (attached.reader().hasWork()) {
                return true;
            }
        }
        return !running;
    }

    private int poll(Attached attached) {
        ChangeLog.Reader reader = attached.reader();
        try {
            int handed = reader.poll(attached.stream(), BATCH);
            if (handed > 0) {
                reader.commit(reader.position());
            }
            return handed;
        } catch (RuntimeException | Error e) {
            errors++;
            lastError = e.toString();
            LOG.log(Level.ERROR, "IFW: journaling " + attached.stream().featureId() + " (" + attached.stream().source()
                    + ") failed; it is no longer journaled: " + e, e);
            streams.remove(attached);
            reader.close();
            if (e instanceof Error error) {
                // the thread ends: nothing is journaled any more, and no write waits for it
                running = false;
                streams.forEach(other -> other.reader().close());
                streams.clear();
                throw error;
            }
            return 0;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Attached attached : streams) {
            if (!thread.isAlive()) {
                poll(attached); // what was appended before the close, journaled (the thread is gone: this one polls)
            }
            attached.reader().close();
        }
        streams.clear();
    }
}
