package io.ifw.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/ifw qface ...}: runs the QFace tool (lib/qface/) without starting the container, on a
 * class path of its jars and the IFW API bundles it reads feature interfaces with.
 */
final class QFaceToolLauncher {

    /** The bundle jars the tool needs besides its own, by file-name prefix. */
    private static final List<String> BUNDLES = List.of("ifw-framework-core-", "org.osgi.util.promise-", "org.osgi.util.function-");
    private static final String TOOL = "io.ifw.qface.QFaceTool";

    private QFaceToolLauncher() {
    }

    static int run(ContainerLayout layout, List<String> args, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(layout.qfaceTool())) {
            err.println("ifw qface: this container has no QFace tool (lib/qface/)");
            return 2;
        }
        List<URL> urls = new ArrayList<>(ContainerLayout.jarUrls(layout.qfaceTool(), List.of()));
        urls.addAll(ContainerLayout.jarUrls(layout.bundles(), BUNDLES));
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), QFaceToolLauncher.class.getClassLoader())) {
            Class<?> tool = loader.loadClass(TOOL);
            Object instance = tool.getConstructor(PrintStream.class, PrintStream.class).newInstance(out, err);
            Thread.currentThread().setContextClassLoader(loader);
            return (Integer) tool.getMethod("run", String[].class).invoke(instance, (Object) args.toArray(String[]::new));
        } catch (ClassNotFoundException e) {
            err.println("ifw qface: this container has no QFace tool (lib/qface/ifw-qface-*.jar)");
            return 2;
        } catch (InvocationTargetException e) {
            err.println("ifw qface: " + e.getCause());
            return 2;
        } catch (ReflectiveOperationException | IOException e) {
            err.println("ifw qface: cannot start the QFace tool: " + e);
            return 2;
        }
    }
}
