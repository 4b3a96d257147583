package io.ifw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution run as a container on one of the {@link NetworkNamespaces}' hosts:
 * {@code ip netns exec HOST bin/ifw --profile HOST}, with its own profile (written by the test),
 * data folder, Aeron directory (its own media driver: hosts share no memory) and its web server on
 * the host's management address, port 8181 (every host has its own ports). Its shell reads a pipe
 * of the test's, so that the test can ask what only the shell tells ({@link #shell}).
 */
final class HostContainer implements AutoCloseable {

    static final int HTTP_PORT = 8181;
    private static final long START_TIMEOUT_S = 90;

    private final NetworkNamespaces.Host host;
    private final Path home;
    private final Path folder;
    private final List<String> javaOptions;
    private Process process;
    private java.io.Writer shellInput;
    private Path stdout;
    private int starts;
    private int shellCommands;

    /**
     * @param home        a folder with the distribution's bin, lib, bundle and media linked and its conf copied ({@link #home})
     * @param host        where it runs
     * @param configs     its configurations, file name → lines (the profile's {@code configs/})
     * @param profile     lines of its {@code profile.properties}
     * @param javaOptions extra JVM options (Aeron's loss generators, say)
     */
    HostContainer(Path home, Path work, NetworkNamespaces.Host host, java.util.Map<String, List<String>> configs, List<String> profile,
                  List<String> javaOptions) throws IOException {
        this.host = host;
        this.home = home;
        this.folder = Files.createDirectories(work.resolve(host.name()));
        this.javaOptions = List.copyOf(javaOptions);
        Path profileFolder = home.resolve("conf/profiles/" + host.name());
        Files.createDirectories(profileFolder.resolve("configs"));
        Files.write(profileFolder.resolve("profile.properties"), profile, StandardCharsets.UTF_8);
        for (var config : configs.entrySet()) {
            Files.write(profileFolder.resolve("configs").resolve(config.getKey()), config.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** A folder to run containers from: the distribution's folders linked, its {@code conf/} files copied. */
    static Path home(Path work) throws IOException {
        Path distribution = ContainerProcess.distribution().toAbsolutePath();
        Path home = work.resolve("home");
        Files.createDirectories(home.resolve("conf/profiles"));
        for (String linked : List.of("bin", "lib", "bundle", "media")) {
            Files.createSymbolicLink(home.resolve(linked), distribution.resolve(linked));
        }
        for (String file : List.of("jvm.options", "config.properties", "logging.properties")) {
            Files.copy(distribution.resolve("conf").resolve(file), home.resolve("conf").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return home;
    }

    /** A configuration file of the distribution's {@code conf/configs}, as lines. */
    static List<String> distributionConfig(String file) throws IOException {
        return Files.readAllLines(ContainerProcess.distribution().resolve("conf/configs").resolve(file));
    }

    NetworkNamespaces.Host host() {
        return host;
    }

    /** Starts it (again: the data folder, and with it the journal, stays) and waits for "IFW ready". */
    void start() throws IOException, InterruptedException {
        starts++;
        shellCommands = 0;
        stdout = folder.resolve("stdout-" + starts + ".txt");
        List<String> command = NetworkNamespaces.on(host, List.of(home.resolve("bin/ifw").toString(), "--profile", host.name()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("IFW_DATA", folder.resolve("data").toString());
        builder.environment().put("IFW_AERON_DIR", aeronDirectory().toString());
        builder.environment().put("IFW_HTTP_PORT", Integer.toString(HTTP_PORT));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(javaOptions);
        builder.environment().put("IFW_JAVA_OPTS", String.join(" ", options));
        process = builder.start();
        shellInput = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        awaitOutput("IFW ready");
    }

    /**
     * Runs a command in its shell and gives what the command printed: the text between the
     * command and an {@code echo} of a mark of its own that follows it.
     */
    String shell(String command) throws IOException, InterruptedException {
        String mark = "shell-command-" + ++shellCommands + "-done";
        int from = read(stdout).length();
        shellInput.write(command + "\necho " + mark + "\n");
        shellInput.flush();
        awaitOutput(mark);
        String text = read(stdout);
        return text.substring(from, text.indexOf(mark, from));
    }

    /** Its media driver's directory. */
    Path aeronDirectory() {
        return folder.resolve("aeron");
    }

    /** Waits until its console (since the last start) contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!read(stdout).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from the container on " + host.name() + "; its output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until its console or its log files contain {@code text}. */
    void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from the container on " + host.name() + "; its output:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    /** Kills it as {@code kill -9} does: no shutdown hook, no goodbye to its clients. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the container on " + host.name() + " did not die within 30 s of SIGKILL");
        }
    }

    /** The WebSocket address of its gateway. */
    String gatewayUri(String token) {
        return "ws://" + host.managementAddress() + ":" + HTTP_PORT + "/ifw/ws?token=" + token;
    }

    /** Its consoles since its first start and its log files, for failure messages. */
    String output() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            text.append("--- console, start ").append(i).append(" ---\n").append(read(folder.resolve("stdout-" + i + ".txt")));
        }
        Path logs = folder.resolve("data/" + host.name() + "/log");
        if (!Files.isDirectory(logs)) {
            logs = folder.resolve("data/log");
        }
        try (Stream<Path> files = Files.isDirectory(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String content = read(log);
                text.append("--- ").append(log.getFileName()).append(" (last 6000 characters) ---\n")
                        .append(content.substring(Math.max(0, content.length() - 6000)));
            }
        } catch (IOException e) {
            text.append("(logs unreadable: ").append(e).append(")");
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return file == null || !Files.exists(file) ? "" : Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
