package io.ifw.core.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * The sequenced changes of one backend: one {@link StateTable} and a bounded ring of the latest
 * changes, each with its sequence number (1, 2, … for a new backend; after a recovery, on from the
 * journaled sequence). Writers {@link #append} under the backend's lock; readers — front ends, the
 * journal, a remote exporter — each have a {@link Reader} with its own cursor and read on their
 * own thread, outside that lock.
 *
 * <p>A reader starts with a snapshot of the whole table at a sequence, then gets every change
 * after it, in order. A reader that falls so far behind that the ring has overwritten a change it
 * did not read gets a new snapshot with a reason (it is never handed a torn or reordered state);
 * the writer never waits for a reader. A <em>durable</em> reader (the journal) {@link
 * Reader#commit commits} what it has stored; {@link #whenDurable} resolves once every durable
 * reader has committed a sequence, which is how a journaled write is acknowledged only once the
 * journal holds it.
 *
 * <p>The ring is written with a per-entry sequence lock: a reader copies an entry's fields, then
 * checks that the entry still carries the sequence it expected, so a concurrent overwrite is
 * detected rather than read.
 */
public final class ChangeLog {

    /** What a change is about; {@code member} and {@code zone} are the member index and zone, where they apply. */
    public enum Kind {
        /** The zones: value is the {@code List<String>} of names. */
        ZONES,
        /** A property's value in a zone. */
        VALUE,
        /** A property's {@link io.ifw.core.ValueAvailability} in a zone. */
        AVAILABILITY,
        /** A property's {@link io.ifw.core.Attribute} in a zone. */
        ATTRIBUTE,
        /** A signal raised in a zone, with its payload (an event: not kept in the table). */
        SIGNAL,
        /** The {@link io.ifw.core.ConnectionStatus} of the backend's link. */
        CONNECTION,
        /** The backend's {@link io.ifw.core.FeatureError}, or {@code null} when cleared. */
        ERROR
    }

    /** What a reader is handed, on the thread that polls it. */
    @ConsumerType
    public interface Handler {
        /**
         * The whole state at {@code sequence}: the reader's first read, a snapshot it asked for,
         * or a resync after it fell behind. The table is the reader's own copy.
         *
         * @param reason why: {@link #FIRST_READ}, the reason given to {@link Reader#requestSnapshot}, or how far it fell behind
         */
        void snapshot(long sequence, StateTable state, String reason);

        /** One change, in sequence order, each sequence once. */
        void change(long sequence, Kind kind, int member, String zone, Object value);
    }

    /** The reason of a reader's first snapshot. */
    public static final String FIRST_READ = "first read";

    /** How the reason of a resync starts: the reader fell behind the log's bound, and the changes it missed are conflated. */
    public static final String FELL_BEHIND = "fell behind";

    /** The ring's size unless a backend asks for another: changes a reader may lag before it is resynced. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final VarHandle ENTRY_SEQUENCE;
    private static final PromiseFactory PROMISES = new PromiseFactory(PromiseFactory.inlineExecutor());
    private static final Promise<Void> DURABLE = PROMISES.resolved(null);

    static {
        try {
            ENTRY_SEQUENCE = MethodHandles.lookup().findVarHandle(Entry.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Entry {
        @SuppressWarnings("unused") // through ENTRY_SEQUENCE
        private long sequence = -1;
        private Kind kind;
        private int member;
        private String zone;
        private Object value;
    }

    private record Waiter(long sequence, Deferred<Void> deferred) {
    }

    private final Object lock;
    private final StateTable table;
    private final Entry[] ring;
    private final int mask;
    private volatile long head;
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    private final List<Reader> durableReaders = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong resyncs = new AtomicLong();
    private volatile long logId = newLogId();

    /**
     * @param lock     the lock writers hold when they {@link #append} and change the table
     * @param table    the state the changes are made to
     * @param capacity how many changes the ring keeps; rounded up to a power of two, at least 2
     */
    public ChangeLog(Object lock, StateTable table, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a change log holds at least 1 change, not " + capacity);
        }
        this.lock = Objects.requireNonNull(lock, "lock");
        this.table = Objects.requireNonNull(table, "table");
        int size = Integer.highestOneBit(Math.max(2, capacity));
        if (size < capacity) {
            size <<= 1;
        }
        ring = new Entry[size];
        for (int i = 0; i < size; i++) {
            ring[i] = new Entry();
        }
        mask = size - 1;
    }

    /** The lock writers hold. */
    public Object lock() {
        return lock;
    }

    /** The state; read and changed only under {@link #lock()}. */
    public StateTable table() {
        return table;
    }

    /** How many changes the ring keeps. */
    public int capacity() {
        return ring.length;
    }

    /**
     * Which numbering the sequences belong to: a random id for a new log, the journaled one for a
     * log that {@link #continueAfter continues} a journaled backend's. Two logs with the same id
     * and sequence hold the same change; a reader that comes back with a sequence of another log
     * must start over from a snapshot. Never 0.
     */
    public long logId() {
        return logId;
    }

    private volatile boolean continued;

    private static long newLogId() {
        long id;
        do {
            id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /** The sequence of the last change (0 before the first). */
    public long head() {
        return head;
    }

    /** How many resyncs readers of this log needed (they fell behind its bound). */
    public long resyncs() {
        return resyncs.get();
    }

    /**
     * Continues numbering after {@code sequence} of the log {@code logId} (a recovered backend
     * continues its journal's numbers): the changes made so far (a backend's constructor's) are
     * forgotten, as the recovered state replaces them. A reader that read the log already is
     * handed a snapshot in the new numbering, with the reason.
     *
     * @throws IllegalArgumentException for a log id of 0 or a negative sequence
     */
    public void continueAfter(long sequence, long logId) {
        if (logId == 0 || sequence < 0) {
            throw new IllegalArgumentException("cannot continue log " + logId + " after sequence " + sequence);
        }
        synchronized (lock) {
            String reason = "the log was renumbered: it continues log " + Long.toHexString(logId) + " after change " + sequence;
            for (Reader reader : readers) {
                reader.renumbered(reason);
            }
            for (Entry entry : ring) {
                ENTRY_SEQUENCE.setVolatile(entry, -1L);
                entry.value = null;
            }
            head = sequence;
            this.logId = logId;
            continued = true;
        }
    }

    /**
     * Whether this log continues one that was journaled before ({@link #continueAfter}): its
     * earlier changes are in a journal, so a reader that wants them may ask the journal's history.
     */
    public boolean isContinued() {
        return continued;
    }

    /**
     * Appends a change, which the caller has already made to the {@link #table()}. Under the lock;
     * call {@link #wake()} after releasing it.
     *
     * @return the change's sequence
     */
    public long append(Kind kind, int member, String zone, Object value) {
        long sequence = head + 1;
        Entry entry = ring[(int) sequence & mask];
        ENTRY_SEQUENCE.setVolatile(entry, -1L); // a reader that is copying the old entry will see it changed
        entry.kind = kind;
        entry.member = member;
        entry.zone = zone;
        entry.value = value;
        ENTRY_SEQUENCE.setRelease(entry, sequence);
        head = sequence;
        return sequence;
    }

    /** Tells every reader that changes are there. Outside the lock. */
    public void wake() {
        for (Reader reader : readers) {
            reader.wakeup.run();
        }
    }

    /**
     * A new reader. Its first {@link Reader#poll} hands it a snapshot of the state now, when it is
     * created (so that whatever changes after this call reaches it as a change).
     *
     * @param name    what it is, for reports (e.g. "journal", "front end", "remote session 3")
     * @param durable whether writes are acknowledged only once it has {@link Reader#commit committed} them
     * @param wakeup  run (outside the lock, on the writer's thread) after changes were appended; must be quick
     */
    public Reader reader(String name, boolean durable, Runnable wakeup) {
        return reader(name, durable, false, wakeup);
    }

    /**
     * A new reader that, with {@code committedOnly}, is handed only what every durable reader has
     * committed (nothing held back when none is attached): a reader that passes changes on beyond
     * this process (a remote exporter) never tells anyone of a change a crash could take back, so
     * that a sequence means the same before and after a restart that continues the journaled log.
     */
    public Reader reader(String name, boolean durable, boolean committedOnly, Runnable wakeup) {
        return added(new Reader(name, durable, committedOnly, wakeup == null ? () -> { } : wakeup, 0, -1));
    }

    /**
     * A reader that has read this log up to change {@code after} of log {@code logId} already (a
     * journal holds those changes from an earlier run, and this log {@link #continueAfter continues}
     * them): its polls hand the changes after it one by one, so that none is lost in a snapshot.
     * When {@code logId} is not this log's, {@code after} is past the head, or the ring no longer
     * holds every change after it, it is the reader {@link #reader(String, boolean, Runnable)}
     * makes: its first poll hands a snapshot.
     *
     * @param name    what it is, for reports
     * @param durable whether writes are acknowledged only once it has {@link Reader#commit committed} them
     * @param wakeup  run (outside the lock, on the writer's thread) after changes were appended; must be quick
     * @param logId   the log the reader has read
     * @param after   the last change of that log it has
     */
    public Reader readerAfter(String name, boolean durable, Runnable wakeup, long logId, long after) {
        return added(new Reader(name, durable, false, wakeup == null ? () -> { } : wakeup, logId, after));
    }

    private Reader added(Reader reader) {
        readers.add(reader);
        if (reader.durable) {
            durableReaders.add(reader);
        }
        return reader;
    }

    /** Whether any reader has something to read (a change, or a snapshot due). */
    public boolean readersBehind() {
        for (Reader reader : readers) {
            if (reader.hasWork()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a durable reader is attached (a write's acknowledgement then waits for it). */
    public boolean hasDurableReaders() {
        return !durableReaders.isEmpty();
    }

    /**
     * Resolves once every durable reader has committed {@code sequence}; at once when none is
     * attached or all have. Resolved on the thread of the commit that reaches it.
     */
    public Promise<Void> whenDurable(long sequence) {
        if (durableReaders.isEmpty() || durableCommitted() >= sequence) {
            return DURABLE;
        }
        Deferred<Void> deferred = PROMISES.deferred();
        waiters.add(new Waiter(sequence, deferred));
        releaseWaiters(); // a commit may have come between the check and the add
        return deferred.getPromise();
    }

    /** The lowest sequence every durable reader has committed ({@code Long.MAX_VALUE} without durable readers). */
    public long durableCommitted() {
        long lowest = Long.MAX_VALUE;
        for (Reader reader : durableReaders) {
            lowest = Math.min(lowest, reader.committed);
        }
        return lowest;
    }

    private void releaseWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        long committed = durableCommitted();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.sequence <= committed && waiters.remove(waiter)) {
                waiter.deferred.resolve(null);
            }
        }
    }

    /**
     * One reader's cursor. {@link #poll} is called by one thread at a time (the reader's own, or
     * whoever holds its turn); the other methods from any thread.
     */
    public final class Reader implements AutoCloseable {
        private final String name;
        private final boolean durable;
        private final Runnable wakeup;
        private volatile long position = -1;
        private volatile long committed = -1;
        private volatile String snapshotReason;
        /** A snapshot asked for: handed once the reader has read every change before it, so that none is skipped. */
        private volatile String requested;
        /** The first snapshot, taken when the reader was made; handed by its first poll. */
        private volatile StateTable first;
        private volatile boolean closed;
        private volatile long snapshots;
        private volatile long readerResyncs;

        private final boolean committedOnly;

        /** @param readLogId and {@code readUpTo}: the log and its last change the reader has already (a log id of 0: none) */
        private Reader(String name, boolean durable, boolean committedOnly, Runnable wakeup, long readLogId, long readUpTo) {
            this.name = name;
            this.durable = durable;
            this.committedOnly = committedOnly;
            this.wakeup = wakeup;
            synchronized (lock) {
                if (readLogId != 0 && readLogId == logId && readUpTo >= 0 && readUpTo <= head && head - readUpTo <= ring.length) {
                    position = readUpTo; // the changes after it are in the ring: they are handed one by one
                } else if (committedOnly && !committedUpTo(head)) {
                    snapshotReason = FIRST_READ; // the state now holds changes not committed yet: later
                    position = -1;
                } else {
                    first = table.copy();
                    position = head;
                }
            }
        }

        /** The last change this reader may be handed now. */
        private long readable() {
            long end = head;
            if (committedOnly && !durableReaders.isEmpty()) {
                end = Math.min(end, durableCommitted());
            }
            return end;
        }

        /** Whether the state as of {@code sequence} may be handed (under the lock, for a snapshot). */
        private boolean committedUpTo(long sequence) {
            return !committedOnly || durableReaders.isEmpty() || durableCommitted() >= sequence;
        }

        public String name() {
            return name;
        }

        public boolean durable() {
            return durable;
        }

        /** The sequence of the last change handed to this reader (-1 before its first snapshot). */
        public long position() {
            if (first != null) {
                return -1;
            }
            return position;
        }

        /** Changes appended that this reader has not read yet. */
        public long lag() {
            long at = position;
            return at < 0 ? head : Math.max(0, head - at);
        }

        /** Whether there is something to poll. */
        public boolean hasWork() {
            return !closed && (first != null || snapshotReason != null || requested != null || readable() > position);
        }

        /** How many snapshots it was handed, and how many of them were resyncs after it fell behind. */
        public long snapshots() {
            return snapshots;
        }

        public long resyncs() {
            return readerResyncs;
        }

        /**
         * A poll hands a snapshot (e.g. the journal's periodic one) with this reason, as soon as
         * the reader has read every change before it: a snapshot asked for never stands for
         * changes the reader did not read.
         */
        public void requestSnapshot(String reason) {
            requested = Objects.requireNonNull(reason, "reason");
        }

        /**
         * Hands this reader what it has not read: a snapshot when one is due, then up to
         * {@code limit} changes.
         *
         * @return how many snapshots and changes were handed
         */
        public int poll(Handler handler, int limit) {
            if (closed) {
                return 0;
            }
            int handed = 0;
            if (first != null) {
                StateTable state = first;
                first = null;
                snapshots++;
                handler.snapshot(position, state, FIRST_READ);
                handed++;
            }
            String reason = snapshotReason;
            if (reason != null) {
                if (!snapshot(handler, reason)) {
                    return handed; // the state holds changes not committed yet: the next poll tries again
                }
                handed++;
            }
            long next = position + 1;
            long end = readable();
            while (handed < limit && next <= end) {
                Entry entry = ring[(int) next & mask];
                long before = (long) ENTRY_SEQUENCE.getAcquire(entry);
                Kind kind = entry.kind;
                int member = entry.member;
                String zone = entry.zone;
                Object value = entry.value;
                VarHandle.loadLoadFence();
                long after = (long) ENTRY_SEQUENCE.getVolatile(entry);
                if (snapshotReason != null) {
                    if (!snapshot(handler, snapshotReason)) { // renumbered meanwhile
                        return handed;
                    }
                    handed++;
                    next = position + 1;
                    end = readable();
                    continue;
                }
                if (before != next || after != next) {
                    // Overwritten before it was read: the reader lags more than the ring holds.
                    long lagged = head - position;
                    readerResyncs++;
                    resyncs.incrementAndGet();
                    if (!snapshot(handler, FELL_BEHIND + ": " + lagged + " changes unread, the log holds " + ring.length + " (change "
                            + next + " was overwritten)")) {
                        return handed;
                    }
                    handed++;
                    next = position + 1;
                    end = readable();
                    continue;
                }
                position = next;
                handler.change(next, kind, member, zone, value);
                handed++;
                next++;
            }
            String asked = requested;
            if (asked != null && handed < limit && snapshotIfCaughtUp(handler, asked)) {
                handed++;
            }
            return handed;
        }

        /** Hands a snapshot if no change is unread (checked under the lock, where changes are made). */
        private boolean snapshotIfCaughtUp(Handler handler, String reason) {
            StateTable copy;
            long at;
            synchronized (lock) {
                if (head != position || !committedUpTo(head)) {
                    return false;
                }
                copy = table.copy();
                at = head;
                requested = null;
            }
            snapshots++;
            handler.snapshot(at, copy, reason);
            return true;
        }

        /** Hands the state now; for a committed-only reader, only once it holds nothing uncommitted (else {@code false}, and it stays due). */
        private boolean snapshot(Handler handler, String reason) {
            StateTable copy;
            long at;
            synchronized (lock) {
                if (!committedUpTo(head)) {
                    snapshotReason = reason;
                    return false;
                }
                copy = table.copy();
                at = head;
                snapshotReason = null;
            }
            position = at;
            snapshots++;
            handler.snapshot(at, copy, reason);
            return true;
        }

        /** The log was renumbered (under its lock): the next poll hands a snapshot; what was committed counts no more. */
        private void renumbered(String reason) {
            snapshotReason = reason;
            committed = -1;
            first = null;
        }

        /** A durable reader has stored everything up to {@code sequence}: writes up to it are acknowledged. */
        public void commit(long sequence) {
            if (sequence > committed) {
                committed = sequence;
                releaseWaiters();
            }
        }

        /** Detaches the reader; writes no longer wait for it. */
        @Override
        public void close() {
            closed = true;
            readers.remove(this);
            if (durableReaders.remove(this)) {
                releaseWaiters();
            }
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public String toString() {
            return name + " at " + position + (durable ? ", committed " + committed : "") + ", lag " + lag();
        }
    }
}
