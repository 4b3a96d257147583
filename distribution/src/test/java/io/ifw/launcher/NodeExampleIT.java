package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node example of docs/web.md ({@code examples/node/watch-and-set.mjs}: only Node's own
 * WebSocket, no IFW code) against a real {@code bin/ifw}: it watches and sets a value, and an
 * out-of-range value is refused with the constraint. Skipped, with one line, where there is no
 * Node 20.10 or later.
 */
class NodeExampleIT {

    private static final Path EXAMPLE = Path.of(System.getProperty("ifw.repository.dir", ".."), "examples", "node", "watch-and-set.mjs");

    @TempDir
    Path work;

    @Test
    void shouldWatchAndSetAValueFromNode() throws Exception {
        String node = nodeWithWebSocket();
        assumeTrue(node != null, "NodeExampleIT skipped: no Node.js 20.10 or later on the PATH (https://nodejs.org, or apt-get install nodejs)");
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--headless")) {
            ifw.awaitOutput("IFW web console: ");
            Matcher address = Pattern.compile("IFW web console: http://([^/]+)/ifw/").matcher(ifw.stdout());
            assertThat(address.find()).as(ifw.stdout()).isTrue();
            String url = "ws://" + address.group(1) + "/ifw/ws";

            Run set = run(node, "--url", url, "--zone", "Rear", "--property", "targetTemperature", "--value", "23.5");
            assertThat(set.exit()).as(set.output()).isZero();
            assertThat(set.output()).containsSubsequence("connected: protocol 1, full access",
                    "targetTemperature@Rear = ", "(AVAILABLE, constraint [16-30])",
                    "changed: targetTemperature@Rear = 23.5").contains("set targetTemperature@Rear to 23.5: acknowledged");

            Run refused = run(node, "--url", url, "--zone", "Rear", "--property", "targetTemperature", "--value", "99");
            assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("targetTemperature@Rear = 23.5 (AVAILABLE, constraint [16-30])")
                    .contains("error OUT_OF_RANGE: ").contains("(constraint [16-30])");

            Run badOption = run(node, "--colour", "red");
            assertThat(badOption.exit()).isEqualTo(1);
            assertThat(badOption.output()).contains("unknown or incomplete option --colour");
            ifw.terminate();
            ifw.waitForExit();
        }
    }

    private record Run(int exit, String output) {
    }

    private Run run(String node, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(node, "--experimental-websocket", "--no-warnings", EXAMPLE.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(work, "node-", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Node example did not end within 60 s: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** {@code node} when it is 20.10 or later (WebSocket built in, behind a flag before 22); else {@code null}. */
    private static String nodeWithWebSocket() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(20, TimeUnit.SECONDS)) {
                version.destroyForcibly();
                return null;
            }
            Matcher numbers = Pattern.compile("v(\\d+)\\.(\\d+)").matcher(new String(version.getInputStream().readAllBytes()));
            if (!numbers.find()) {
                return null;
            }
            int major = Integer.parseInt(numbers.group(1));
            int minor = Integer.parseInt(numbers.group(2));
            return major > 20 || (major == 20 && minor >= 10) ? "node" : null;
        } catch (java.io.IOException | InterruptedException e) {
            return null;
        }
    }
}
