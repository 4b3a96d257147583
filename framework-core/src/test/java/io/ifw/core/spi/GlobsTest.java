package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobsTest {

    @Test
    void shouldMatchStarsQuestionMarksAndTheRestLiterally() {
        assertThat(Globs.matches("*", "io.ifw.vehicle.ClimateControl")).isTrue();
        assertThat(Globs.matches("io.ifw.vehicle.*", "io.ifw.vehicle.ClimateControl")).isTrue();
        assertThat(Globs.matches("io.ifw.vehicle.*", "io.ifw.media.AmFmTuner")).isFalse();
        assertThat(Globs.matches(" io.ifw.media.AmFmTune? ", "io.ifw.media.AmFmTuner")).isTrue();
        assertThat(Globs.matches("io.ifw.media.AmFmTune?", "io.ifw.media.AmFmTuners")).isFalse();
        assertThat(Globs.matches("*Control", "io.ifw.vehicle.WindowControl")).isTrue();
        assertThat(Globs.matches("io.ifw.vehicle.Climate", "io.ifw.vehicle.ClimateControl")).isFalse();
        assertThat(Globs.matches("", "")).isTrue();
    }
}
