package io.ifw.qface;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles what an import generated, with the JDK's compiler, against IFW's API, and loads it:
 * {@code ifw qface check} and the tests use it to prove the generated interfaces are valid features.
 */
public final class QFaceCompiler {

    private QFaceCompiler() {
    }

    /**
     * Writes {@code result} under {@code work}, compiles it (with {@code -parameters}, as IFW reads
     * operation parameter names) and returns a class loader for the classes, whose parent is
     * {@code parent}.
     *
     * @throws IllegalStateException with the compiler's messages when the sources do not compile
     */
    public static URLClassLoader compile(QFaceImporter.Result result, Path work, List<Path> classpath, ClassLoader parent) throws IOException {
        Path sources = work.resolve("java");
        Path resources = work.resolve("classes");
        result.write(sources, resources);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("this Java runtime has no compiler (run it from a JDK)");
        }
        Set<String> path = new LinkedHashSet<>();
        classpath.forEach(p -> path.add(p.toString()));
        for (Class<?> api : List.of(io.ifw.core.Feature.class, org.osgi.util.promise.Promise.class, org.osgi.util.function.Function.class,
                org.osgi.annotation.versioning.Version.class)) {
            path.add(location(api));
        }
        List<String> arguments = new ArrayList<>(List.of("-parameters", "-proc:none", "--release", "17", "-d", resources.toString(),
                "-classpath", String.join(java.io.File.pathSeparator, path)));
        arguments.addAll(files);
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        int status = compiler.run(null, messages, messages, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the generated sources do not compile:\n" + messages.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        return new URLClassLoader(new URL[] {resources.toUri().toURL()}, parent);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot find the jar of " + type.getName(), e);
        }
    }
}
