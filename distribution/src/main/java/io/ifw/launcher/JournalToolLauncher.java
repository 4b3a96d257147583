package io.ifw.launcher;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * {@code bin/ifw journal ...}: runs the journal tool of the container's journal bundle without
 * starting the container, on a class path of the bundle jars it needs, so it can read a journal
 * while a container writes it.
 */
final class JournalToolLauncher {

    /** The bundle jars the tool needs, by file-name prefix. */
    private static final List<String> JARS = List.of("ifw-state-journal-", "ifw-codec-", "ifw-framework-core-", "ifw-chronicle-", "ifw-aeron-",
            "org.osgi.util.promise-", "org.osgi.util.function-");
    private static final String TOOL = "io.ifw.journal.tool.JournalTool";
    /** Chronicle's start-up chatter stays out of the tool's output (kept here: loggers are weakly referenced). */
    private static final java.util.logging.Logger CHRONICLE_LOGS = java.util.logging.Logger.getLogger("net.openhft");

    private JournalToolLauncher() {
    }

    static int run(ContainerLayout layout, List<String> args, PrintStream out, PrintStream err) {
        CHRONICLE_LOGS.setLevel(java.util.logging.Level.SEVERE);
        List<URL> urls = ContainerLayout.jarUrls(layout.bundles(), JARS);
        // Not closed: Chronicle unmaps its files from a background thread after the tool returns, and
        // needs its classes until the process ends (which it does right after).
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), JournalToolLauncher.class.getClassLoader());
        try {
            Class<?> tool = loader.loadClass(TOOL);
            Object instance = tool.getConstructor(PrintStream.class, PrintStream.class).newInstance(out, err);
            Method run = tool.getMethod("run", String[].class, java.util.function.BooleanSupplier.class);
            Thread.currentThread().setContextClassLoader(loader);
            return (Integer) run.invoke(instance, args.toArray(String[]::new), (java.util.function.BooleanSupplier) () -> true);
        } catch (ClassNotFoundException e) {
            err.println("ifw journal: this container has no journal bundle (bundle/ifw-state-journal-*.jar)");
            return 2;
        } catch (InvocationTargetException e) {
            err.println("ifw journal: " + e.getCause());
            return 2;
        } catch (ReflectiveOperationException e) {
            err.println("ifw journal: cannot start the journal tool: " + e);
            return 2;
        }
    }
}
