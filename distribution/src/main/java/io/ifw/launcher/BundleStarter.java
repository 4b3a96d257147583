package io.ifw.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Installs every jar of {@code bundle/} into a fresh framework, then starts them, collecting one
 * {@link StartupProblem} per bundle that could not be installed, resolved or started.
 */
final class BundleStarter {

    /** Started before every other bundle, in this order. */
    static final List<String> FRAMEWORK_SERVICES = List.of(
            "org.apache.felix.log", "org.apache.felix.configadmin", "org.apache.felix.fileinstall", "org.apache.felix.scr");

    private final BundleContext context;
    private final Path home;
    private final StartupTimings timings;

    BundleStarter(BundleContext context, Path home, StartupTimings timings) {
        this.context = context;
        this.home = home;
        this.timings = timings;
    }

    List<StartupProblem> installAndStart(List<Path> jars) {
        List<StartupProblem> problems = new ArrayList<>();
        Map<Bundle, Path> installed = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                installed.put(context.installBundle(jar.toUri().toString()), jar);
            } catch (BundleException | RuntimeException e) {
                boolean project = jar.getFileName().toString().startsWith("ifw-");
                problems.add(new StartupProblem("bundle file " + home.relativize(jar),
                        "could not be installed: " + ResolutionMessage.rootCause(e), project));
            }
        }
        timings.phase("bundles installed (" + installed.size() + ")");
        // The framework's services first (the log, Config Admin with the configurations of conf/configs,
        // Declarative Services), then the rest in the folder's order. No bundle needs another to start
        // first (the runtime holds backends back until the journal, in whatever order it starts, has
        // restored their state); this order only saves work: every component is activated once, with
        // its configuration already there (about 0.2 s of the start, docs/BENCHMARKS.md).
        List<Map.Entry<Bundle, Path>> order = new ArrayList<>(installed.entrySet());
        order.sort(Comparator.comparingInt(entry -> startRank(entry.getKey())));
        for (Map.Entry<Bundle, Path> entry : order) {
            Bundle bundle = entry.getKey();
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            long startNs = System.nanoTime();
            try {
                bundle.start();
                timings.bundle(bundle.getSymbolicName(), System.nanoTime() - startNs);
            } catch (BundleException | RuntimeException e) {
                problems.add(new StartupProblem(describe(bundle, entry.getValue()), reason(e), isProject(bundle)));
            }
        }
        timings.phase("bundles started (resolve, activators, immediate components)");
        return problems;
    }

    /** The place of a bundle in the start order: the framework services by their rank, then all others. */
    static int startRank(Bundle bundle) {
        String name = bundle.getSymbolicName(); // null for a plain jar without OSGi headers
        int rank = name == null ? -1 : FRAMEWORK_SERVICES.indexOf(name);
        return rank < 0 ? FRAMEWORK_SERVICES.size() : rank;
    }

    static boolean isProject(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null && name.startsWith(IfwLauncher.PROJECT_BUNDLE_PREFIX);
    }

    private String describe(Bundle bundle, Path jar) {
        return "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + home.relativize(jar) + ")";
    }

    private static String reason(Exception e) {
        if (e instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR) {
            return "did not resolve: " + ResolutionMessage.condense(be.getMessage());
        }
        if (e instanceof BundleException be && be.getType() == BundleException.ACTIVATOR_ERROR && be.getCause() != null) {
            return "failed in its activator: " + ResolutionMessage.rootCause(be.getCause());
        }
        return "did not start: " + ResolutionMessage.rootCause(e);
    }
}
