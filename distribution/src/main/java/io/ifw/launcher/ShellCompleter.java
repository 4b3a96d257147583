package io.ifw.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * TAB completion in the interactive shell: the first word from the shell's commands
 * ({@code $.commands}: {@code ifw:get}, {@code lb}'s {@code felix:lb} …), the arguments of an
 * {@code ifw:} command from {@code ifw:complete}, which knows the features, their zones, their
 * members and backends. A feature name is completed without a space after it, so that
 * {@code @ZONE} can follow.
 */
final class ShellCompleter implements Completer {

    private static final String IFW_SCOPE = "ifw:";

    private final Supplier<Collection<String>> commands;
    private final BiFunction<String, List<String>, List<String>> ifwArguments;

    /**
     * @param commands     the shell's command names, scope included
     * @param ifwArguments the candidates {@code ifw:complete COMMAND WORDS…} gives for the last word
     */
    ShellCompleter(Supplier<Collection<String>> commands, BiFunction<String, List<String>, List<String>> ifwArguments) {
        this.commands = commands;
        this.ifwArguments = ifwArguments;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String typed = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0) {
            for (String command : commands.get()) {
                if (command.startsWith(typed)) {
                    candidates.add(new Candidate(command));
                }
            }
            return;
        }
        String command = line.words().get(0);
        if (!command.startsWith(IFW_SCOPE) || typed.indexOf('\'') >= 0 || typed.indexOf('"') >= 0) {
            return;
        }
        List<String> words = new ArrayList<>(line.words().subList(1, line.wordIndex()));
        boolean featurePosition = positionalCount(words) == 0 && !typed.startsWith("-") && !afterCount(words);
        words.add(typed);
        for (String value : ifwArguments.apply(command, words)) {
            boolean feature = featurePosition && value.indexOf('@') < 0;
            candidates.add(new Candidate(value, value, null, null, null, null, !feature));
        }
    }

    /** The arguments that are not options ({@code --json}, {@code -n COUNT}). */
    private static int positionalCount(List<String> words) {
        int count = 0;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("-n")) {
                i++;
            } else if (!words.get(i).startsWith("-")) {
                count++;
            }
        }
        return count;
    }

    private static boolean afterCount(List<String> words) {
        return !words.isEmpty() && words.get(words.size() - 1).equals("-n");
    }
}
