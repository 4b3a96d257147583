package io.ifw.core;

/** How a feature chooses its backend, as in the Qt Interface Framework. */
public enum DiscoveryMode {
    /** A production backend if there is one, else a simulation backend. */
    AUTO,
    /** Production backends only. */
    PRODUCTION_ONLY,
    /** Simulation backends only. */
    SIMULATION_ONLY,
    /** No automatic binding: a backend is bound only when chosen by name ({@code ifw:use}). */
    NONE;

    /**
     * Reads a mode name, ignoring case and accepting {@code -} for {@code _}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static DiscoveryMode parse(String text) {
        String normal = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (DiscoveryMode mode : values()) {
            if (mode.name().equals(normal)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown discovery mode '" + text + "' (expected AUTO, PRODUCTION_ONLY, SIMULATION_ONLY or NONE)");
    }
}
