package io.ifw.backend.remote.aeron.client;

import io.ifw.core.spi.BackendProperties;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;

/**
 * The OSGi service of each remote feature's backend, as its state on the server asks: registered
 * once its snapshot is in, relabelled when the server's backend changes, registered marked
 * incompatible (with the member differences) when this process's interface does not fit, and
 * withdrawn. Called on the client's thread; the {@link RemoteClient.Registrar} does the rest.
 */
final class RemoteBackendRegistrations {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName());

    private final ClientSettings settings;
    private final RemoteClient.Registrar registrar;

    RemoteBackendRegistrations(ClientSettings settings, RemoteClient.Registrar registrar) {
        this.settings = settings;
        this.registrar = registrar;
    }

    /** Registers the feature's backend as one that serves, unless it is registered; returns whether it registered it. */
    boolean serve(RemoteFeature feature) {
        if (feature.registration != null) {
            return false;
        }
        feature.registration = registrar.register(feature.backend, properties(feature));
        return true;
    }

    /** The server's backend of the feature changed its name or kind: the service says so. */
    void relabel(RemoteFeature feature) {
        if (feature.registration != null) {
            registrar.update(feature.registration, properties(feature));
        }
    }

    /**
     * Registers (or relabels) the backend of a feature the server offers but this process cannot
     * take, marked incompatible with the member differences: discovery never binds it, and a
     * consumer whose only backend it is sees INCOMPATIBLE and the differences in its status.
     */
    void incompatible(RemoteFeature feature, String differences) {
        Dictionary<String, Object> properties = properties(feature);
        properties.put(BackendProperties.BACKEND_INCOMPATIBLE, differences);
        if (feature.registration == null) {
            feature.registration = registrar.register(feature.backend, properties);
        } else {
            registrar.update(feature.registration, properties);
        }
        feature.registeredIncompatible = true;
    }

    /** Withdraws the feature's backend service, if it has one. */
    void withdraw(RemoteFeature feature) {
        Object registration = feature.registration;
        feature.registration = null;
        feature.registeredIncompatible = false;
        if (registration != null) {
            try {
                registrar.unregister(registration);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "IFW: unregistering the remote backend of " + feature.featureId + ": " + e);
            }
        }
    }

    private Dictionary<String, Object> properties(RemoteFeature feature) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BackendProperties.FEATURE, feature.featureId);
        properties.put(BackendProperties.BACKEND_NAME, settings.name() + ":" + feature.serverBackend);
        properties.put(BackendProperties.BACKEND_KIND, feature.serverKind.isEmpty() ? BackendProperties.KIND_PRODUCTION : feature.serverKind);
        properties.put(BackendProperties.BACKEND_REMOTE, Boolean.TRUE);
        properties.put(org.osgi.framework.Constants.SERVICE_RANKING, settings.ranking());
        properties.put(BackendProperties.REMOTE_CLIENT, settings.name());
        properties.put(BackendProperties.REMOTE_CHANNEL, settings.channel());
        return properties;
    }
}
