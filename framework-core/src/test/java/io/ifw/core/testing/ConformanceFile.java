package io.ifw.core.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the project's own conformance files, a JSON document in the test resources under
 * {@code conformance/}. Whatever is wrong with it (missing, malformed, truncated, an entry without
 * a key or with a key of the wrong type) fails the reading test with a {@link BrokenConformanceFile}
 * that names the file and the place, never with a NullPointerException deep in a test.
 */
public final class ConformanceFile {

    /** The folder of the test resources that holds conformance files. */
    public static final String FOLDER = "conformance/";

    private final String name;
    private final JsonNode root;

    private ConformanceFile(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** Reads {@code conformance/NAME} from the test class path. */
    public static ConformanceFile load(String name) {
        try (InputStream in = open(name)) {
            return parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("conformance file " + FOLDER + name + " could not be read", e);
        }
    }

    /** Parses a conformance document from {@code in}; {@code name} is what error messages call it. */
    public static ConformanceFile parse(String name, InputStream in) throws IOException {
        try {
            JsonNode root = new ObjectMapper().readTree(in);
            if (root == null || !root.isObject()) {
                throw new BrokenConformanceFile(name, "is empty or not a JSON object");
            }
            return new ConformanceFile(name, root);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BrokenConformanceFile(name, "is not valid JSON" + place + ": " + e.getOriginalMessage());
        }
    }

    /** The bytes of {@code conformance/NAME} from the test class path; fails naming it when it is not there. */
    public static InputStream open(String name) {
        InputStream in = ConformanceFile.class.getClassLoader().getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new BrokenConformanceFile(name, "is missing from the test resources (" + FOLDER + name + ")");
        }
        return in;
    }

    /** The file's name, as error messages give it. */
    public String name() {
        return name;
    }

    /** The entries of the top-level array {@code key}, which must exist and hold at least {@code atLeast} objects. */
    public List<Entry> entries(String key, int atLeast) {
        JsonNode array = root.get(key);
        if (array == null || !array.isArray()) {
            throw new BrokenConformanceFile(name, "has no array '" + key + "'");
        }
        if (array.size() < atLeast) {
            throw new BrokenConformanceFile(name, "has " + array.size() + " entries in '" + key + "', fewer than the "
                    + atLeast + " the test expects (truncated?)");
        }
        List<Entry> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = key + "[" + i + "]";
            if (!node.isObject()) {
                throw new BrokenConformanceFile(name, where + " is not an object");
            }
            entries.add(new Entry(this, where, node));
        }
        return entries;
    }

    /** One object of a conformance file, read key by key with errors naming the file and the entry. */
    public record Entry(ConformanceFile file, String where, JsonNode node) {

        /** The string at {@code key}. */
        public String text(String key) {
            JsonNode value = required(key);
            if (!value.isTextual()) {
                throw broken("'" + key + "' is not a string");
            }
            return value.asText();
        }

        /** The whole number at {@code key}. */
        public int number(String key) {
            JsonNode value = required(key);
            if (!value.isInt()) {
                throw broken("'" + key + "' is not a whole number");
            }
            return value.asInt();
        }

        /** The boolean at {@code key}. */
        public boolean flag(String key) {
            JsonNode value = required(key);
            if (!value.isBoolean()) {
                throw broken("'" + key + "' is not true or false");
            }
            return value.asBoolean();
        }

        /** The strings of the array at {@code key}. */
        public List<String> texts(String key) {
            JsonNode value = required(key);
            if (!value.isArray()) {
                throw broken("'" + key + "' is not an array of strings");
            }
            List<String> texts = new ArrayList<>();
            value.forEach(item -> texts.add(item.asText()));
            return texts;
        }

        /** The JSON value at {@code key}, which may be {@code null} JSON but must be present. */
        public JsonNode json(String key) {
            return required(key);
        }

        /** The string at {@code key}, or {@code null} where it is JSON null. */
        public String textOrNull(String key) {
            JsonNode value = required(key);
            return value.isNull() ? null : text(key);
        }

        private JsonNode required(String key) {
            JsonNode value = node.get(key);
            if (value == null) {
                throw broken("has no '" + key + "'");
            }
            return value;
        }

        private BrokenConformanceFile broken(String problem) {
            return new BrokenConformanceFile(file.name, where + " " + problem);
        }

        @Override
        public String toString() {
            return file.name + " " + where + " " + node;
        }
    }

    /** A conformance file that cannot serve its test: the message names the file and what is wrong. */
    public static final class BrokenConformanceFile extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        BrokenConformanceFile(String name, String problem) {
            super("conformance file " + name + " " + problem);
        }
    }
}
