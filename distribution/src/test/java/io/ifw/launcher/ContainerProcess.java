package io.ifw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code bin/ifw} (or {@code java -jar}) process of a test, with its output in files. */
final class ContainerProcess implements AutoCloseable {

    static final long TIMEOUT_S = 60;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ContainerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The built distribution folder ({@code distribution/target/ifw-VERSION}). */
    static Path distribution() {
        return Path.of(System.getProperty("ifw.distribution.dir", "target/ifw-distribution-not-assembled"));
    }

    /** A copy of the built distribution in {@code copy}, without its {@code data/} folder, for a test that changes it. */
    static Path copyOfDistribution(Path copy) throws IOException {
        Path source = distribution();
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    static ContainerProcess start(Path work, List<String> command) throws IOException {
        return start(work, command, "data");
    }

    /** A process whose logs go to {@code work/DATA}, for tests that run two containers at once. */
    static ContainerProcess start(Path work, List<String> command, String data) throws IOException {
        return start(work, command, data, new java.io.File("/dev/null"));
    }

    /** The interactive shell, with what a user types read from {@code typed}. */
    static ContainerProcess ifwTyping(Path home, Path work, Path typed) throws IOException {
        return start(work, List.of(home.resolve("bin/ifw").toString()), "data", typed.toFile());
    }

    private static ContainerProcess start(Path work, List<String> command, String data, java.io.File input) throws IOException {
        Path stdout = Files.createTempFile(work, "stdout-", ".txt");
        Path stderr = Files.createTempFile(work, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(input));
        builder.environment().put("IFW_DATA", work.resolve(data).toString());
        // One Aeron directory per test, deleted with the test's folder.
        builder.environment().putIfAbsent("IFW_AERON_DIR", work.resolve("aeron").toString());
        // The web server on a free port: test containers run beside each other and beside a user's.
        builder.environment().putIfAbsent("IFW_HTTP_PORT", "0");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new ContainerProcess(builder.start(), stdout, stderr);
    }

    static ContainerProcess ifw(Path home, Path work, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ifw").toString()));
        command.addAll(List.of(arguments));
        return start(work, command);
    }

    int waitForExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the container did not exit within " + TIMEOUT_S + " s; output:\n" + stdout() + stderr());
        }
        return process.exitValue();
    }

    /** Waits until standard output contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!stdout().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in the output; output:\n" + stdout() + stderr());
            }
            Thread.sleep(50);
        }
    }

    /** The process id (of the JVM: {@code bin/ifw} execs it). */
    long pid() {
        return process.pid();
    }

    /** Sends SIGTERM, as a service manager or Ctrl-C would. */
    void terminate() {
        process.destroy();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
