package io.ifw.core.internal;

import io.ifw.core.annotations.Feature;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.FeatureModelException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * Finds the feature interfaces of active bundles — the {@value Feature#NAMESPACE} capabilities
 * that {@code @Feature} generates — and hands each to the runtime. An interface the model cannot
 * express is rejected with one log line naming it; the bundle's other features still work.
 */
final class FeatureExtender implements BundleTrackerCustomizer<List<ManagedFeature>> {

    private static final System.Logger LOG = System.getLogger(FeatureExtender.class.getName());

    private final BiFunction<FeatureModel, Bundle, ManagedFeature> start;
    private final FeatureRuntime runtime;

    FeatureExtender(FeatureRuntime runtime, BiFunction<FeatureModel, Bundle, ManagedFeature> start) {
        this.runtime = runtime;
        this.start = start;
    }

    @Override
    public List<ManagedFeature> addingBundle(Bundle bundle, BundleEvent event) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return null;
        }
        List<ManagedFeature> started = new ArrayList<>();
        for (BundleCapability capability : revision.getDeclaredCapabilities(Feature.NAMESPACE)) {
            ManagedFeature feature = startFeature(bundle, capability);
            if (feature != null) {
                started.add(feature);
            }
        }
        return started.isEmpty() ? null : started;
    }

    private ManagedFeature startFeature(Bundle bundle, BundleCapability capability) {
        Object className = capability.getAttributes().get(Feature.CLASS_ATTRIBUTE);
        String where = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion();
        if (className == null) {
            LOG.log(Level.ERROR, "IFW: " + where + " declares a feature capability without " + Feature.CLASS_ATTRIBUTE + "; ignored");
            return null;
        }
        try {
            Class<?> type = bundle.loadClass(className.toString());
            FeatureModel model = FeatureModel.of(type);
            Object declaredId = capability.getAttributes().get(Feature.NAMESPACE);
            if (declaredId != null && !declaredId.equals(model.id())) {
                LOG.log(Level.ERROR, "IFW: feature interface " + className + " in " + where + " rejected: its capability says id '"
                        + declaredId + "' but @Feature says '" + model.id() + "'");
                return null;
            }
            ManagedFeature existing = runtime.managed(model.id());
            if (existing != null) {
                LOG.log(Level.ERROR, "IFW: feature interface " + className + " in " + where + " rejected: feature id "
                        + model.id() + " is already declared by bundle " + existing.declaringBundle().getSymbolicName());
                return null;
            }
            return start.apply(model, bundle);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            LOG.log(Level.ERROR, "IFW: feature interface " + className + " in " + where + " rejected: the class cannot be loaded: " + e);
        } catch (FeatureModelException e) {
            LOG.log(Level.ERROR, "IFW: feature interface " + className + " in " + where + " rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "IFW: feature interface " + className + " in " + where + " failed to start: " + e, e);
        }
        return null;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<ManagedFeature> features) {
        // features follow the bundle's life, not its other state changes
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<ManagedFeature> features) {
        for (ManagedFeature feature : features) {
            runtime.stopped(feature, "bundle " + bundle.getSymbolicName() + " stopped");
        }
    }
}
