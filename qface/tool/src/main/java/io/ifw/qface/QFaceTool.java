package io.ifw.qface;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line: {@code ifw qface import ...} and {@code ifw qface export ...} (see {@link #USAGE}).
 * Exit status 0 when done, 1 when the input has problems (each printed as file:line:column: what),
 * 2 for a wrong command line.
 */
public final class QFaceTool {

    public static final String USAGE = String.join("\n",
            "usage: ifw qface import [--out DIR] [--package MODULE=JAVA.PACKAGE]... [--annotations FILE.yaml]... [--skip-unsupported] FILE.qface...",
            "       ifw qface check [--package ...] [--annotations ...] [--skip-unsupported] FILE.qface...",
            "       ifw qface export [--out DIR] [--classpath JAR_OR_DIR[:...]] FEATURE_INTERFACE_CLASS...",
            "",
            "import  writes a Java feature interface per QFace interface (records, enums, package-info) to DIR/java and",
            "        Qt-format simulation data to DIR/resources/simulation (DIR defaults to qface-generated). Each X.qface's",
            "        X.yaml beside it is read as its annotations. Nothing is written when any file has a problem.",
            "check   imports into a temporary folder, compiles the result and reads each feature as IFW does; prints",
            "        each feature's id, member count and model fingerprint.",
            "export  writes Name.qface and Name.yaml for each feature interface to DIR (default: the current folder); the",
            "        classes are loaded from --classpath.");

    private final PrintStream out;
    private final PrintStream err;

    public QFaceTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new QFaceTool(System.out, System.err).run(args));
    }

    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "import" -> importFiles(rest, false);
                case "check" -> importFiles(rest, true);
                case "export" -> exportFeatures(rest);
                default -> usage("unknown command '" + args[0] + "' (import, check or export)");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private int usage(String message) {
        err.println("ifw qface: " + message);
        err.println(USAGE);
        return 2;
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i + 1);
    }

    private int importFiles(List<String> args, boolean check) throws UsageException {
        QFaceImporter.Options options = new QFaceImporter.Options();
        Path outDir = Path.of("qface-generated");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--out" -> outDir = Path.of(value(args, i++, arg));
                case "--annotations" -> options.annotations(Path.of(value(args, i++, arg)));
                case "--skip-unsupported" -> options.skipUnsupported(true);
                case "--package" -> {
                    String mapping = value(args, i++, arg);
                    int equals = mapping.indexOf('=');
                    if (equals <= 0 || equals == mapping.length() - 1) {
                        throw new UsageException("--package takes MODULE=JAVA.PACKAGE, not '" + mapping + "'");
                    }
                    options.packageFor(mapping.substring(0, equals), mapping.substring(equals + 1));
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no .qface file given");
        }
        try {
            QFaceImporter.Result result = QFaceImporter.importFiles(files, options);
            result.warnings().forEach(w -> err.println("warning: " + w));
            if (check) {
                return check(result);
            }
            result.write(outDir.resolve("java"), outDir.resolve("resources"));
            out.println("wrote " + result.files().size() + " files to " + outDir + ":");
            result.files().forEach(f -> out.println("  " + (f.resource() ? "resources/" : "java/") + f.path()));
            return 0;
        } catch (QFaceException e) {
            e.problems().forEach(p -> err.println(p));
            err.println("ifw qface: " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "; nothing was written");
            return 1;
        } catch (IOException e) {
            err.println("ifw qface: " + e);
            return 1;
        }
    }

    private int check(QFaceImporter.Result result) throws IOException {
        Path work = Files.createTempDirectory("ifw-qface-check");
        try (URLClassLoader loader = QFaceCompiler.compile(result, work, List.of(), QFaceTool.class.getClassLoader())) {
            int status = 0;
            for (String name : result.featureInterfaces()) {
                try {
                    io.ifw.core.model.FeatureModel model = io.ifw.core.model.FeatureModel.of(loader.loadClass(name));
                    out.println(model.id() + "  " + name + "  " + model.members().size() + " members  fingerprint " + model.fingerprint());
                } catch (ClassNotFoundException | RuntimeException e) {
                    err.println("ifw qface: " + name + " is no valid IFW feature: " + e.getMessage());
                    status = 1;
                }
            }
            return status;
        } catch (IllegalStateException e) {
            err.println("ifw qface: " + e.getMessage());
            return 1;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private int exportFeatures(List<String> args) throws UsageException {
        Path outDir = Path.of(".");
        List<URL> classpath = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--out" -> outDir = Path.of(value(args, i++, arg));
                case "--classpath", "-cp" -> {
                    for (String entry : value(args, i++, arg).split(File.pathSeparator)) {
                        Path path = Path.of(entry);
                        if (!Files.exists(path)) {
                            err.println("ifw qface: the class path entry " + entry + " does not exist");
                            return 1;
                        }
                        try {
                            classpath.add(path.toUri().toURL());
                        } catch (MalformedURLException e) {
                            throw new UsageException("bad class path entry " + entry);
                        }
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    classes.add(arg);
                }
            }
        }
        if (classes.isEmpty()) {
            throw new UsageException("no feature interface class given");
        }
        URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new), QFaceTool.class.getClassLoader());
        int status = 0;
        for (String name : classes) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                QFaceExporter.Export export = QFaceExporter.export(type);
                Files.createDirectories(outDir);
                Files.writeString(outDir.resolve(export.baseName() + ".qface"), export.qface(), StandardCharsets.UTF_8);
                Files.writeString(outDir.resolve(export.baseName() + ".yaml"), export.yaml(), StandardCharsets.UTF_8);
                out.println("wrote " + outDir.resolve(export.baseName() + ".qface") + " and " + export.baseName() + ".yaml");
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                err.println("ifw qface: no class " + name + " on the class path" + (classpath.isEmpty() ? " (give it with --classpath)" : ""));
                status = 1;
            } catch (IllegalArgumentException e) {
                err.println("ifw qface: " + e.getMessage());
                status = 1;
            } catch (IOException e) {
                err.println("ifw qface: " + e);
                status = 1;
            }
        }
        return status;
    }
}
