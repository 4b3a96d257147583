package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a real terminal: {@code bin/ifw} runs on a pseudo-terminal made by
 * {@code script} (util-linux), keys are typed into it as a user types them, and TAB completes a
 * feature, its zone and a property. The keys are sent only once JLine reads the line (it then
 * turns on bracketed paste), so the terminal never sees them in its line-by-line mode.
 */
class TerminalShellIT {

    private static final String READING = "\u001b[?2004h"; // JLine's readLine has begun
    private static final long WAIT_S = 60;

    @TempDir
    Path work;

    @Test
    void shouldCompleteAFeatureItsZoneAndAPropertyWithTabDropALineOnControlCAndStopOnControlD() throws Exception {
        Path output = work.resolve("terminal.txt");
        Process process = startOnATerminal(output);
        try (OutputStream keys = process.getOutputStream()) {
            await(output, READING, 1);
            type(keys, "ifw:get Clim\t");
            await(output, "ifw:get ClimateControl", 1);
            type(keys, "@R\t");
            await(output, "ifw:get ClimateControl@Rear ", 1);
            type(keys, "targ\t");
            await(output, "ifw:get ClimateControl@Rear targetTemperature ", 1);
            type(keys, "\r");
            await(output, "AVAILABLE", 1);
            assertThat(read(output)).contains("PROPERTY           ZONE  VALUE  AVAILABILITY  CONSTRAINT")
                    .containsPattern("targetTemperature +Rear +[0-9.]+ +AVAILABLE +\\[16-30\\]")
                    .doesNotContain("gogo: ");
            await(output, READING, 2); // the next line
            type(keys, "ifw:features --js\u0003"); // Ctrl-C drops the line, the shell goes on
            await(output, READING, 3);
            assertThat(read(output)).doesNotContain("FEATURE ", "gogo: ");
            stopWithControlD(process, keys, output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldInterruptARunningWatchOnControlCAndGoOnWithTheShell() throws Exception {
        Path output = work.resolve("terminal.txt");
        Process process = startOnATerminal(output);
        try (OutputStream keys = process.getOutputStream()) {
            await(output, READING, 1);
            type(keys, "ifw:watch ClimateControl@Rear cabinTemperature\r");
            await(output, "watching io.ifw.vehicle.ClimateControl@Rear cabinTemperature; Ctrl-C stops", 1);
            // JLine is not reading now: the terminal turns Ctrl-C into SIGINT for the JVM
            type(keys, "\u0003");
            await(output, READING, 2); // the watch ended and the shell reads the next line
            type(keys, "ifw:watch ClimateControl@Rear targetTemperature\r"); // and once more
            await(output, "watching io.ifw.vehicle.ClimateControl@Rear targetTemperature; Ctrl-C stops", 1);
            type(keys, "\u0003");
            await(output, READING, 3);
            type(keys, "ifw:features\r");
            await(output, "io.ifw.vehicle.ClimateControl", 1);
            await(output, READING, 4);
            assertThat(read(output)).doesNotContain("gogo: ", "IFW stopping");
            stopWithControlD(process, keys, output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldStopOnExitWithoutReadingAnotherLine() throws Exception {
        Path output = work.resolve("terminal.txt");
        Process process = startOnATerminal(output);
        try (OutputStream keys = process.getOutputStream()) {
            await(output, READING, 1);
            type(keys, "exit 0\r");
            await(output, "IFW stopped", 1);
            assertThat(process.waitFor(WAIT_S, TimeUnit.SECONDS)).as(read(output)).isTrue();
            assertThat(process.exitValue()).isZero();
            // once the container stops, the keyboard ends: JLine does not take the terminal again
            String shown = read(output);
            assertThat(shown.indexOf(READING, shown.indexOf("exit 0"))).as(shown).isNegative();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Ctrl-D on an empty line: the shell stops the container, which exits 0. */
    private static void stopWithControlD(Process process, OutputStream keys, Path output) throws Exception {
        type(keys, "\u0004");
        await(output, "gosh: stopping shell and framework", 1);
        assertThat(process.waitFor(WAIT_S, TimeUnit.SECONDS)).as(read(output)).isTrue();
        assertThat(process.exitValue()).as(read(output)).isZero();
    }

    /** bin/ifw on a pseudo-terminal of its own, everything it shows going to {@code output}. */
    private Process startOnATerminal(Path output) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no /usr/bin/script (util-linux) to make a terminal: skipped");
        // script runs the command with $SHELL -c. 'exec' makes bin/ifw (and so the JVM) the only
        // process in the terminal's foreground group, whatever that shell is: dash, unlike bash,
        // stays as a parent, gets the Ctrl-C's SIGINT too and exits 130 once the container ends.
        String command = "exec '" + ContainerProcess.distribution().resolve("bin/ifw") + "'";
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qfec", command, "/dev/null")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("IFW_DATA", work.resolve("data").toString());
        builder.environment().put("IFW_AERON_DIR", work.resolve("aeron").toString());
        builder.environment().put("IFW_HTTP_PORT", "0");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().put("SHELL", "/bin/sh"); // as on a machine where SHELL is not set
        return builder.start();
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Waits until {@code text} is in the output {@code times} times. */
    private static void await(Path output, String text, int times) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            String seen = read(output);
            int count = 0;
            for (int at = seen.indexOf(text); at >= 0; at = seen.indexOf(text, at + 1)) {
                count++;
            }
            if (count >= times) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + WAIT_S + " s: '" + text.replace("\u001b", "ESC") + "' " + times + " times; the terminal showed:\n"
                + read(output).replace("\u001b", "ESC"));
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.ISO_8859_1);
    }
}
