package io.ifw.backend.remote.aeron.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Opens a server's or client's {@link AeronLink} on a thread of its own, so that the agent never
 * blocks on a media-driver launch or on {@code Aeron.connect} (which waits for the driver): the
 * agent {@link #start starts} an attempt, goes on with its duty cycles, and {@link #take takes}
 * the link once it is open. A link opened after {@link #close} is closed at once.
 */
public final class LinkOpener<L extends AutoCloseable> implements AutoCloseable {

    private final ExecutorService thread;
    private final Supplier<L> open;
    private CompletableFuture<L> pending;
    private volatile boolean closed;

    /** Opens a server's or client's link to the driver of {@code settings}. */
    public static LinkOpener<AeronLink> of(String threadName, TransportSettings settings, String owner) {
        return new LinkOpener<>(threadName, () -> AeronLink.open(settings, owner));
    }

    /** @param open opens one link, or throws why it cannot */
    LinkOpener(String threadName, Supplier<L> open) {
        this.open = open;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether an attempt is running or done and not taken yet. Agent thread only. */
    public boolean opening() {
        return pending != null;
    }

    /** Starts an attempt to open a link. Agent thread only. */
    public void start() {
        if (pending != null) {
            return;
        }
        pending = CompletableFuture.supplyAsync(() -> {
            L link = open.get();
            if (closed) {
                closeQuietly(link);
                throw new IllegalStateException("closed while the link was opening");
            }
            return link;
        }, thread);
    }

    private static void closeQuietly(AutoCloseable link) {
        try {
            link.close();
        } catch (Exception e) {
            // a link opened too late: nothing else to do with it
        }
    }

    /**
     * The link once the attempt is done, {@code null} while it runs. Agent thread only.
     *
     * @throws RuntimeException why the attempt failed (the next {@link #start} tries again)
     */
    public L take() {
        if (pending == null || !pending.isDone()) {
            return null;
        }
        CompletableFuture<L> done = pending;
        pending = null;
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the Aeron link", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<L> left = pending;
        pending = null;
        if (left != null) {
            left.thenAccept(LinkOpener::closeQuietly);
        }
        thread.shutdown();
    }
}
