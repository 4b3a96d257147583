package io.ifw.qface;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Tags (QFace's annotations): the {@code @name: yaml} lines before an element, and the entries of an
 * annotation file ({@code Module.Interface#member: {config_simulator: {...}}}). Both are YAML; an
 * element's tags are a map of tag name to value, merged key by key (an annotation file's entry
 * overrides the same key written in the {@code .qface} file, as in Qt's generator).
 */
final class Tags {

    /** SnakeYAML logs a key written twice itself; the importer reports it as a warning with its place instead. */
    private static final java.util.logging.Logger YAML_LOGS = java.util.logging.Logger.getLogger("org.yaml.snakeyaml");

    static {
        YAML_LOGS.setLevel(java.util.logging.Level.SEVERE);
    }

    private Tags() {
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, new Resolver());
    }

    /** Adds one tag line ({@code config: { zoned: true }}, without its {@code @}) to {@code tags}. */
    static void addTagLine(Map<String, Object> tags, String line, Position position) throws QFaceException {
        int colon = line.indexOf(':');
        String name = (colon < 0 ? line : line.substring(0, colon)).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new QFaceException(List.of(new QFaceProblem(position, "a tag is written @name: value, not '@" + line + "'")));
        }
        Object value = Boolean.TRUE;
        if (colon >= 0 && !line.substring(colon + 1).isBlank()) {
            String yamlText = line.substring(colon + 1);
            try {
                value = yaml().load(yamlText);
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark();
                int column = position.column() + 1 + colon + 1 + (mark == null ? 0 : mark.getColumn());
                throw new QFaceException(List.of(new QFaceProblem(new Position(position.file(), position.line(), column),
                        "the tag @" + name + " is no valid YAML: " + e.getProblem())));
            } catch (RuntimeException e) {
                throw new QFaceException(List.of(new QFaceProblem(position, "the tag @" + name + " is no valid YAML: " + e.getMessage())));
            }
        }
        merge(tags, Map.of(name, value == null ? Boolean.TRUE : value));
    }

    /** Merges {@code from} into {@code into}: maps key by key, anything else replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<?, ?> from) {
        for (Map.Entry<?, ?> entry : from.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> old && entry.getValue() instanceof Map<?, ?> added) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) old);
                merge(merged, added);
                into.put(key, merged);
            } else {
                into.put(key, entry.getValue());
            }
        }
    }

    /** One entry of an annotation file: the element it names, its tags, where it was written. */
    record Entry(String element, Map<String, Object> tags, Position position) {
    }

    /**
     * Reads an annotation file: a YAML map from element names ({@code Module}, {@code Module.Type},
     * {@code Module.Interface#member}) to maps of tags.
     */
    static List<Entry> readAnnotationFile(Path file, String text) throws QFaceException {
        String fileName = file.getFileName().toString();
        Yaml yaml = yaml();
        Node root;
        try {
            root = yaml.compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position where = mark == null ? new Position(fileName, 1, 1) : new Position(fileName, mark.getLine() + 1, mark.getColumn() + 1);
            throw new QFaceException(List.of(new QFaceProblem(where, "no valid YAML: " + e.getProblem())));
        } catch (RuntimeException e) {
            throw new QFaceException(List.of(new QFaceProblem(new Position(fileName, 1, 1), "no valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode map)) {
            throw new QFaceException(List.of(new QFaceProblem(position(fileName, root),
                    "an annotation file is a map from element names (Module.Interface#member) to their tags")));
        }
        // Qt's generator reads annotation files with PyYAML, where a key written twice takes its
        // last value; the importer does the same and warns (QFaceImporter).
        LoaderOptions lenient = new LoaderOptions();
        lenient.setAllowDuplicateKeys(true);
        Map<?, ?> values = (Map<?, ?>) new Yaml(new SafeConstructor(lenient), new Representer(new DumperOptions()), new DumperOptions(), lenient,
                new Resolver()).load(text);
        List<Entry> entries = new java.util.ArrayList<>();
        List<QFaceProblem> problems = new java.util.ArrayList<>();
        for (NodeTuple tuple : map.getValue()) {
            Node key = tuple.getKeyNode();
            Position where = position(fileName, key);
            if (!(key instanceof ScalarNode scalar)) {
                problems.add(new QFaceProblem(where, "expected an element name (Module.Interface#member) as key"));
                continue;
            }
            Object value = values.get(scalar.getValue());
            if (!(value instanceof Map<?, ?> tagMap)) {
                problems.add(new QFaceProblem(where, "the tags of " + scalar.getValue() + " must be a map of tag names (e.g. config_simulator:), not "
                        + (value == null ? "nothing" : "'" + value + "'")));
                continue;
            }
            Map<String, Object> tags = new LinkedHashMap<>();
            merge(tags, tagMap);
            entries.add(new Entry(scalar.getValue(), tags, where));
        }
        if (!problems.isEmpty()) {
            throw new QFaceException(problems);
        }
        return entries;
    }

    private static Position position(String file, Node node) {
        Mark mark = node.getStartMark();
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
