package io.ifw.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Qt Interface Framework test inputs in ../shared/fixtures/qt (path from the build). */
public final class QtFixtures {

    private QtFixtures() {
    }

    public static Path file(String name) {
        Path folder = Path.of(System.getProperty("ifw.qt.fixtures", "../../shared/fixtures/qt"));
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the Qt fixture " + file.toAbsolutePath() + " is missing; the shared/ folder must be "
                    + "beside the repository");
        }
        return file;
    }

    public static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
