package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagCheckTest {

    @Test
    void shouldFindTheFlagsThisJvmRunsWith() {
        // surefire starts the test JVM with the flags of ifw-runtime.properties
        List<String> options = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Dchronicle.analytics.disable=true");

        assertThat(JvmFlagCheck.missingFlags(options)).isEmpty();
    }

    @Test
    void shouldNameTheFlagsThatAreMissing() {
        List<String> options = List.of("--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-exports", "java.base/sun.security.x509=ALL-UNNAMED", "-Difw.test.absent=yes");

        assertThat(JvmFlagCheck.missingFlags(options)).containsExactly(
                "--add-opens java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-exports java.base/sun.security.x509=ALL-UNNAMED",
                "-Difw.test.absent=yes");
    }

    @Test
    void shouldRejectAMalformedFlag() {
        assertThatThrownBy(() -> JvmFlagCheck.missingFlags(List.of("--add-opens", "sun.nio.ch")))
                .hasMessage("malformed --add-opens value 'sun.nio.ch' in conf/jvm.options");
    }
}
