package io.ifw.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.Bundle;
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
    /** The prompt of Gogo's gosh_profile, which JLine prints again over the shell's own. */
    private static final String PROMPT = "g! ";
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
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        if (System.console() == null) {
            // not a terminal (a pipe, a file, a test): Gogo reads the lines itself
            runShell(new FileInputStream(FileDescriptor.in), console, null);
            return;
        }
        Bundle framework = context.getBundle();
        CommandInterrupter commands = new CommandInterrupter();
        try (Terminal terminal = TerminalBuilder.builder().name("ifw").system(true).nativeSignals(false).build();
             CompletionSession completion = new CompletionSession()) {
            if (terminal.getWidth() <= 0) {
                terminal.setSize(new Size(80, 24)); // a terminal that does not say its size (script, some CI consoles)
            }
            // Ctrl-C. While JLine reads a line, its own handler takes it (the line is dropped) and then
            // puts this one back; without one here it would put back the system's default, which ends
            // the JVM at once, skipping the orderly stop of the container.
            terminal.handle(Terminal.Signal.INT, signal -> onControlC(commands, framework, terminal));
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .completer(new ShellCompleter(completion::commands, completion::ifwArguments))
                    .variable(LineReader.HISTORY_SIZE, 500)
                    .build();
            runShell(new TerminalKeyboard(reader, PROMPT, () -> framework.getState() == Bundle.ACTIVE), console, commands);
        }
    }

    /**
     * Ctrl-C outside JLine's line reading: a running command is interrupted and the shell goes on.
     * Once the shell has ended and the container stops, it does what Java does on Ctrl-C: exit
     * with 130 through the shutdown hooks.
     */
    private static void onControlC(CommandInterrupter commands, Bundle framework, Terminal terminal) {
        if (commands.interruptRunningCommands() > 0) {
            terminal.writer().println(); // after the terminal's "^C", so that the prompt starts a line
            terminal.writer().flush();
        } else if (framework.getState() != Bundle.ACTIVE) {
            Runtime.getRuntime().exit(130);
        }
    }

    /** @param commands told the session that runs the shell, so that Ctrl-C can interrupt its commands; may be null */
    private void runShell(InputStream in, PrintStream console, CommandInterrupter commands) throws Exception {
        withSession(in, console, (session, api) -> {
            if (commands != null) {
                commands.attach(session, api);
            }
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

    /**
     * A second, silent Gogo session that completion runs its commands in, so that the user's
     * session (its variables, its last result) is left as it was.
     */
    private final class CompletionSession implements AutoCloseable {

        private ServiceReference<?> reference;
        private Object session;
        private Method execute;
        private Method get;
        private Method close;

        private synchronized Object session() throws Exception {
            if (session == null) {
                reference = awaitProcessor();
                Object processor = context.getService(reference);
                Class<?> sessionType = processor.getClass().getClassLoader().loadClass(SESSION);
                session = createSession(processor, InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
                execute = sessionType.getMethod("execute", CharSequence.class);
                get = sessionType.getMethod("get", String.class);
                close = sessionType.getMethod("close");
            }
            return session;
        }

        /** The shell's command names ({@code $.commands}); none when the shell cannot say. */
        Collection<String> commands() {
            try {
                Object session = session(); // first: it looks the methods up
                Object names = get.invoke(session, ".commands");
                return names instanceof Collection<?> all ? all.stream().map(String::valueOf).sorted().toList() : List.of();
            } catch (Exception e) {
                return List.of();
            }
        }

        /** What {@code ifw:complete} offers for the last of {@code words}; none on any failure. */
        List<String> ifwArguments(String command, List<String> words) {
            StringBuilder line = new StringBuilder("ifw:complete '").append(command).append('\'');
            for (String word : words) {
                line.append(" '").append(word).append('\'');
            }
            try {
                Object session = session(); // first: it looks the methods up
                Object result = execute.invoke(session, line.toString());
                return result instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
            } catch (Exception e) {
                return List.of();
            }
        }

        @Override
        public synchronized void close() {
            if (session != null) {
                try {
                    close.invoke(session);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // the framework stopped first
                }
                ungetQuietly(reference);
            }
        }
    }

    private interface SessionWork {
        boolean run(Object session, Class<?> sessionType) throws Exception;
    }

    private boolean withSession(InputStream in, PrintStream sessionOut, SessionWork work) throws Exception {
        ServiceReference<?> reference = awaitProcessor();
        Object processor = context.getService(reference);
        try {
            Class<?> sessionType = processor.getClass().getClassLoader().loadClass(SESSION);
            Object session = createSession(processor, in, sessionOut, err);
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

    /** A new Gogo session of {@code processor} (a CommandProcessor, loaded by the shell's bundle). */
    private static Object createSession(Object processor, InputStream in, OutputStream out, OutputStream err) throws ReflectiveOperationException {
        return processor.getClass().getClassLoader().loadClass(PROCESSOR)
                .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, in, out, err);
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
