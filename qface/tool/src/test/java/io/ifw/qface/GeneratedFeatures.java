package io.ifw.qface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: the project's QFace test files, and importing and compiling them. */
final class GeneratedFeatures {

    private GeneratedFeatures() {
    }

    /** A test resource under qface/ as text. */
    static String resource(String name) {
        try (InputStream in = GeneratedFeatures.class.getResourceAsStream("/qface/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource qface/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample module with the common module it imports, and the sample's annotation file. */
    static QFaceImporter.Result importSample(QFaceImporter.Options options) throws QFaceException {
        Map<String, String> qface = new LinkedHashMap<>();
        qface.put("org.ifw.sample.qface", resource("org.ifw.sample.qface"));
        qface.put("org.ifw.common.qface", resource("org.ifw.common.qface"));
        return QFaceImporter.importTexts(qface, Map.of("org.ifw.sample.yaml", resource("org.ifw.sample.yaml")), options);
    }

    static URLClassLoader compile(QFaceImporter.Result result, Path work) throws IOException {
        return QFaceCompiler.compile(result, work, List.of(), GeneratedFeatures.class.getClassLoader());
    }

    static String file(QFaceImporter.Result result, String path) {
        return result.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no generated " + path + " in " + result.paths())).content();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
