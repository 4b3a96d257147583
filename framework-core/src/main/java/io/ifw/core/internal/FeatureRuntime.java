package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.BackendInfo;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.FeatureOptions;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.FeatureCatalog;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.Registration;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.StateRecovery;
import org.osgi.util.promise.Promise;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.BundleTracker;

/**
 * The IFW runtime: the extender that gives every feature interface of an active bundle a front
 * end (registered as a service under the interface), discovery for each, and the
 * {@link FeatureRegistry} for code outside Declarative Services.
 */
@Component(service = {FeatureRegistry.class, FeatureCatalog.class, FeatureAccess.class}, immediate = true)
public final class FeatureRuntime implements FeatureRegistry, FeatureCatalog, FeatureAccess {

    private static final System.Logger LOG = System.getLogger(FeatureRuntime.class.getName());

    private final Map<String, ManagedFeature> features = new ConcurrentHashMap<>();
    private final Map<String, DiscoverySettings> configured = new ConcurrentHashMap<>();
    private final Set<FeatureHandleImpl<?>> handles = ConcurrentHashMap.newKeySet();
    private volatile EnvironmentOverrides overrides = EnvironmentOverrides.NONE;
    private BundleContext context;
    private ExecutorService deliveryPool;
    private ScheduledExecutorService timer;
    private BundleTracker<List<ManagedFeature>> tracker;
    private volatile RecoveryGate recovery;
    /** The state recovery services (the journal's), as Declarative Services binds them. */
    private final Map<ServiceReference<StateRecovery>, StateRecovery> recoveries = new ConcurrentHashMap<>();
    private org.osgi.framework.ServiceRegistration<io.ifw.core.spi.RecoveryBarrier> barrier;
    /** Catalog listeners; notified under this lock so that watch() neither misses nor repeats a feature. */
    private final List<FeatureCatalog.Listener> catalogListeners = new java.util.ArrayList<>();

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        this.deliveryPool = Executors.newCachedThreadPool(daemonThreads("ifw-delivery-"));
        this.timer = CallTimers.create(daemonThreads("ifw-call-timeouts-"));
        this.overrides = EnvironmentOverrides.parse(setting(EnvironmentOverrides.DISCOVERY_MODE),
                setting(EnvironmentOverrides.PREFERRED_BACKENDS));
        overrides.problems().forEach(problem -> LOG.log(Level.WARNING, "IFW: " + problem));
        this.recovery = new RecoveryGate(bundleContext, timer, this::currentRecovery);
        this.barrier = bundleContext.registerService(io.ifw.core.spi.RecoveryBarrier.class, recovery, null);
        this.tracker = new BundleTracker<>(bundleContext, Bundle.ACTIVE, new FeatureExtender(this, this::start));
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        handles.forEach(FeatureHandleImpl::close);
        tracker.close();
        barrier.unregister();
        recovery.close();
        deliveryPool.shutdown();
        timer.shutdownNow();
    }

    @Reference(name = "recoveries", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRecovery")
    void addRecovery(ServiceReference<StateRecovery> reference, StateRecovery added) {
        recoveries.put(reference, added);
        RecoveryGate gate = recovery;
        if (gate != null) {
            gate.recoveryAdded();
        }
    }

    void removeRecovery(ServiceReference<StateRecovery> reference) {
        recoveries.remove(reference);
    }

    /** The highest ranked state recovery service, as a service tracker would choose it; {@code null} when there is none. */
    private StateRecovery currentRecovery() {
        return recoveries.entrySet().stream().max(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse(null);
    }

    /** An environment variable, else the framework property of the same name (handy in tests). */
    private String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : context.getProperty(name);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDiscoveryConfiguration(DiscoveryConfiguration configuration) {
        if (configuration.settings() != null) {
            configured.put(configuration.featureId(), configuration.settings());
            applySettings(configuration.featureId());
        }
    }

    void removeDiscoveryConfiguration(DiscoveryConfiguration configuration) {
        if (configuration.settings() != null && configured.remove(configuration.featureId(), configuration.settings())) {
            applySettings(configuration.featureId());
        }
    }

    private DiscoverySettings settingsFor(String featureId) {
        return overrides.apply(featureId, configured.getOrDefault(featureId, DiscoverySettings.DEFAULTS));
    }

    private void applySettings(String featureId) {
        ManagedFeature feature = features.get(featureId);
        if (feature != null) {
            DiscoverySettings settings = settingsFor(featureId);
            feature.frontEnd().callTimeoutMs(settings.callTimeoutMs());
            feature.binder().settings(settings);
        }
    }

    private ManagedFeature start(FeatureModel model, Bundle declaring) {
        DiscoverySettings settings = settingsFor(model.id());
        FeatureFrontEnd frontEnd = new FeatureFrontEnd(model, settings.mode(), new SerialExecutor(deliveryPool, model.id()),
                false, timer, settings.callTimeoutMs());
        ManagedFeature feature = new ManagedFeature(frontEnd, new FeatureBinder(context, frontEnd, settings, recovery), declaring);
        features.put(model.id(), feature);
        feature.start();
        notifyCatalog(new FeatureCatalog.Entry(model, declaring), true);
        LOG.log(Level.INFO, "IFW: feature " + model.id() + " (" + model.members().size() + " members, fingerprint "
                + model.fingerprint() + ") from bundle " + declaring.getSymbolicName() + ", discovery " + settings.mode());
        return feature;
    }

    void stopped(ManagedFeature feature, String reason) {
        if (features.remove(feature.frontEnd().model().id(), feature)) {
            notifyCatalog(new FeatureCatalog.Entry(feature.frontEnd().model(), feature.declaringBundle()), false);
        }
        feature.stop(reason);
    }

    private void notifyCatalog(FeatureCatalog.Entry entry, boolean added) {
        synchronized (catalogListeners) {
            for (FeatureCatalog.Listener listener : catalogListeners) {
                try {
                    if (added) {
                        listener.added(entry);
                    } else {
                        listener.removed(entry);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IFW: a feature catalog listener failed on " + entry.model().id() + ": " + e, e);
                }
            }
        }
    }

    // ----- FeatureCatalog -----

    @Override
    public List<FeatureCatalog.Entry> entries() {
        return features.values().stream().map(f -> new FeatureCatalog.Entry(f.frontEnd().model(), f.declaringBundle()))
                .sorted(Comparator.comparing(e -> e.model().id())).toList();
    }

    @Override
    public java.util.Optional<FeatureModel> find(String featureId) {
        return java.util.Optional.ofNullable(features.get(featureId)).map(f -> f.frontEnd().model());
    }

    @Override
    public AutoCloseable watch(FeatureCatalog.Listener listener) {
        synchronized (catalogListeners) {
            catalogListeners.add(listener);
            for (FeatureCatalog.Entry entry : entries()) {
                try {
                    listener.added(entry);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IFW: a feature catalog listener failed on " + entry.model().id() + ": " + e, e);
                }
            }
        }
        return () -> {
            synchronized (catalogListeners) {
                catalogListeners.remove(listener);
            }
        };
    }

    ManagedFeature managed(String featureId) {
        return features.get(featureId);
    }

    private ManagedFeature require(String featureId) {
        ManagedFeature feature = features.get(featureId);
        if (feature == null) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, "unknown feature '" + featureId + "' (known: "
                    + (features.isEmpty() ? "none" : String.join(", ", features.keySet().stream().sorted().toList())) + ")");
        }
        return feature;
    }

    // ----- FeatureRegistry -----

    @Override
    public List<FeatureStatus> features() {
        return features.values().stream().map(f -> f.frontEnd().status())
                .sorted(Comparator.comparing(FeatureStatus::featureId)).toList();
    }

    @Override
    public FeatureStatus status(String featureId) {
        return require(featureId).frontEnd().status();
    }

    @Override
    public <F extends Feature> F feature(Class<F> featureInterface) {
        FeatureModel model = FeatureModel.of(featureInterface);
        ManagedFeature feature = require(model.id());
        if (feature.frontEnd().model().featureInterface() != featureInterface) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, featureInterface.getName() + " is not the interface of the registered "
                    + model.id() + " (a different class loader's copy)");
        }
        return featureInterface.cast(feature.sharedView());
    }

    @Override
    public <F extends Feature> FeatureHandle<F> open(Class<F> featureInterface, FeatureOptions options) {
        FeatureModel model = FeatureModel.of(featureInterface);
        DiscoverySettings settings = DiscoverySettings.of(options);
        FeatureFrontEnd frontEnd = new FeatureFrontEnd(model, settings.mode(), new SerialExecutor(deliveryPool, model.id()),
                options.directDelivery(), timer, settings.callTimeoutMs());
        FeatureBinder binder = new FeatureBinder(context, frontEnd, settings, recovery);
        FeatureHandleImpl<F> handle = new FeatureHandleImpl<>(featureInterface, frontEnd, binder, handles::remove);
        handles.add(handle);
        binder.open();
        return handle;
    }

    @Override
    public List<BackendInfo> backends(String featureId) {
        return require(featureId).binder().backends();
    }

    @Override
    public void use(String featureId, String backendName) {
        ManagedFeature feature = require(featureId);
        if (!feature.binder().use(backendName)) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, "no backend '" + backendName + "' for " + featureId
                    + " (backends: " + String.join(", ", feature.binder().backends().stream().map(BackendInfo::name).toList()) + ")");
        }
    }

    @Override
    public void useDiscovery(String featureId) {
        require(featureId).binder().useDiscovery();
    }

    // ----- FeatureAccess -----

    @Override
    public FeatureModel model(String featureId) {
        return require(featureId).frontEnd().model();
    }

    @Override
    public List<String> zones(String featureId) {
        return require(featureId).frontEnd().zoneNames();
    }

    @Override
    public Object value(String featureId, PropertyMember property, String zone) {
        return require(featureId).frontEnd().value(property.index(), zone);
    }

    @Override
    public ValueAvailability availability(String featureId, PropertyMember property, String zone) {
        return require(featureId).frontEnd().availability(property.index(), zone);
    }

    @Override
    public Attribute<?> attribute(String featureId, PropertyMember property, String zone) {
        return require(featureId).frontEnd().attribute(property.index(), zone);
    }

    @Override
    public Promise<Void> set(String featureId, PropertyMember property, String zone, Object value) {
        return require(featureId).frontEnd().set(property, zone, value);
    }

    @Override
    public Promise<Object> invoke(String featureId, OperationMember operation, String zone, Object[] arguments) {
        return require(featureId).frontEnd().invoke(operation, zone, arguments);
    }

    @Override
    public long callTimeoutMs(String featureId) {
        return require(featureId).frontEnd().callTimeoutMs();
    }

    @Override
    public ModelInstance<Object> openModel(String featureId, ModelMember model, String zone, ModelOptions options) {
        FeatureFrontEnd frontEnd = require(featureId).frontEnd();
        if (!frontEnd.hasZone(zone)) {
            throw new FeatureException(ErrorCode.INVALID_ZONE, "unknown zone '" + zone + "' for " + featureId + " (zones: "
                    + frontEnd.zoneNames() + ")");
        }
        return frontEnd.openModel(model, zone, java.util.Objects.requireNonNull(options, "options"), new Object());
    }

    @Override
    public Registration watch(String featureId, Watcher watcher) {
        java.util.Objects.requireNonNull(watcher, "watcher");
        FeatureFrontEnd frontEnd = require(featureId).frontEnd();
        FeatureModel model = frontEnd.model();
        return frontEnd.listeners().watch(watcher, event -> {
            ListenerRegistry.Topic topic = event.topic();
            ChangeKind kind = ChangeKind.valueOf(topic.kind().name());
            Member member = topic.member() < 0 ? null : model.member(topic.member());
            try {
                watcher.changed(new Change(kind, member, topic.zone(), event.value()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IFW: a watcher of " + featureId + " failed on a " + kind + " change: " + e, e);
            }
        });
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
