package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void shouldReadIdEqualsFileEntriesAndSkipMalformedOnes() {
        assertThat(SimulatorRuntime.parseOverrides("io.ifw.vehicle.ClimateControl=/data/climate.json; junk ;=x;io.ifw.media.AmFmTuner=tuner.json"))
                .isEqualTo(Map.of("io.ifw.vehicle.ClimateControl", "/data/climate.json", "io.ifw.media.AmFmTuner", "tuner.json"));
        assertThat(SimulatorRuntime.parseOverrides(null)).isEmpty();
        assertThat(SimulatorRuntime.parseOverrides("  ")).isEmpty();
    }
}
