package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.launcher.DocumentedCommands.Bash;
import io.ifw.launcher.DocumentedCommands.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentedCommandsTest {

    @Test
    void shouldFindContainerShellAndBashCommandsInOrder() {
        List<String> page = List.of(
                "Run it:",
                "```sh",
                "./ifw --headless &        # in the background",
                "distribution/target/ifw-1.2.3/bin/ifw --profile client",
                "```",
                "then type:",
                "```",
                "g! ifw:remote",
                "client remote of aeron:ipc stream 4100: CONNECTED",
                "g! ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 24.5",
                "```",
                "```sh",
                "./ifw --exec \"ifw:get io.ifw.vehicle.ClimateControl@Rear targetTemperature\"   # 24.5",
                "./mvnw verify",
                "scripts/stress-verify.sh 5",
                "java $(cat conf/jvm.options) -cp 'bundle/*' \\",
                "     net.openhft.chronicle.queue.ChronicleReaderMain -d data/journal",
                "```",
                "```",
                "ifw:fault io.ifw.vehicle.ClimateControl targetTemperature clear",
                "```");

        List<DocumentedCommands.Step> steps = DocumentedCommands.parse(page, "page.md");

        assertThat(steps).containsExactly(
                new Container("page.md:3", List.of("--headless"), true, false, List.of()),
                new Container("page.md:4", List.of("--profile", "client"), false, true,
                        List.of("ifw:remote", "ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 24.5")),
                new Container("page.md:13", List.of("--exec", "ifw:get io.ifw.vehicle.ClimateControl@Rear targetTemperature"), false, false,
                        List.of()),
                new Bash("page.md:16", "java $(cat conf/jvm.options) -cp 'bundle/*' net.openhft.chronicle.queue.ChronicleReaderMain -d data/journal"),
                new Container("page.md:20", List.of(), false, true, List.of("ifw:fault io.ifw.vehicle.ClimateControl targetTemperature clear")));
    }

    @Test
    void shouldLeaveOutputAndFileContentsOfOtherBlocksAlone() {
        List<String> page = List.of("```", "featureId=io.example.Climate", "journal io.ifw.journal~default: writing", "```",
                "```text", "bin/ifw journal print DIR [--from INDEX]", "```", "Prose with ./ifw --exec in it is not a block.");

        assertThat(DocumentedCommands.parse(page, "p.md")).isEmpty();
    }

    @Test
    void shouldSplitWordsAsAShellDoesAndDropComments() {
        assertThat(DocumentedCommands.words("--exec \"ifw:set a 1; ifw:get a\" 'x y' z")).containsExactly("--exec", "ifw:set a 1; ifw:get a", "x y", "z");
        assertThat(DocumentedCommands.withoutComment("./ifw --exec \"echo #1\"  # the first")).isEqualTo("./ifw --exec \"echo #1\"  ");
        assertThat(DocumentedCommands.withoutComment("ifw:get a#b")).isEqualTo("ifw:get a#b");
        assertThatThrownBy(() -> DocumentedCommands.words("--exec \"unclosed")).hasMessage("unclosed quote in: --exec \"unclosed");
    }
}
