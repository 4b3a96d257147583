package io.ifw.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.logging.LogManager;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The entry point of {@code bin/ifw}: starts Apache Felix with the bundles of {@code bundle/},
 * reports what did not start, then runs the shell, runs headless, or runs a script of shell
 * commands (see {@link LaunchOptions#USAGE}).
 */
public final class IfwLauncher {

    static final String PROJECT_BUNDLE_PREFIX = "io.ifw.";
    static final int EXIT_OK = 0;
    static final int EXIT_COMMAND_FAILED = 1;
    static final int EXIT_STARTUP_FAILED = 2;
    private static final long STOP_TIMEOUT_MS = 15_000;
    private static final String GOGO_ARGS = "gosh.args";

    private final PrintStream out;
    private final PrintStream err;
    private volatile Framework framework;
    private volatile Path storage;

    private IfwLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new IfwLauncher(System.out, System.err).run(Arrays.asList(args)));
    }

    private int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("journal")) {
            try {
                return JournalToolLauncher.run(ContainerLayout.locate(), args.subList(1, args.size()), out, err);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                err.println("ifw: " + e.getMessage());
                return EXIT_STARTUP_FAILED;
            }
        }
        if (!args.isEmpty() && args.get(0).equals("qface")) {
            try {
                return QFaceToolLauncher.run(ContainerLayout.locate(), args.subList(1, args.size()), out, err);
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                err.println("ifw: " + e.getMessage());
                return EXIT_STARTUP_FAILED;
            }
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ifw: " + e.getMessage());
            err.println("Try 'ifw --help'.");
            return EXIT_STARTUP_FAILED;
        }
        if (options.mode() == LaunchOptions.Mode.HELP) {
            out.println(LaunchOptions.USAGE);
            return EXIT_OK;
        }
        try {
            return start(options);
        } catch (IllegalStateException | UncheckedIOException | BundleException e) {
            err.println("ifw: " + e.getMessage());
            stopQuietly();
            return EXIT_STARTUP_FAILED;
        } catch (Exception e) {
            err.println("ifw: the container failed: " + ResolutionMessage.rootCause(e));
            stopQuietly();
            return EXIT_STARTUP_FAILED;
        }
    }

    private int start(LaunchOptions options) throws Exception {
        long startNs = System.nanoTime();
        StartupTimings timings = new StartupTimings();
        ContainerLayout layout = ContainerLayout.locate(options.profile());
        if (options.configs() != null) {
            layout = layout.withConfigs(options.configs());
        }
        List<String> missing = JvmFlagCheck.missingFlags(layout.jvmOptions());
        if (!missing.isEmpty()) {
            err.println("ifw: missing JVM flag" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (Aeron and Chronicle need them); start the container with bin/ifw, which passes conf/jvm.options");
            return EXIT_STARTUP_FAILED;
        }
        configureLogging(layout);
        timings.phase("layout, JVM flags, logging");

        framework = newFramework(layout);
        framework.init();
        timings.phase("framework created and initialised");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "ifw-shutdown"));
        // Start the framework first, so that a bundle that cannot start reports to us, not to the log.
        framework.start();
        timings.phase("framework started");
        List<StartupProblem> problems = new BundleStarter(framework.getBundleContext(), layout.home(), timings)
                .installAndStart(layout.bundleJars());
        problems.addAll(new ContainerHealth(framework.getBundleContext()).settledComponentProblems());
        timings.phase("components settled");
        problems.forEach(problem -> err.println("ifw: " + problem));
        if (problems.stream().anyMatch(StartupProblem::fatal)) {
            err.println("ifw: the container did not start cleanly; stopping");
            stopQuietly();
            return EXIT_STARTUP_FAILED;
        }
        out.printf("IFW ready: %d bundles active in %d ms (%s%s)%n", activeBundles(),
                (System.nanoTime() - startNs) / 1_000_000, options.mode().name().toLowerCase(),
                LaunchOptions.DEFAULT_PROFILE.equals(options.profile()) ? "" : ", profile " + options.profile());
        new ConsoleAddress(framework.getBundleContext()).print(out);
        if (StartupTimings.requested()) {
            timings.print(out);
        }
        out.flush();
        return runMode(options);
    }

    private int runMode(LaunchOptions options) throws Exception {
        if (options.mode() == LaunchOptions.Mode.EXEC) {
            boolean ok = new GogoCommandRunner(framework.getBundleContext(), out, err).run(GogoScript.split(options.script()));
            stopQuietly();
            return ok ? EXIT_OK : EXIT_COMMAND_FAILED;
        }
        if (options.mode() == LaunchOptions.Mode.SHELL) {
            new GogoCommandRunner(framework.getBundleContext(), out, err).runInteractiveShell();
            stopQuietly();
            return EXIT_OK;
        }
        // The shell stops the framework when the user leaves it; a signal stops a headless one.
        framework.waitForStop(0);
        deleteStorage();
        return EXIT_OK;
    }

    private Framework newFramework(ContainerLayout layout) throws IOException {
        Map<String, String> properties = layout.frameworkProperties();
        // A fresh cache each start: the bundles come from bundle/ every time, so nothing in a cache
        // is worth keeping, and two containers started from one folder never share one.
        storage = Files.createTempDirectory("ifw-felix-");
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The shell bundle never opens a console itself; the launcher opens one after the report.
        properties.put(GOGO_ARGS, "--nointeractive");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/felix.jar is missing)"));
        return factory.newFramework(properties);
    }

    private void configureLogging(ContainerLayout layout) throws IOException {
        Files.createDirectories(layout.data().resolve("log"));
        byte[] configuration = layout.loggingConfiguration().getBytes(StandardCharsets.ISO_8859_1);
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(configuration));
    }

    private long activeBundles() {
        return Stream.of(framework.getBundleContext().getBundles()).filter(b -> b.getState() == Bundle.ACTIVE).count();
    }

    private void stopOnSignal() {
        Framework running = framework;
        if (running != null && (running.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            out.println("IFW stopping");
            stopQuietly();
            out.println("IFW stopped");
            out.flush();
        }
    }

    private synchronized void stopQuietly() {
        Framework running = framework;
        if (running == null) {
            return;
        }
        try {
            running.stop();
            running.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException | InterruptedException | RuntimeException e) {
            err.println("ifw: stopping the framework failed: " + ResolutionMessage.rootCause(e));
        }
        deleteStorage();
    }

    /**
     * Deletes the framework cache. Both the main thread (after the framework stopped) and the
     * shutdown hook (on a signal) get here, so it is synchronized and takes files that are already
     * gone as deleted.
     */
    private synchronized void deleteStorage() {
        Path folder = storage;
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            err.println("ifw: could not delete the framework cache " + folder + ": " + e.getMessage());
        }
    }
}
