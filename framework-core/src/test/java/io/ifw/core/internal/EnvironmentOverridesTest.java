package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.DiscoveryMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    private static final DiscoverySettings BASE = new DiscoverySettings(DiscoveryMode.AUTO, List.of("base*"), 500, "configuration");

    @Test
    void shouldApplyAModeAndPreferredBackendsPerFeature() {
        EnvironmentOverrides overrides = EnvironmentOverrides.parse("io.ifw.test.Lamp=SIMULATION_ONLY;io.ifw.test.Cabin=none",
                "io.ifw.test.Lamp=sim*, recorded");

        DiscoverySettings lamp = overrides.apply("io.ifw.test.Lamp", BASE);
        assertThat(lamp.mode()).isEqualTo(DiscoveryMode.SIMULATION_ONLY);
        assertThat(lamp.preferredBackends()).containsExactly("sim*", "recorded");
        assertThat(lamp.callTimeoutMs()).isEqualTo(500);
        assertThat(lamp.source()).isEqualTo("configuration + environment");
        assertThat(overrides.apply("io.ifw.test.Cabin", BASE).mode()).isEqualTo(DiscoveryMode.NONE);
        assertThat(overrides.apply("io.ifw.test.Cabin", BASE).preferredBackends()).containsExactly("base*");
        assertThat(overrides.apply("io.ifw.test.Other", BASE)).isSameAs(BASE);
        assertThat(overrides.problems()).isEmpty();
    }

    @Test
    void shouldApplyTheWildcardWhereAFeatureHasNoEntry() {
        EnvironmentOverrides overrides = EnvironmentOverrides.parse("*=PRODUCTION_ONLY;io.ifw.test.Lamp=AUTO", null);

        assertThat(overrides.apply("io.ifw.test.Cabin", BASE).mode()).isEqualTo(DiscoveryMode.PRODUCTION_ONLY);
        assertThat(overrides.apply("io.ifw.test.Lamp", BASE).mode()).isEqualTo(DiscoveryMode.AUTO);
    }

    @Test
    void shouldReportAndIgnoreMalformedEntriesAndKeepTheOthers() {
        EnvironmentOverrides overrides = EnvironmentOverrides.parse(
                "io.ifw.test.Lamp=FAST;justtext;=AUTO;io.ifw.test.Cabin=SIMULATION_ONLY;io.ifw.test.Radio=",
                "io.ifw.test.Lamp= , ;io.ifw.test.Cabin=sim*");

        assertThat(overrides.problems()).containsExactly(
                "IFW_DISCOVERY_MODE_OVERRIDE entry 'justtext' is not of the form ID=VALUE; ignored",
                "IFW_DISCOVERY_MODE_OVERRIDE entry '=AUTO' is not of the form ID=VALUE; ignored",
                "IFW_DISCOVERY_MODE_OVERRIDE entry 'io.ifw.test.Radio=' is not of the form ID=VALUE; ignored",
                "IFW_DISCOVERY_MODE_OVERRIDE entry 'io.ifw.test.Lamp=FAST': unknown discovery mode 'FAST' "
                        + "(expected AUTO, PRODUCTION_ONLY, SIMULATION_ONLY or NONE); ignored",
                "IFW_PREFERRED_BACKENDS_OVERRIDE entry 'io.ifw.test.Lamp=,' names no backend; ignored");
        assertThat(overrides.apply("io.ifw.test.Lamp", BASE)).isSameAs(BASE);
        assertThat(overrides.apply("io.ifw.test.Cabin", BASE).mode()).isEqualTo(DiscoveryMode.SIMULATION_ONLY);
        assertThat(overrides.apply("io.ifw.test.Cabin", BASE).preferredBackends()).containsExactly("sim*");
    }

    @Test
    void shouldIgnoreUnsetVariables() {
        EnvironmentOverrides overrides = EnvironmentOverrides.parse(null, "  ");

        assertThat(overrides.problems()).isEmpty();
        assertThat(overrides.apply("io.ifw.test.Lamp", BASE)).isSameAs(BASE);
    }
}
