package io.ifw.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.ScalarType;
import org.junit.jupiter.api.Test;

/** A value typed in the shell that does not parse is IFW's INVALID_ARGUMENT with its code, never a bare Java exception. */
class ShellValueParsingTest {

    @Test
    void shouldRefuseWhatIsNotANumberWithTheCodeTheMemberAndTheText() {
        assertThatThrownBy(() -> IfwCommands.parse(ScalarType.DOUBLE::parse, "warm", "targetTemperature"))
                .isInstanceOf(FeatureException.class)
                .hasMessage("INVALID_ARGUMENT: targetTemperature: 'warm' is not a double")
                .satisfies(e -> assertThat(((FeatureException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> IfwCommands.parse(ScalarType.INT::parse, "3.5", "fanSpeedLevel"))
                .hasMessage("INVALID_ARGUMENT: fanSpeedLevel: '3.5' is not an int");
        assertThatThrownBy(() -> IfwCommands.parse(text -> Integer.valueOf(text), "x", "steps"))
                .hasMessage("INVALID_ARGUMENT: steps: 'x' is not a number");
    }

    @Test
    void shouldRefuseNumbersThatAreNotFinite() {
        for (String text : new String[] {"NaN", "Infinity", "-Infinity"}) {
            assertThatThrownBy(() -> IfwCommands.parse(ScalarType.DOUBLE::parse, text, "targetTemperature"))
                    .hasMessage("INVALID_ARGUMENT: targetTemperature: '" + text + "' is not a finite double");
        }
        assertThat(IfwCommands.parse(ScalarType.DOUBLE::parse, "21.5", "targetTemperature")).isEqualTo(21.5);
    }
}
