package io.ifw.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution started as a second JVM ({@code bin/ifw --profile NAME --headless}),
 * as a remote server for the tests' container: a folder of its own links the distribution's
 * {@code bin/}, {@code lib/}, {@code bundle/} and {@code media/}, with a profile whose only
 * configurations are the server's (and the media folder's).
 */
final class ServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_S = 60;

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path data;

    private ServerProcess(Process process, Path stdout, Path stderr, Path data) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.data = data;
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param work           the test's folder
     * @param serverConfig   the lines of its io.ifw.remote.server configuration
     * @param aeronDirectory the Aeron directory it and its clients share
     */
    static ServerProcess start(Path work, List<String> serverConfig, Path aeronDirectory) throws IOException, InterruptedException {
        return start(work, serverConfig, aeronDirectory, null, List.of());
    }

    /**
     * Starts a server with its logs and state in {@code data} (the same folder across restarts, so
     * that its journal survives them) and a journal configuration (no journal when empty).
     */
    static ServerProcess start(Path work, List<String> serverConfig, Path aeronDirectory, Path data, List<String> journalConfig)
            throws IOException, InterruptedException {
        return start(work, serverConfig, aeronDirectory, data, journalConfig, List.of());
    }

    /**
     * As above, with {@code extraBundles} (jar files) in its {@code bundle/} folder besides the
     * distribution's.
     */
    static ServerProcess start(Path work, List<String> serverConfig, Path aeronDirectory, Path data, List<String> journalConfig,
                               List<Path> extraBundles) throws IOException, InterruptedException {
        Path home = home(work, serverConfig, journalConfig, extraBundles);
        Path run = Files.createTempDirectory(work, "server-");
        Path dataFolder = data == null ? run.resolve("data") : data;
        Path stdout = run.resolve("stdout.txt");
        Path stderr = run.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/ifw").toString(), "--profile", "itest-server", "--headless")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("IFW_DATA", dataFolder.toString());
        builder.environment().put("IFW_AERON_DIR", aeronDirectory.toString());
        builder.environment().put("IFW_HTTP_PORT", "0");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("IFW_JAVA_OPTS", "-Xmx256m");
        ServerProcess server = new ServerProcess(builder.start(), stdout, stderr, dataFolder);
        server.awaitOutput("IFW ready");
        return server;
    }

    private static Path home(Path work, List<String> serverConfig, List<String> journalConfig, List<Path> extraBundles) throws IOException {
        Path distribution = IfwContainerOptions.distribution();
        Path home = work.resolve("home");
        if (!Files.isDirectory(home)) {
            Files.createDirectories(home.resolve("conf"));
            for (String folder : List.of("bin", "lib", "media")) {
                Files.createSymbolicLink(home.resolve(folder), distribution.resolve(folder));
            }
            if (extraBundles.isEmpty()) {
                Files.createSymbolicLink(home.resolve("bundle"), distribution.resolve("bundle"));
            } else {
                Files.createDirectories(home.resolve("bundle"));
                for (Path jar : IfwContainerOptions.distributionBundles()) {
                    Files.createSymbolicLink(home.resolve("bundle").resolve(jar.getFileName()), jar);
                }
                for (Path jar : extraBundles) {
                    Files.createSymbolicLink(home.resolve("bundle").resolve(jar.getFileName()), jar.toAbsolutePath());
                }
            }
            for (String file : List.of("jvm.options", "config.properties", "logging.properties")) {
                Files.copy(distribution.resolve("conf").resolve(file), home.resolve("conf").resolve(file));
            }
        }
        Path profile = home.resolve("conf/profiles/itest-server");
        Files.createDirectories(profile.resolve("configs"));
        Files.writeString(profile.resolve("profile.properties"), "# a remote server for the integration tests\n");
        Files.copy(distribution.resolve("conf/configs/io.ifw.backend.local.media.cfg"), profile.resolve("configs/io.ifw.backend.local.media.cfg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(profile.resolve("configs/io.ifw.remote.server-itest.cfg"), serverConfig, StandardCharsets.UTF_8);
        Path journal = profile.resolve("configs/io.ifw.journal-itest.cfg");
        if (journalConfig.isEmpty()) {
            Files.deleteIfExists(journal);
        } else {
            Files.write(journal, journalConfig, StandardCharsets.UTF_8);
        }
        return home;
    }

    /** Waits until standard output contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!read(stdout).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from the server process; its output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until its console or its log files contain {@code text}. */
    void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from the server process; its output:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** The container's folder ({@code bin/ifw} runs other commands from it). */
    static Path home(Path work) {
        return work.resolve("home");
    }

    /** Kills the process as {@code kill -9} does: no shutdown hook, no goodbye to clients. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Its console and its log files. */
    String output() {
        StringBuilder text = new StringBuilder(read(stdout)).append(read(stderr));
        try (Stream<Path> logs = Files.exists(data.resolve("log")) ? Files.list(data.resolve("log")) : Stream.empty()) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                text.append(read(log));
            }
        } catch (IOException e) {
            text.append("(logs unreadable: ").append(e).append(")");
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The configuration of a remote client (factory PID io.ifw.remote.client) of a server on
     * aeron:ipc stream {@code streamId}, with the short heartbeat and liveness of these tests.
     */
    static java.util.Dictionary<String, Object> clientConfig(String name, int streamId, Path aeronDirectory, String onLoss, int ranking) {
        java.util.Dictionary<String, Object> properties = new java.util.Hashtable<>();
        properties.put("name", name);
        properties.put("streamId", streamId);
        properties.put("aeronDirectory", aeronDirectory.toString());
        properties.put("onLoss", onLoss);
        properties.put("ranking", ranking);
        properties.put("heartbeatIntervalMs", 200L);
        properties.put("suspectAfterMs", 600L);
        properties.put("livenessTimeoutMs", 1500L);
        properties.put("driverTimeoutMs", 3000L);
        return properties;
    }

    static List<String> config(Map<String, String> entries) {
        List<String> lines = new ArrayList<>();
        entries.forEach((key, value) -> lines.add(key + "=" + value));
        return lines;
    }
}
