package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @Test
    void shouldStartTheShellWithoutArguments() {
        assertThat(LaunchOptions.parse(List.of())).isEqualTo(new LaunchOptions(LaunchOptions.Mode.SHELL, ""));
    }

    @Test
    void shouldParseEachMode() {
        assertThat(LaunchOptions.parse(List.of("--headless")).mode()).isEqualTo(LaunchOptions.Mode.HEADLESS);
        assertThat(LaunchOptions.parse(List.of("--help")).mode()).isEqualTo(LaunchOptions.Mode.HELP);
        assertThat(LaunchOptions.parse(List.of("--exec", "lb; scr:list")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.EXEC, "lb; scr:list"));
    }

    @Test
    void shouldReadAnExecFile(@TempDir Path folder) throws Exception {
        Path script = Files.writeString(folder.resolve("check.gogo"), "# check\nlb\n");

        assertThat(LaunchOptions.parse(List.of("--exec-file", script.toString())).script()).isEqualTo("# check\nlb\n");
    }

    @Test
    void shouldNameTheWrongArgument(@TempDir Path folder) {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--bogus"))).hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--exec"))).hasMessage("option '--exec' needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--headless", "now")))
                .hasMessage("unexpected argument 'now' after '--headless'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--exec", " ; "))).hasMessage("--exec has no commands");
        Path absent = folder.resolve("absent.gogo");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--exec-file", absent.toString())))
                .hasMessageStartingWith("cannot read the --exec-file '" + absent + "'");
    }

    @Test
    void shouldTakeAConfigurationFolderBeforeTheMode() {
        assertThat(LaunchOptions.parse(List.of("--config", "/etc/ifw", "--headless")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.HEADLESS, "", "default", java.nio.file.Path.of("/etc/ifw")));
        assertThat(LaunchOptions.parse(List.of("--profile", "client", "--config", "my-configs")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.SHELL, "", "client", java.nio.file.Path.of("my-configs")));
        assertThat(LaunchOptions.parse(List.of("--config", "c", "--profile", "client")).profile()).isEqualTo("client");
        assertThat(LaunchOptions.parse(List.of("--headless")).configs()).isNull();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config"))).hasMessage("option '--config' needs a folder");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", "--headless"))).hasMessage("option '--config' needs a folder");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", "a", "--config", "b"))).hasMessage("option '--config' comes only once");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--headless", "--config", "a")))
                .hasMessage("unexpected argument '--config' after '--headless'");
    }

    @Test
    void shouldTakeAProfileBeforeTheMode() {
        assertThat(LaunchOptions.parse(List.of("--profile", "client", "--headless")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.HEADLESS, "", "client"));
        assertThat(LaunchOptions.parse(List.of("--profile", "client")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.SHELL, "", "client"));
        assertThat(LaunchOptions.parse(List.of("--headless")).profile()).isEqualTo("default");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--profile"))).hasMessage("option '--profile' needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--profile", "../etc"))).hasMessage("profile '../etc' is not letters, digits, '_' or '-'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--headless", "--profile", "client")))
                .hasMessage("unexpected argument '--profile' after '--headless'");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--profile", "a", "--profile", "b"))).hasMessage("option '--profile' comes only once, first");
    }
}
