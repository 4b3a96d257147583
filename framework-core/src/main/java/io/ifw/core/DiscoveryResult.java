package io.ifw.core;

/** The outcome of discovery for a feature. */
public enum DiscoveryResult {
    /** Discovery has not run: mode NONE with no backend chosen by name. */
    NO_RESULT,
    /** A production backend is bound. */
    PRODUCTION_BACKEND_LOADED,
    /** A simulation backend is bound. */
    SIMULATION_BACKEND_LOADED,
    /** A backend chosen by name is bound. */
    MANUALLY_BOUND,
    /** No backend allowed by the mode and preferences is registered. */
    NO_BACKEND_FOUND,
    /** A backend was found but could not be bound (incompatible model); the status error says why. */
    ERROR_WHILE_LOADING
}
