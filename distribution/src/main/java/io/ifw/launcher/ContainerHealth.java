package io.ifw.launcher;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Reads the state of the Declarative Services components from the framework's
 * {@code ServiceComponentRuntime} and reports the ones left unsatisfied or failed.
 *
 * <p>The launcher lives outside the framework, and the DS API classes live in a bundle inside it,
 * so the DTOs are read reflectively (their fields are public by the DTO contract).
 */
final class ContainerHealth {

    private static final String SCR_SERVICE = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    // ComponentConfigurationDTO states. A component waiting for a required configuration is normal
    // (remote clients wait for theirs) and not reported.
    private static final int UNSATISFIED_REFERENCE = 2;
    private static final int FAILED_ACTIVATION = 16;
    private static final long CLEAN_CONFIRM_MS = 100;
    private static final long SETTLE_QUIET_MS = 500;
    private static final long SETTLE_LIMIT_MS = 10_000;
    private static final long POLL_MS = 25;

    private final BundleContext context;

    ContainerHealth(BundleContext context) {
        this.context = context;
    }

    /**
     * Waits until the component states stop changing (they settle asynchronously as
     * configurations arrive and services come up), then returns the problems. With no problem
     * the wait is short ({@value #CLEAN_CONFIRM_MS} ms without a change): the configurations of
     * {@code conf/configs} are in Config Admin before Declarative Services starts, so a component
     * that needs one gets it as it is activated, and nothing is left to settle. With problems the
     * launcher gives them {@value #SETTLE_QUIET_MS} ms without a change to go away (a component
     * waiting for the web server, which starts on a configuration of its own), at most
     * {@value #SETTLE_LIMIT_MS} ms in all.
     */
    List<StartupProblem> settledComponentProblems() throws InterruptedException {
        long startMs = System.nanoTime() / 1_000_000;
        List<StartupProblem> last = componentProblems();
        long quietSinceMs = startMs;
        while (true) {
            long nowMs = System.nanoTime() / 1_000_000;
            long quietMs = nowMs - quietSinceMs;
            if (nowMs - startMs >= SETTLE_LIMIT_MS || quietMs >= (last.isEmpty() ? CLEAN_CONFIRM_MS : SETTLE_QUIET_MS)) {
                return last;
            }
            Thread.sleep(POLL_MS);
            List<StartupProblem> now = componentProblems();
            if (!now.equals(last)) {
                last = now;
                quietSinceMs = System.nanoTime() / 1_000_000;
            }
        }
    }

    List<StartupProblem> componentProblems() {
        ServiceReference<?> reference = context.getServiceReference(SCR_SERVICE);
        if (reference == null) {
            return List.of(new StartupProblem("Declarative Services", "is not running (no " + SCR_SERVICE + ")", true));
        }
        Object runtime = context.getService(reference);
        try {
            List<StartupProblem> problems = new ArrayList<>();
            Method descriptions = method(runtime, "getComponentDescriptionDTOs", Bundle[].class);
            for (Object description : (Collection<?>) invoke(descriptions, runtime, (Object) new Bundle[0])) {
                addProblems(runtime, description, problems);
            }
            return problems;
        } finally {
            context.ungetService(reference);
        }
    }

    private void addProblems(Object runtime, Object description, List<StartupProblem> problems) {
        Class<?> descriptionType = description.getClass();
        Method enabled = method(runtime, "isComponentEnabled", descriptionType);
        if (!(Boolean) invoke(enabled, runtime, description)) {
            return;
        }
        String component = (String) field(description, "name");
        String bundle = (String) field(field(description, "bundle"), "symbolicName");
        boolean project = bundle != null && bundle.startsWith(IfwLauncher.PROJECT_BUNDLE_PREFIX);
        String subject = "component " + component + " (bundle " + bundle + ")";
        Method configurations = method(runtime, "getComponentConfigurationDTOs", descriptionType);
        for (Object configuration : (Collection<?>) invoke(configurations, runtime, description)) {
            int state = (Integer) field(configuration, "state");
            if (state == UNSATISFIED_REFERENCE) {
                problems.add(new StartupProblem(subject, "is unsatisfied: " + unsatisfiedReferences(description, configuration), false));
            } else if (state == FAILED_ACTIVATION) {
                Object failure = field(configuration, "failure");
                if (failure != null && ResolutionMessage.invalidConfiguration(failure.toString()) != null) {
                    // A bad configuration value: already one log line, and the component shows FAILED
                    // in its status command; the container goes on serving everything else.
                    continue;
                }
                problems.add(new StartupProblem(subject, "failed to activate: "
                        + (failure == null ? "no reason given" : ResolutionMessage.firstLine(failure.toString())), project));
            }
        }
    }

    private static String unsatisfiedReferences(Object description, Object configuration) {
        List<String> reasons = new ArrayList<>();
        Object references = field(description, "references");
        Object unsatisfied = field(configuration, "unsatisfiedReferences");
        for (int i = 0; i < Array.getLength(unsatisfied); i++) {
            String name = (String) field(Array.get(unsatisfied, i), "name");
            String target = (String) field(Array.get(unsatisfied, i), "target");
            reasons.add("no service for reference '" + name + "' (" + interfaceOf(references, name)
                    + (target == null ? "" : ", target " + target) + ")");
        }
        return String.join("; ", reasons);
    }

    private static String interfaceOf(Object references, String referenceName) {
        for (int i = 0; i < Array.getLength(references); i++) {
            Object reference = Array.get(references, i);
            if (Objects.equals(field(reference, "name"), referenceName)) {
                return (String) field(reference, "interfaceName");
            }
        }
        return "unknown interface";
    }

    private static Method method(Object target, String name, Class<?> parameterType) {
        for (Class<?> type : target.getClass().getInterfaces()) {
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0].isAssignableFrom(parameterType)) {
                    return method;
                }
            }
        }
        throw new IllegalStateException("the Declarative Services runtime has no method " + name);
    }

    private static Object invoke(Method method, Object target, Object argument) {
        try {
            return method.invoke(target, argument);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method.getName() + " on the DS runtime", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the DS runtime failed in " + method.getName() + ": " + e.getCause(), e.getCause());
        }
    }

    private static Object field(Object dto, String name) {
        try {
            Field field = dto.getClass().getField(name);
            return field.get(dto);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DS DTO " + dto.getClass().getName() + " has no field " + name, e);
        }
    }
}
