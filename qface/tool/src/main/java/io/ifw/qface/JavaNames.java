package io.ifw.qface;

import java.util.Locale;
import java.util.Set;

/** Java's rules for names: keywords, the names a feature interface already has, package names from module names. */
final class JavaNames {

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements",
            "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_", "var", "record", "yield", "sealed", "permits");

    /** Methods every feature interface (or every Java object) has: a member of that name would clash. */
    static final Set<String> FEATURE_METHODS = Set.of("featureId", "status", "onStatusChange", "backendUpdatesEnabled",
            "setBackendUpdatesEnabled", "zones", "zone", "zoneName", "onZonesChange", "getClass", "hashCode", "equals", "toString",
            "notify", "notifyAll", "wait", "clone", "finalize");

    /** Names a record component may not have (they are methods of every record). */
    static final Set<String> RECORD_RESERVED = Set.of("getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait",
            "clone", "finalize");

    private JavaNames() {
    }

    /**
     * The Java package for a QFace module: lower case, and a part that is a Java keyword gets a
     * trailing underscore, as the Java Language Specification suggests ({@code Example.If.ClimateModule}
     * becomes {@code example.if_.climatemodule}).
     */
    static String packageFor(String module) {
        StringBuilder name = new StringBuilder();
        for (String part : module.split("\\.")) {
            String lower = part.toLowerCase(Locale.ROOT);
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(lower);
            if (KEYWORDS.contains(lower)) {
                name.append('_');
            }
        }
        return name.toString();
    }

    static boolean isValidPackage(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Turns a QFace documentation comment into the text of a Javadoc comment, indented by {@code indent}. */
    static String javadoc(String comment, String indent, java.util.List<String> extraLines) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (comment != null) {
            String body = comment.substring(3, comment.length() - 2);
            boolean paragraph = false;
            for (String raw : body.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("*")) {
                    line = line.substring(1).strip();
                }
                line = line.replace("\\brief ", "").replace("\\brief", "").replaceAll("\\\\l\\s+", "")
                        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;").replace("@", "&#64;");
                if (line.isEmpty()) {
                    paragraph = !lines.isEmpty();
                    continue;
                }
                if (paragraph) {
                    lines.add("");
                    line = "<p>" + line;
                    paragraph = false;
                }
                lines.add(line);
            }
        }
        if (!extraLines.isEmpty()) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.addAll(extraLines);
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        for (String line : lines) {
            out.append(indent).append(" *").append(line.isEmpty() ? "" : " " + line).append('\n');
        }
        return out.append(indent).append(" */\n").toString();
    }
}
