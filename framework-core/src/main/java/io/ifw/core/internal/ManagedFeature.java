package io.ifw.core.internal;

import io.ifw.core.annotations.Feature;
import io.ifw.core.spi.BackendProperties;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * A feature the extender found in an active bundle: its front end, its discovery, and its service
 * registration on behalf of the declaring bundle. Each consuming bundle gets its own view, and
 * its listeners are removed when it releases the service.
 */
final class ManagedFeature {

    private final FeatureFrontEnd frontEnd;
    private final FeatureBinder binder;
    private final Bundle declaringBundle;
    private final Object sharedView;
    private ServiceRegistration<?> registration;

    ManagedFeature(FeatureFrontEnd frontEnd, FeatureBinder binder, Bundle declaringBundle) {
        this.frontEnd = frontEnd;
        this.binder = binder;
        this.declaringBundle = declaringBundle;
        this.sharedView = FeatureView.create(frontEnd, this);
    }

    FeatureFrontEnd frontEnd() {
        return frontEnd;
    }

    FeatureBinder binder() {
        return binder;
    }

    Bundle declaringBundle() {
        return declaringBundle;
    }

    /** The view given to callers of the registry (not to service consumers). */
    Object sharedView() {
        return sharedView;
    }

    void start() {
        binder.open();
        BundleContext context = declaringBundle.getBundleContext();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Feature.NAMESPACE, frontEnd.model().id());
        properties.put(BackendProperties.FEATURE, frontEnd.model().id());
        properties.put(BackendProperties.FEATURE_FINGERPRINT, frontEnd.model().fingerprint());
        properties.put(Constants.SERVICE_DESCRIPTION, "IFW front end of " + frontEnd.model().id());
        registration = context.registerService(frontEnd.model().featureInterface().getName(), new ViewFactory(), properties);
    }

    void stop(String reason) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyUnregistered) {
                // the declaring bundle stopped first, which unregisters its services
            }
            registration = null;
        }
        binder.close(reason);
        frontEnd.releaseOwner(this);
    }

    private final class ViewFactory implements ServiceFactory<Object> {
        @Override
        public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
            return FeatureView.create(frontEnd, bundle);
        }

        @Override
        public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
            frontEnd.releaseOwner(bundle);
        }
    }
}
