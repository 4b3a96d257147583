package io.ifw.core.internal;

import io.ifw.core.DiscoveryMode;
import io.ifw.core.FeatureOptions;
import java.util.List;

/**
 * What discovery follows for one feature.
 *
 * @param mode              the discovery mode
 * @param preferredBackends globs over backend names, in order of preference
 * @param callTimeoutMs     the call timeout of the feature
 * @param source            where these settings come from, for status and logs
 */
record DiscoverySettings(DiscoveryMode mode, List<String> preferredBackends, long callTimeoutMs, String source) {

    static final DiscoverySettings DEFAULTS = new DiscoverySettings(DiscoveryMode.AUTO, List.of(),
            FeatureOptions.DEFAULT_CALL_TIMEOUT_MS, "defaults");

    DiscoverySettings {
        preferredBackends = List.copyOf(preferredBackends);
    }

    static DiscoverySettings of(FeatureOptions options) {
        return new DiscoverySettings(options.discoveryMode(), options.preferredBackends(), options.callTimeoutMs(), "options");
    }
}
