package io.ifw.launcher;

import java.io.PrintStream;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The web console's address, printed after "IFW ready": the web server's endpoint (its
 * HttpServiceRuntime's {@code osgi.http.endpoint}) and the gateway's way of admitting clients. The
 * web server starts with its bundle (framework properties), but one configured with an
 * {@code org.apache.felix.http.cfg} starts only when Config Admin hands that over, and the gateway
 * waits for its references; so this waits for both, a few seconds at most.
 */
final class ConsoleAddress {

    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final String GATEWAY_FILTER = "(ifw.gateway.access=*)";
    private static final long WAIT_MS = 5_000;

    private final BundleContext context;
    private final Bundle owner;

    ConsoleAddress(BundleContext context) {
        this.context = context;
        this.owner = context.getBundle();
    }

    /**
     * Prints the console's address once the gateway and the web server serve (at most
     * {@value #WAIT_MS} ms). Prints nothing when the framework stops meanwhile (a SIGTERM just
     * after "IFW ready"): its bundle context is then no longer valid, and that is no error.
     */
    void print(PrintStream out) throws InterruptedException {
        try {
            printOnceServing(out);
        } catch (IllegalStateException stopped) {
            if ((owner.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                throw stopped;
            }
        }
    }

    private void printOnceServing(PrintStream out) throws InterruptedException {
        if (!gatewayInstalled()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (true) {
            ServiceReference<?> gateway = first(null, GATEWAY_FILTER);
            String endpoint = endpoint();
            if (gateway != null && endpoint != null) {
                out.println("IFW web console: " + endpoint + "ifw/ (" + gateway.getProperty("ifw.gateway.access") + ")");
                return;
            }
            if (System.nanoTime() > deadline) {
                out.println("IFW web console: not serving yet (" + (gateway == null ? "the gateway has not started" : "the web server has not started")
                        + "; see data/log)");
                return;
            }
            Thread.sleep(20);
        }
    }

    private boolean gatewayInstalled() {
        for (Bundle bundle : context.getBundles()) {
            if ("io.ifw.gateway".equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    /** The web server's first endpoint with a port, ending in '/'; {@code null} while it is not serving. */
    private String endpoint() {
        ServiceReference<?> runtime = first(RUNTIME, null);
        if (runtime == null) {
            return null;
        }
        Object value = runtime.getProperty("osgi.http.endpoint");
        String endpoint = value instanceof String text ? text
                : value instanceof String[] array && array.length > 0 ? array[0]
                : value instanceof Collection<?> list && !list.isEmpty() ? String.valueOf(list.iterator().next()) : null;
        if (endpoint == null || !endpoint.matches("https?://.+:\\d+/.*")) {
            return null;
        }
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    private ServiceReference<?> first(String clazz, String filter) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(clazz, filter);
            return references == null || references.length == 0 ? null : references[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
