package io.ifw.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs Gogo shell commands inside the container for {@code --exec}: one session, one command at
 * a time, each result printed the way the interactive shell prints it. Stops at the first
 * command that fails.
 *
 * <p>Gogo's API lives in a bundle inside the framework, so it is called reflectively through its
 * public interfaces, loaded from the bundle that provides the service.
 */
final class GogoCommandRunner {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final int INSPECT = 0; // org.apache.felix.service.command.Converter.INSPECT
    private static final long SHELL_WAIT_MS = TimeUnit.SECONDS.toMillis(10);

    private final BundleContext context;
    private final PrintStream out;
    private final PrintStream err;

    GogoCommandRunner(BundleContext context, PrintStream out, PrintStream err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    /** @return true when every command succeeded */
    boolean run(List<String> commands) throws Exception {
        return withSession(InputStream.nullInputStream(), out, (session, api) -> {
            Method execute = api.getMethod("execute", CharSequence.class);
            Method format = api.getMethod("format", Object.class, int.class);
            for (String command : commands) {
                if (!runOne(session, execute, format, command)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Runs the interactive Gogo shell on the console until the user leaves it, which stops the
     * framework (as Gogo's own console does). Started by the launcher rather than by the shell
     * bundle, so that the prompt comes after the start-up report.
     */
    void runInteractiveShell() throws Exception {
        // The console must be the process's own descriptors: Gogo redirects System.out per
        // thread to the session, so a session writing to System.out would write to itself.
        InputStream in = new FileInputStream(FileDescriptor.in);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        withSession(in, console, (session, api) -> {
            try {
                api.getMethod("execute", CharSequence.class).invoke(session, "gosh --login");
            } catch (InvocationTargetException e) {
                // 'exit' stops the framework, which interrupts the shell: that is the way out, not a failure.
                if (!(e.getCause() instanceof InterruptedException)) {
                    err.println("ifw: the shell failed: " + ResolutionMessage.rootCause(e.getCause()));
                }
            }
            return true;
        });
    }

    private interface SessionWork {
        boolean run(Object session, Class<?> sessionType) throws Exception;
    }

    private boolean withSession(InputStream in, PrintStream sessionOut, SessionWork work) throws Exception {
        ServiceReference<?> reference = awaitProcessor();
        Object processor = context.getService(reference);
        try {
            ClassLoader api = processor.getClass().getClassLoader();
            Class<?> sessionType = api.loadClass(SESSION);
            Object session = api.loadClass(PROCESSOR)
                    .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                    .invoke(processor, in, sessionOut, err);
            try {
                return work.run(session, sessionType);
            } finally {
                sessionType.getMethod("close").invoke(session);
                sessionOut.flush();
            }
        } finally {
            ungetQuietly(reference);
        }
    }

    private void ungetQuietly(ServiceReference<?> reference) {
        try {
            context.ungetService(reference);
        } catch (IllegalStateException frameworkAlreadyStopped) {
            // leaving the shell stops the framework; nothing is left to release
        }
    }

    private boolean runOne(Object session, Method execute, Method format, String command) throws IllegalAccessException {
        try {
            Object result = execute.invoke(session, command);
            if (result != null) {
                out.println(format.invoke(session, result, INSPECT));
            }
            out.flush();
            return true;
        } catch (InvocationTargetException e) {
            out.flush();
            err.println("ifw: command failed: " + command + ": " + ResolutionMessage.commandFailure(e.getCause()));
            return false;
        }
    }

    private ServiceReference<?> awaitProcessor() throws InterruptedException {
        long deadline = System.currentTimeMillis() + SHELL_WAIT_MS;
        ServiceReference<?> reference;
        while ((reference = context.getServiceReference(PROCESSOR)) == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the Gogo shell runtime did not start within " + SHELL_WAIT_MS + " ms");
            }
            Thread.sleep(50);
        }
        return reference;
    }
}
