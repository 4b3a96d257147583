package io.ifw.core;

import java.util.Objects;

/**
 * Everything a feature knows about its own state, as an immutable snapshot. This is the
 * feature-level and connection-level availability; value-level availability is on each property.
 *
 * @param featureId        the feature id
 * @param valid            a backend is bound
 * @param initialized      the bound backend's initial state has arrived
 * @param backend          the bound backend, or {@code null} when none is
 * @param discoveryMode    the mode in force
 * @param discoveryResult  the outcome of discovery
 * @param connection       the connection to the backend
 * @param error            the feature's current error, or {@code null}
 * @param swaps            how many times the feature changed backend (every binding after the first, with or without a gap)
 * @param lastChange       what the last binding change was and why, e.g. {@code "bound local (production): registered"}
 */
public record FeatureStatus(String featureId, boolean valid, boolean initialized, BackendInfo backend,
                            DiscoveryMode discoveryMode, DiscoveryResult discoveryResult, ConnectionStatus connection,
                            FeatureError error, long swaps, String lastChange) {

    public FeatureStatus {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(discoveryMode, "discoveryMode");
        Objects.requireNonNull(discoveryResult, "discoveryResult");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(lastChange, "lastChange");
    }
}
