package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryGateTest {

    @Test
    void shouldReadTheBoundOfTheWaitAndFallBackToTheDefaultOnABadValue() {
        assertThat(RecoveryGate.waitMs(null)).isEqualTo(RecoveryGate.DEFAULT_WAIT_MS);
        assertThat(RecoveryGate.waitMs(" ")).isEqualTo(RecoveryGate.DEFAULT_WAIT_MS);
        assertThat(RecoveryGate.waitMs(" 250 ")).isEqualTo(250);
        assertThat(RecoveryGate.waitMs("0")).isZero();
        assertThat(RecoveryGate.waitMs("-1")).isEqualTo(RecoveryGate.DEFAULT_WAIT_MS);
        assertThat(RecoveryGate.waitMs("soon")).isEqualTo(RecoveryGate.DEFAULT_WAIT_MS);
    }
}
