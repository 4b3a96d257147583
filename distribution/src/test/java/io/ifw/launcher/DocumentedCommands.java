package io.ifw.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command lines of a Markdown page, in the order a reader runs them, read from its fenced
 * code blocks:
 * <ul>
 * <li>a container command: {@code ./ifw …}, {@code bin/ifw …} or {@code distribution/target/ifw-V/bin/ifw …};
 *     one ending in {@code &} runs in the background; one without {@code --exec}, {@code --exec-file},
 *     {@code --headless}, {@code --help} or {@code journal} is an interactive shell;</li>
 * <li>a shell command typed at the Gogo prompt: {@code g! CMD}, or a line starting with {@code ifw:NAME};
 *     it is typed into the interactive shell started last on the page, else into a shell of its own;</li>
 * <li>any other line of a {@code sh} block is run by bash in the container's folder, except
 *     {@code ./mvnw …} and {@code scripts/…} (the build itself, which CI runs);</li>
 * <li>other lines of blocks without {@code sh} are output or file contents, and not run; nothing in a
 *     {@code text} block is run (usage summaries such as {@code bin/ifw journal print DIR [--max N]}).</li>
 * </ul>
 * A trailing {@code # comment} is dropped; a line ending in {@code \} continues on the next.
 */
final class DocumentedCommands {

    private static final Pattern CONTAINER = Pattern.compile("^(\\./ifw|bin/ifw|distribution/target/ifw-[^/\\s]+/bin/ifw)(\\s.*)?$");
    private static final Pattern SHELL_COMMAND = Pattern.compile("^ifw:[a-z]+(\\s.*)?$");
    private static final List<String> NOT_INTERACTIVE = List.of("--exec", "--exec-file", "--headless", "--help", "journal");

    /** One thing a reader runs. */
    sealed interface Step permits Container, Bash {
        String where();
    }

    /**
     * {@code bin/ifw} with {@code arguments}; {@code typed} holds what is typed into it when it is
     * interactive (empty otherwise).
     */
    record Container(String where, List<String> arguments, boolean background, boolean interactive, List<String> typed) implements Step {
    }

    /** A line for bash. */
    record Bash(String where, String line) implements Step {
    }

    /** A build command the page shows and CI runs, left out. */
    static boolean isBuildCommand(String line) {
        return line.startsWith("./mvnw") || line.startsWith("scripts/");
    }

    private DocumentedCommands() {
    }

    static List<Step> of(Path page, String name) throws IOException {
        return parse(Files.readAllLines(page), name);
    }

    static List<Step> parse(List<String> lines, String name) {
        List<Step> steps = new ArrayList<>();
        Container typingInto = null;
        boolean inBlock = false;
        String language = "";
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (raw.startsWith("```")) {
                inBlock = !inBlock;
                language = inBlock ? raw.substring(3).trim() : "";
                continue;
            }
            if (!inBlock || language.equals("text")) {
                continue;
            }
            int first = i;
            StringBuilder joined = new StringBuilder(raw);
            while (joined.toString().endsWith("\\") && i + 1 < lines.size()) {
                joined.setLength(joined.length() - 1);
                String head = joined.toString().stripTrailing();
                joined.setLength(0);
                joined.append(head).append(' ').append(lines.get(++i).trim());
            }
            String where = name + ":" + (first + 1);
            String line = withoutComment(joined.toString()).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("g! ") || SHELL_COMMAND.matcher(line).matches()) {
                String typed = line.startsWith("g! ") ? line.substring(3).trim() : line;
                if (typingInto == null) {
                    typingInto = new Container(where, List.of(), false, true, new ArrayList<>());
                    steps.add(typingInto);
                }
                typingInto.typed().add(typed);
                continue;
            }
            boolean shellBlock = language.equals("sh") || language.equals("shell") || language.equals("bash");
            if (CONTAINER.matcher(line).matches()) {
                boolean background = line.endsWith("&");
                List<String> words = words(background ? line.substring(0, line.length() - 1) : line);
                List<String> arguments = words.subList(1, words.size());
                boolean interactive = !background && arguments.stream().noneMatch(NOT_INTERACTIVE::contains);
                Container container = new Container(where, List.copyOf(arguments), background, interactive, new ArrayList<>());
                steps.add(container);
                typingInto = interactive ? container : null;
            } else if (shellBlock && !isBuildCommand(line)) {
                steps.add(new Bash(where, line));
                typingInto = null;
            }
        }
        return steps;
    }

    /** The line without a trailing {@code # comment} (a {@code #} outside quotes after a blank). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Words as a POSIX shell splits them: blanks separate, quotes group. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
