package io.ifw.core.internal;

import io.ifw.core.DiscoveryMode;
import io.ifw.core.FeatureOptions;
import io.ifw.core.spi.Configurations;
import io.ifw.core.spi.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One feature's discovery configuration, from Config Admin (factory PID {@value #PID}): which
 * mode, which backends first, what call timeout. Checked on activation; a configuration with a bad
 * value is logged and ignored, and the feature keeps its other settings.
 */
@Component(service = DiscoveryConfiguration.class, configurationPid = DiscoveryConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DiscoveryConfiguration.Config.class, factory = true)
public final class DiscoveryConfiguration {

    static final String PID = "io.ifw.discovery";

    @ObjectClassDefinition(name = "IFW feature discovery",
            description = "How one feature chooses its backend. One configuration per feature.")
    public @interface Config {

        @AttributeDefinition(name = "Feature id", description = "The id of @Feature, e.g. io.ifw.vehicle.ClimateControl")
        String featureId();

        @AttributeDefinition(name = "Discovery mode", description = "How the backend is chosen",
                options = {@Option(value = "AUTO", label = "Production first, simulation as fallback"),
                           @Option(value = "PRODUCTION_ONLY", label = "Production backends only"),
                           @Option(value = "SIMULATION_ONLY", label = "Simulation backends only"),
                           @Option(value = "NONE", label = "Only a backend chosen by name (ifw:use)")})
        String discoveryMode() default "AUTO";

        @AttributeDefinition(name = "Preferred backends",
                description = "Globs over backend names (* and ?), tried in order before the mode's own order",
                required = false)
        String[] preferredBackends() default {};

        @AttributeDefinition(name = "Call timeout (ms)", description = "How long a write or operation may take", min = "1")
        long callTimeoutMs() default FeatureOptions.DEFAULT_CALL_TIMEOUT_MS;
    }

    private static final System.Logger LOG = System.getLogger(DiscoveryConfiguration.class.getName());

    private DiscoverySettings settings;
    private String featureId;

    /**
     * Reads and checks the configuration. A bad value is logged in one line naming it and the
     * configuration is ignored (its feature keeps its other settings); activation itself never
     * fails, so no stack trace is printed for a typing error.
     */
    @Activate
    void activate(Map<String, Object> properties) {
        Object configuredId = properties.get("featureId");
        String id = configuredId == null ? "" : configuredId.toString().trim();
        try {
            this.settings = read(id, Configurations.read(Config.class, properties), properties);
            this.featureId = id;
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "IFW: configuration " + PID + (id.isEmpty() ? "" : " for " + id)
                    + " is ignored: " + e.getMessage());
        }
    }

    private static DiscoverySettings read(String id, Config config, Map<String, Object> properties) {
        Configurations.check(properties, "featureId", !id.isEmpty(), "a feature id, e.g. io.ifw.vehicle.ClimateControl");
        DiscoveryMode mode;
        try {
            mode = DiscoveryMode.parse(config.discoveryMode());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(Configurations.source(properties), "discoveryMode", config.discoveryMode(),
                    "one of AUTO, PRODUCTION_ONLY, SIMULATION_ONLY, NONE");
        }
        Configurations.check(properties, "callTimeoutMs", config.callTimeoutMs() > 0, "a positive number of milliseconds");
        List<String> globs = config.preferredBackends() == null ? List.of()
                : Arrays.stream(config.preferredBackends()).map(String::trim).filter(g -> !g.isEmpty()).toList();
        return new DiscoverySettings(mode, globs, config.callTimeoutMs(), "configuration " + PID);
    }

    /** The feature configured, or {@code null} when the configuration was ignored. */
    String featureId() {
        return featureId;
    }

    /** The settings, or {@code null} when the configuration was ignored. */
    DiscoverySettings settings() {
        return settings;
    }
}
