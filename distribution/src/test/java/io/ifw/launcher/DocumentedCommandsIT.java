package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.launcher.DocumentedCommands.Bash;
import io.ifw.launcher.DocumentedCommands.Container;
import io.ifw.launcher.DocumentedCommands.Step;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command line the documentation gives (README.md and docs/*.md) runs as written on the
 * built distribution, page by page in the reader's order: each page gets a fresh copy of the
 * container and runs its commands in the copy's folder ({@code ./ifw} is the source tree's way to
 * start the same {@code bin/ifw}); paths under {@code /tmp/} are put under the test's folder.
 * A container or bash command must exit 0; an interactive shell must start and print no Gogo
 * error ({@code gogo: …}) for what is typed into it. See {@link DocumentedCommands} for what
 * counts as a command line.
 */
class DocumentedCommandsIT {

    private static final long TIMEOUT_S = 120;

    @TempDir
    Path work;

    private static Path repository() {
        return Path.of(System.getProperty("ifw.repository.dir", "..")).toAbsolutePath().normalize();
    }

    private static Map<String, List<Step>> pages() throws IOException {
        Map<String, List<Step>> pages = new LinkedHashMap<>();
        Path repository = repository();
        List<Path> files = new ArrayList<>(List.of(repository.resolve("README.md")));
        try (Stream<Path> docs = Files.list(repository.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            String name = repository.relativize(file).toString();
            List<Step> steps = DocumentedCommands.of(file, name);
            if (!steps.isEmpty()) {
                pages.put(name, steps);
            }
        }
        return pages;
    }

    @Test
    void shouldFindTheCommandsOfThePagesThatGiveThem() throws IOException {
        Map<String, List<Step>> pages = pages();
        assertThat(pages).containsKeys("README.md", "docs/journal.md", "docs/remote.md", "docs/simulation.md",
                "docs/guide-writing-a-feature-and-a-backend.md");
        assertThat(pages.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(12);
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCommandRunsAsWritten() throws IOException {
        return pages().entrySet().stream().map(page -> DynamicTest.dynamicTest(page.getKey(), () -> run(page.getKey(), page.getValue())));
    }

    private void run(String page, List<Step> steps) throws Exception {
        Path folder = work.resolve(page.replace('/', '_'));
        Path home = ContainerProcess.copyOfDistribution(folder.resolve("ifw"));
        Path tmp = Files.createDirectories(folder.resolve("tmp"));
        List<Process> background = new ArrayList<>();
        try {
            for (Step step : steps) {
                if (step instanceof Container container) {
                    runContainer(container, home, folder, tmp, background);
                } else if (step instanceof Bash bash) {
                    Process process = start(List.of("bash", "-c", localTmp(bash.line(), tmp)), home, folder, null);
                    expectZeroExit(step, bash.line(), process);
                }
            }
        } finally {
            for (Process process : background) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private void runContainer(Container container, Path home, Path folder, Path tmp, List<Process> background) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ifw").toString()));
        container.arguments().forEach(argument -> command.add(localTmp(argument, tmp)));
        String shown = String.join(" ", command.subList(1, command.size()));
        if (container.background()) {
            Process process = start(command, home, folder, null);
            background.add(process);
            Path out = output(process);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (!Files.readString(out).contains("IFW ready")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(container.where() + ": 'bin/ifw " + shown + " &' did not get ready:\n" + Files.readString(out));
                }
                Thread.sleep(50);
            }
            return;
        }
        File typed = null;
        if (container.interactive()) {
            Path input = folder.resolve("typed-" + System.nanoTime() + ".txt");
            List<String> lines = container.typed().stream().map(line -> localTmp(line, tmp)).toList();
            Files.write(input, lines, StandardCharsets.UTF_8);
            typed = input.toFile();
        }
        Process process = start(command, home, folder, typed);
        String output = expectZeroExit(container, "bin/ifw " + shown, process);
        if (container.interactive()) {
            assertThat(output).as("%s: bin/ifw %s, typing %s", container.where(), shown, container.typed()).contains("IFW ready");
            assertThat(output.lines().filter(line -> line.contains("gogo: ")).toList())
                    .as("%s: a command typed into 'bin/ifw %s' failed: %s; output:%n%s", container.where(), shown, container.typed(), output)
                    .isEmpty();
        }
    }

    private static String localTmp(String text, Path tmp) {
        return text.replace("/tmp/", tmp.toString() + "/");
    }

    private final Map<Process, Path> outputs = new LinkedHashMap<>();

    private Process start(List<String> command, Path home, Path folder, File input) throws IOException {
        Path out = Files.createTempFile(folder, "output-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(input == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(input));
        builder.environment().put("IFW_DATA", home.resolve("data").toString());
        builder.environment().put("IFW_AERON_DIR", folder.resolve("aeron").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        Process process = builder.start();
        outputs.put(process, out);
        return process;
    }

    private Path output(Process process) {
        return outputs.get(process);
    }

    private String expectZeroExit(Step step, String shown, Process process) throws Exception {
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(step.where() + ": '" + shown + "' did not finish within " + TIMEOUT_S + " s:\n"
                    + Files.readString(output(process)));
        }
        String output = Files.readString(output(process));
        assertThat(process.exitValue()).as("%s: '%s' exited with %d; output:%n%s", step.where(), shown, process.exitValue(), output).isZero();
        return output;
    }
}
