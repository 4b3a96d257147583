package io.ifw.core.spi;

import io.ifw.core.Registration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Real time: one daemon thread per ticker runs the tasks. Close it when the backend stops. */
public final class SystemTicker implements Ticker, AutoCloseable {

    private final ScheduledExecutorService scheduler;

    public SystemTicker(String name) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public long nowMs() {
        return System.currentTimeMillis();
    }

    @Override
    public Registration every(long periodMs, Runnable task) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("the period must be positive, was " + periodMs + " ms");
        }
        ScheduledFuture<?> future = scheduler.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger(SystemTicker.class.getName()).log(System.Logger.Level.ERROR, "a ticker task failed: " + e, e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
