package io.ifw.core.internal;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureError;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendOrder;
import io.ifw.core.spi.BackendProperties;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Discovery for one front end in a framework: tracks the backend services of the feature and
 * rebinds the front end whenever they, the settings or a manual choice change. Rebinding runs
 * synchronously, one change at a time, on the thread that caused it.
 */
final class FeatureBinder implements ServiceTrackerCustomizer<Backend, BackendCandidate> {

    private static final System.Logger LOG = System.getLogger(FeatureBinder.class.getName());

    private final BundleContext context;
    private final FeatureFrontEnd frontEnd;
    private final Map<ServiceReference<Backend>, BackendCandidate> candidates = new ConcurrentHashMap<>();
    private final ServiceTracker<Backend, BackendCandidate> tracker;
    private final RecoveryGate recovery;
    private final java.util.function.Consumer<String> onRecovery = this::recoveryChanged;
    private DiscoverySettings settings;
    private String manualBackend;
    private boolean closed;

    FeatureBinder(BundleContext context, FeatureFrontEnd frontEnd, DiscoverySettings settings, RecoveryGate recovery) {
        this.context = context;
        this.recovery = recovery;
        this.frontEnd = frontEnd;
        this.settings = settings;
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + Backend.class.getName() + ")(" + BackendProperties.FEATURE
                + "=" + escape(frontEnd.model().id()) + "))";
        try {
            this.tracker = new ServiceTracker<>(context, context.createFilter(filter), this);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("feature id " + frontEnd.model().id() + " cannot be used in a filter", e);
        }
    }

    void open() {
        recovery.onChange(onRecovery);
        tracker.open();
        rebind("discovery started");
    }

    private synchronized void recoveryChanged(String reason) {
        rebind(reason);
    }

    synchronized void close(String reason) {
        closed = true;
        recovery.removeOnChange(onRecovery);
        frontEnd.unbind(DiscoveryResult.NO_RESULT, null, reason);
        tracker.close();
    }

    synchronized DiscoverySettings settings() {
        return settings;
    }

    synchronized void settings(DiscoverySettings next) {
        if (!next.equals(settings)) {
            settings = next;
            frontEnd.discoveryModeChanged(next.mode());
            rebind("discovery settings changed (" + next.source() + ")");
        }
    }

    /**
     * Binds the named backend until it goes away or {@link #useDiscovery()}.
     *
     * @return false when no backend of that name is registered
     */
    synchronized boolean use(String backendName) {
        if (candidates.values().stream().noneMatch(c -> c.info().name().equals(backendName))) {
            return false;
        }
        manualBackend = backendName;
        rebind("chosen by name");
        return true;
    }

    synchronized void useDiscovery() {
        if (manualBackend != null) {
            manualBackend = null;
            rebind("returned to discovery");
        }
    }

    /** The registered backends, best first by the current settings. */
    synchronized List<BackendInfo> backends() {
        return BackendSelector.order(new ArrayList<>(candidates.values()), settings, null).stream()
                .map(BackendCandidate::info).toList();
    }

    @Override
    public BackendCandidate addingService(ServiceReference<Backend> reference) {
        BackendInfo info = info(reference);
        if (info == null) {
            return null;
        }
        Backend backend = context.getService(reference);
        if (backend == null) {
            return null;
        }
        BackendCandidate candidate = new BackendCandidate(info, backend, incompatibility(reference),
                BackendProperties.recoveryName(reference.getProperty(BackendProperties.BACKEND_NAME), backend));
        synchronized (this) {
            candidates.put(reference, candidate);
            rebind("backend " + info.name() + " registered");
        }
        return candidate;
    }

    @Override
    public void modifiedService(ServiceReference<Backend> reference, BackendCandidate old) {
        BackendInfo info = info(reference);
        synchronized (this) {
            if (info == null) {
                candidates.remove(reference);
            } else {
                candidates.put(reference, new BackendCandidate(info, old.backend(), incompatibility(reference), old.recoveryName()));
            }
            rebind("backend " + old.info().name() + " changed its properties");
        }
    }

    @Override
    public void removedService(ServiceReference<Backend> reference, BackendCandidate candidate) {
        synchronized (this) {
            candidates.remove(reference);
            if (candidate.info().name().equals(manualBackend)) {
                manualBackend = null;
            }
            rebind("backend " + candidate.info().name() + " unregistered");
        }
        context.ungetService(reference);
    }

    /** Binds the best compatible candidate, or unbinds. Called with this binder's lock held. */
    private void rebind(String reason) {
        if (closed) {
            return;
        }
        List<BackendCandidate> ordered = BackendSelector.order(new ArrayList<>(candidates.values()), settings, manualBackend);
        List<String> incompatible = new ArrayList<>();
        for (BackendCandidate candidate : ordered) {
            String conflict = candidate.conflictWith(frontEnd.model());
            if (conflict == null) {
                String wait = recovery.holdBack(candidate);
                if (wait != null) {
                    // The best backend waits for its journaled state; nothing else is bound meanwhile, so the
                    // feature's first values are the restored ones.
                    frontEnd.hold(candidate.info().name() + " is " + wait);
                    return;
                }
                frontEnd.bind(candidate, BackendSelector.result(candidate, settings, manualBackend), reason);
                return;
            }
            incompatible.add(conflict);
        }
        if (incompatible.isEmpty()) {
            frontEnd.unbind(BackendSelector.result(null, settings, manualBackend), null, reason);
        } else {
            String message = String.join("; ", incompatible);
            LOG.log(Level.WARNING, message);
            frontEnd.unbind(DiscoveryResult.ERROR_WHILE_LOADING, new FeatureError(ErrorCode.INCOMPATIBLE, message), reason);
        }
    }

    private static String incompatibility(ServiceReference<Backend> reference) {
        Object diff = reference.getProperty(BackendProperties.BACKEND_INCOMPATIBLE);
        return diff == null || diff.toString().isBlank() ? null : diff.toString();
    }

    private BackendInfo info(ServiceReference<Backend> reference) {
        Map<String, Object> properties = new java.util.HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        BackendInfo info = BackendOrder.info(properties);
        if (info == null) {
            LOG.log(Level.WARNING, "backend " + BackendOrder.name(properties) + " of " + frontEnd.model().id() + " (bundle "
                    + reference.getBundle().getSymbolicName() + ") has " + BackendProperties.BACKEND_KIND + "='"
                    + properties.get(BackendProperties.BACKEND_KIND) + "', expected 'production' or 'simulation'; it is ignored");
        }
        return info;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
