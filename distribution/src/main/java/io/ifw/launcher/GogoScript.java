package io.ifw.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script of Gogo shell commands into single commands, so that each one's output and
 * failure can be reported on its own. Commands are separated by new lines or by {@code ;} outside
 * quotes and brackets; blank lines and lines starting with {@code #} are skipped.
 */
final class GogoScript {

    private GogoScript() {
    }

    static List<String> split(String script) {
        List<String> commands = new ArrayList<>();
        for (String line : script.split("\\R")) {
            if (!line.strip().startsWith("#")) {
                splitLine(line, commands);
            }
        }
        return commands;
    }

    private static void splitLine(String line, List<String> commands) {
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    current.append(c).append(line.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ';' && depth == 0) {
                add(current, commands);
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(current, commands);
    }

    private static void add(CharSequence command, List<String> commands) {
        String trimmed = command.toString().strip();
        if (!trimmed.isEmpty()) {
            commands.add(trimmed);
        }
    }
}
