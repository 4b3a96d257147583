package io.ifw.core;

import java.util.List;
import java.util.Objects;

/**
 * How a private feature object ({@link FeatureRegistry#open}) chooses its backend and delivers its
 * notifications.
 *
 * @param discoveryMode      how the backend is chosen
 * @param preferredBackends  globs over backend names ({@code *}, {@code ?}), tried in order before
 *                           the mode's own order
 * @param directDelivery     deliver notifications on the thread that caused them (the backend's or
 *                           the transport's) instead of the feature's serial executor: lower latency,
 *                           but a slow listener slows the backend
 * @param callTimeoutMs      how long a write or operation may take before it fails with TIMEOUT
 */
public record FeatureOptions(DiscoveryMode discoveryMode, List<String> preferredBackends, boolean directDelivery,
                             long callTimeoutMs) {

    /** The default call timeout: 30 s. */
    public static final long DEFAULT_CALL_TIMEOUT_MS = 30_000;

    /** AUTO discovery, no preferences, serial delivery, the default timeout. */
    public static final FeatureOptions DEFAULTS = new FeatureOptions(DiscoveryMode.AUTO, List.of(), false, DEFAULT_CALL_TIMEOUT_MS);

    public FeatureOptions {
        Objects.requireNonNull(discoveryMode, "discoveryMode");
        preferredBackends = List.copyOf(preferredBackends);
        if (callTimeoutMs <= 0) {
            throw new IllegalArgumentException("callTimeoutMs must be positive, was " + callTimeoutMs);
        }
    }

    public FeatureOptions withDiscoveryMode(DiscoveryMode mode) {
        return new FeatureOptions(mode, preferredBackends, directDelivery, callTimeoutMs);
    }

    public FeatureOptions withPreferredBackends(List<String> globs) {
        return new FeatureOptions(discoveryMode, globs, directDelivery, callTimeoutMs);
    }

    public FeatureOptions withDirectDelivery(boolean direct) {
        return new FeatureOptions(discoveryMode, preferredBackends, direct, callTimeoutMs);
    }

    public FeatureOptions withCallTimeoutMs(long timeoutMs) {
        return new FeatureOptions(discoveryMode, preferredBackends, directDelivery, timeoutMs);
    }
}
