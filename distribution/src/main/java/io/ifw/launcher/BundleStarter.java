package io.ifw.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
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

    private final BundleContext context;
    private final Path home;

    BundleStarter(BundleContext context, Path home) {
        this.context = context;
        this.home = home;
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
        // In the folder's order: no bundle needs to start before another (the runtime holds backends
        // back until the journal, in whatever order it starts, has restored their state).
        for (Map.Entry<Bundle, Path> entry : installed.entrySet()) {
            Bundle bundle = entry.getKey();
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                problems.add(new StartupProblem(describe(bundle, entry.getValue()), reason(e), isProject(bundle)));
            }
        }
        return problems;
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
