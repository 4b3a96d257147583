package io.ifw.core.spi;

/**
 * The OSGi service property keys and values IFW's services carry: a backend service (discovery
 * selects among backends by these properties alone; {@link BackendService} writes them on a
 * component) and, with {@link #FEATURE} and {@link #FEATURE_FINGERPRINT}, a feature's front-end
 * service. IFW's code names a service property only by these constants.
 */
public final class BackendProperties {

    /** The id of the feature the backend serves, as given by {@code @Feature(id = ...)}. */
    public static final String FEATURE = "ifw.feature";

    /** A human-readable, unique name of the backend, matched by {@code preferredBackends} globs. */
    public static final String BACKEND_NAME = "ifw.backend.name";

    /** {@link #KIND_PRODUCTION} or {@link #KIND_SIMULATION}. */
    public static final String BACKEND_KIND = "ifw.backend.kind";

    /** {@code true} when the backend relays a backend living in another process. */
    public static final String BACKEND_REMOTE = "ifw.backend.remote";

    /**
     * Set (to the member differences) on a backend that is there but cannot serve this process's
     * version of the feature, such as a remote server's feature whose schema conflicts with the
     * local interface. Discovery never binds such a backend; when it is the only candidate, the
     * feature's status says INCOMPATIBLE with these differences instead of showing nothing.
     */
    public static final String BACKEND_INCOMPATIBLE = "ifw.backend.incompatible";

    /** On a feature's front-end service: the fingerprint of the feature's model (its members and types). */
    public static final String FEATURE_FINGERPRINT = "ifw.feature.fingerprint";

    /** On a remote backend: the name of the remote client that registered it. */
    public static final String REMOTE_CLIENT = "ifw.remote.client";

    /** On a remote backend: the Aeron channel its client reaches the server on. */
    public static final String REMOTE_CHANNEL = "ifw.remote.channel";

    /** Kind of a backend that talks to the real thing. */
    public static final String KIND_PRODUCTION = "production";

    /** Kind of a backend that simulates the real thing. */
    public static final String KIND_SIMULATION = "simulation";

    private BackendProperties() {
    }

    /**
     * The name a backend's journaled state is kept under: its {@value #BACKEND_NAME}, else (a
     * backend registered without one) the simple name of its class.
     */
    public static String recoveryName(Object backendNameProperty, Backend backend) {
        if (backendNameProperty != null && !backendNameProperty.toString().isBlank()) {
            return backendNameProperty.toString();
        }
        return backend.getClass().getSimpleName();
    }
}
