package io.ifw.core.internal;

import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.StateRecovery;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Restores a backend's journaled state before any front end binds it, whatever order the bundles
 * start in: a local backend is bound only once a {@link StateRecovery} has restored it, or when no
 * bundle that provides one ({@value StateRecovery#CAPABILITY}) is installed. While such a bundle
 * is installed but its service is not registered yet, the backend is held back and its feature
 * waits, saying why; when the service arrives, every waiting feature is bound again.
 *
 * <p>The wait is bounded ({@value #WAIT_PROPERTY}, {@value #DEFAULT_WAIT_MS} ms by default): a
 * recovery bundle that never registers its service (it does not resolve, or its activation
 * fails) must not keep every local backend unbound. Past the bound, the gate says so in one line
 * and binds the waiting backends with nothing restored.
 */
final class RecoveryGate implements AutoCloseable, io.ifw.core.spi.RecoveryBarrier {

    private final java.util.Map<Runnable, Consumer<String>> retries = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String holdBack(io.ifw.core.spi.Backend backend, String backendName) {
        if (!(backend instanceof AbstractBackend<?> built) || built.recovered()) {
            return null;
        }
        return holdBack(built, backendName);
    }

    @Override
    public void onChange(Runnable retry) {
        Consumer<String> consumer = reason -> retry.run();
        retries.put(retry, consumer);
        onChange(consumer);
    }

    @Override
    public void removeOnChange(Runnable retry) {
        Consumer<String> consumer = retries.remove(retry);
        if (consumer != null) {
            removeOnChange(consumer);
        }
    }

    private static final StateRecovery NOTHING_TO_RECOVER = (model, backendName) -> null;
    /** The framework property bounding the wait for a state recovery service, in milliseconds. */
    static final String WAIT_PROPERTY = "ifw.recovery.wait.ms";
    static final long DEFAULT_WAIT_MS = 60_000;
    private static final System.Logger LOG = System.getLogger(RecoveryGate.class.getName());

    private final java.util.concurrent.ScheduledExecutorService timer;
    private final long waitMs;
    private java.util.concurrent.ScheduledFuture<?> giveUp;
    private volatile boolean gaveUp;

    private final BundleContext context;
    /** The state recovery to use now (the highest ranked), or {@code null}: the runtime's DS reference. */
    private final Supplier<StateRecovery> recoveries;
    private final Set<Consumer<String>> waiting = new CopyOnWriteArraySet<>();

    RecoveryGate(BundleContext context, java.util.concurrent.ScheduledExecutorService timer, Supplier<StateRecovery> recoveries) {
        this.context = context;
        this.timer = timer;
        this.waitMs = waitMs(context.getProperty(WAIT_PROPERTY));
        this.recoveries = recoveries;
    }

    /** A state recovery service came: every held backend may be ready now. */
    void recoveryAdded() {
        waiting.forEach(rebind -> rebind.accept("state recovery is available"));
    }

    /** {@code rebind} is called with a reason whenever a held backend may be ready. */
    void onChange(Consumer<String> rebind) {
        waiting.add(rebind);
    }

    void removeOnChange(Consumer<String> rebind) {
        waiting.remove(rebind);
    }

    /**
     * Recovers {@code candidate}'s backend if it is due, and says whether it may be bound.
     *
     * @return {@code null} when it may be bound now; else why it waits
     */
    String holdBack(BackendCandidate candidate) {
        if (candidate.info().remote() || !(candidate.backend() instanceof AbstractBackend<?> backend) || backend.recovered()) {
            return null; // a remote backend's state is its server's; a raw SPI backend recovers itself
        }
        return holdBack(backend, candidate.recoveryName());
    }

    private String holdBack(AbstractBackend<?> backend, String recoveryName) {
        StateRecovery recovery = recoveries.get();
        if (recovery != null) {
            backend.recover(recovery, recoveryName);
            return null;
        }
        String provider = gaveUp ? null : expectedProvider();
        if (provider == null) {
            backend.recover(NOTHING_TO_RECOVER, recoveryName); // no journal: it starts as it is, for good
            return null;
        }
        startWaiting(provider);
        return "waiting for its journaled state: " + provider + " provides state recovery and has not registered it yet";
    }

    /** At the first hold, schedules the end of the wait. */
    private synchronized void startWaiting(String provider) {
        if (giveUp != null || timer.isShutdown()) {
            return;
        }
        giveUp = timer.schedule(() -> {
            if (recoveries.get() != null) {
                return;
            }
            gaveUp = true;
            LOG.log(System.Logger.Level.WARNING, "IFW: " + provider + " did not register its state recovery within " + waitMs
                    + " ms (" + WAIT_PROPERTY + "); local backends start without their journaled state");
            waiting.forEach(rebind -> rebind.accept("no state recovery within " + waitMs + " ms"));
        }, waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static long waitMs(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_WAIT_MS;
        }
        try {
            long value = Long.parseLong(configured.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "IFW: framework property " + WAIT_PROPERTY + " = '" + configured
                + "': expected a whole number of milliseconds, not negative; " + DEFAULT_WAIT_MS + " is used");
        return DEFAULT_WAIT_MS;
    }

    /** The installed bundle that declares the state recovery capability, with its state, or {@code null}. */
    private String expectedProvider() {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null && !revision.getDeclaredCapabilities(StateRecovery.CAPABILITY).isEmpty()) {
                return "bundle " + bundle.getSymbolicName() + " (" + stateName(bundle.getState()) + ")";
            }
        }
        return null;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting";
            case Bundle.ACTIVE -> "active";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + state;
        };
    }

    @Override
    public void close() {
        synchronized (this) {
            if (giveUp != null) {
                giveUp.cancel(false);
            }
        }
        waiting.clear();
    }
}
