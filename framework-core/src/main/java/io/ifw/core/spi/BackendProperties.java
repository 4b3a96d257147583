package io.ifw.core.spi;

/**
 * The OSGi service property keys and values a backend service carries. Discovery selects among
 * backends by these properties alone.
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

    /** Kind of a backend that talks to the real thing. */
    public static final String KIND_PRODUCTION = "production";

    /** Kind of a backend that simulates the real thing. */
    public static final String KIND_SIMULATION = "simulation";

    private BackendProperties() {
    }
}
