package io.ifw.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class of the tests' class path run in a JVM of its own on one of the
 * {@link NetworkNamespaces}' hosts (an impostor server, an attacker), its output in a file.
 */
final class HostProgram implements AutoCloseable {

    private static final long WAIT_S = 60;

    private final String name;
    private final Process process;
    private final Path output;

    private HostProgram(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    static HostProgram start(NetworkNamespaces.Host host, Path output, Class<?> main, String... args) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(java::add);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        java.addAll(List.of(args));
        Process process = new ProcessBuilder(NetworkNamespaces.on(host, java)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new HostProgram(main.getSimpleName(), process, output);
    }

    /** Waits until its output contains {@code text}. */
    void awaitOutput(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from " + name + (process.isAlive() ? " within " + WAIT_S + " s" : " (it ended)")
                        + "; its output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
