package io.ifw.core.internal.shell;

import io.ifw.core.BackendInfo;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.model.EnumType;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.SignalMember;
import io.ifw.core.shell.ShellNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What may come next on an {@code ifw:} command line: feature ids and short names, zones after
 * {@code FEATURE@}, member names of the kind the command takes, backend names for
 * {@code ifw:use}, and a property's enum constants or {@code true}/{@code false} for
 * {@code ifw:set}. The interactive shell asks it for completion on TAB.
 */
final class ShellCompletion {

    private static final Set<String> FEATURE_COMMANDS = Set.of("feature", "backends", "get", "set", "call", "use", "watch");

    private final FeatureRegistry registry;

    ShellCompletion(FeatureRegistry registry) {
        this.registry = registry;
    }

    /**
     * The candidates for the last of {@code words}, the word being typed ({@code ""} for a new one).
     *
     * @param command the command, with or without its scope ({@code ifw:get} or {@code get})
     * @param words   the arguments typed so far, the last one being completed
     * @return the candidates that start with the last word, sorted; empty when nothing fits
     */
    List<String> complete(String command, List<String> words) {
        String name = command.startsWith("ifw:") ? command.substring(4) : command;
        if (words.isEmpty() || !FEATURE_COMMANDS.contains(name)) {
            return List.of();
        }
        String partial = words.get(words.size() - 1);
        List<String> arguments = positional(words.subList(0, words.size() - 1));
        if (partial.startsWith("-")) {
            return matching(name.equals("watch") ? List.of("--json", "-n") : List.of("--json"), partial);
        }
        if (name.equals("watch") && !words.subList(0, words.size() - 1).isEmpty()
                && words.get(words.size() - 2).equals("-n")) {
            return List.of(); // a count
        }
        if (arguments.isEmpty()) {
            return partial.contains("@") ? zones(partial) : matching(featureNames(), partial);
        }
        FeatureTarget target = target(arguments.get(0));
        if (target == null) {
            return List.of();
        }
        return switch (name) {
            case "get" -> arguments.size() == 1 ? members(target.model(), partial, m -> m instanceof PropertyMember) : List.of();
            case "set" -> arguments.size() == 1 ? members(target.model(), partial, m -> m instanceof PropertyMember)
                    : arguments.size() == 2 ? values(target.model(), arguments.get(1), partial) : List.of();
            case "call" -> arguments.size() == 1 ? members(target.model(), partial, m -> m instanceof OperationMember) : List.of();
            case "watch" -> members(target.model(), partial, m -> m instanceof PropertyMember || m instanceof SignalMember);
            case "use" -> arguments.size() == 1
                    ? matching(registry.backends(target.featureId()).stream().map(BackendInfo::name).toList(), partial) : List.of();
            default -> List.of();
        };
    }

    /** The arguments that are not options (--json, -n COUNT). */
    private static List<String> positional(List<String> typed) {
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            String word = typed.get(i);
            if (word.equals("-n")) {
                i++; // its count
            } else if (!word.startsWith("-")) {
                arguments.add(word);
            }
        }
        return arguments;
    }

    private record FeatureTarget(String featureId, FeatureModel model) {
    }

    private FeatureTarget target(String featureAndZone) {
        int at = featureAndZone.indexOf('@');
        try {
            String featureId = ShellNames.featureId(at < 0 ? featureAndZone : featureAndZone.substring(0, at), registry.features());
            return new FeatureTarget(featureId, ((FeatureAccess) registry).model(featureId));
        } catch (RuntimeException unknown) {
            return null; // nothing to offer after a feature that is not there
        }
    }

    /** Short names where they are unique, full ids always. */
    private List<String> featureNames() {
        List<String> ids = registry.features().stream().map(FeatureStatus::featureId).toList();
        Set<String> names = new TreeSet<>(ids);
        for (String id : ids) {
            String shortName = ShellNames.shortName(id);
            if (ids.stream().filter(other -> ShellNames.shortName(other).equals(shortName)).count() == 1) {
                names.add(shortName);
            }
        }
        return List.copyOf(names);
    }

    private List<String> zones(String partial) {
        int at = partial.indexOf('@');
        FeatureTarget target = target(partial.substring(0, at));
        if (target == null) {
            return List.of();
        }
        String feature = partial.substring(0, at + 1);
        return matching(((FeatureAccess) registry).zones(target.featureId()).stream().filter(zone -> !zone.isEmpty())
                .map(zone -> feature + zone).toList(), partial);
    }

    private static List<String> members(FeatureModel model, String partial, Predicate<Member> wanted) {
        return matching(model.members().stream().filter(wanted).map(Member::name).toList(), partial);
    }

    /** The values a property of an enum or boolean type takes; nothing for numbers and text. */
    private static List<String> values(FeatureModel model, String property, String partial) {
        for (Member member : model.members()) {
            if (member instanceof PropertyMember p && p.name().equals(property)) {
                if (p.type() instanceof EnumType e) {
                    return matching(e.constants(), partial);
                }
                if (p.type() == ScalarType.BOOLEAN) {
                    return matching(List.of("false", "true"), partial);
                }
            }
        }
        return List.of();
    }

    /** The names that start with {@code partial}; if none does, those that start with it ignoring case. */
    private static List<String> matching(List<String> names, String partial) {
        List<String> exact = names.stream().filter(name -> name.startsWith(partial)).sorted().toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        String lower = partial.toLowerCase(Locale.ROOT);
        return names.stream().filter(name -> name.toLowerCase(Locale.ROOT).startsWith(lower)).sorted().toList();
    }
}
