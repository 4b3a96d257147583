package io.ifw.core.internal;

import io.ifw.core.DiscoveryMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment overrides of discovery, in the Qt Interface Framework's form
 * {@code ID=VALUE;ID=VALUE}: {@value #DISCOVERY_MODE} (a mode per feature id) and
 * {@value #PREFERRED_BACKENDS} (comma-separated globs per feature id). {@code *} as the id applies
 * to every feature without an entry of its own. A malformed entry is reported and ignored; the
 * others still apply.
 */
final class EnvironmentOverrides {

    static final String DISCOVERY_MODE = "IFW_DISCOVERY_MODE_OVERRIDE";
    static final String PREFERRED_BACKENDS = "IFW_PREFERRED_BACKENDS_OVERRIDE";
    static final EnvironmentOverrides NONE = new EnvironmentOverrides(Map.of(), Map.of(), List.of());

    private final Map<String, DiscoveryMode> modes;
    private final Map<String, List<String>> preferred;
    private final List<String> problems;

    private EnvironmentOverrides(Map<String, DiscoveryMode> modes, Map<String, List<String>> preferred, List<String> problems) {
        this.modes = Map.copyOf(modes);
        this.preferred = Map.copyOf(preferred);
        this.problems = List.copyOf(problems);
    }

    /** Parses the two variables' values; {@code null} or blank means not set. */
    static EnvironmentOverrides parse(String modeOverride, String preferredOverride) {
        List<String> problems = new ArrayList<>();
        Map<String, DiscoveryMode> modes = new HashMap<>();
        for (String[] entry : entries(DISCOVERY_MODE, modeOverride, problems)) {
            try {
                modes.put(entry[0], DiscoveryMode.parse(entry[1]));
            } catch (IllegalArgumentException e) {
                problems.add(DISCOVERY_MODE + " entry '" + entry[0] + "=" + entry[1] + "': " + e.getMessage() + "; ignored");
            }
        }
        Map<String, List<String>> preferred = new HashMap<>();
        for (String[] entry : entries(PREFERRED_BACKENDS, preferredOverride, problems)) {
            List<String> globs = Arrays.stream(entry[1].split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
            if (globs.isEmpty()) {
                problems.add(PREFERRED_BACKENDS + " entry '" + entry[0] + "=" + entry[1] + "' names no backend; ignored");
            } else {
                preferred.put(entry[0], globs);
            }
        }
        return new EnvironmentOverrides(modes, preferred, problems);
    }

    private static List<String[]> entries(String variable, String value, List<String> problems) {
        List<String[]> entries = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return entries;
        }
        for (String raw : value.split(";")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                problems.add(variable + " entry '" + entry + "' is not of the form ID=VALUE; ignored");
                continue;
            }
            entries.add(new String[] {entry.substring(0, equals).trim(), entry.substring(equals + 1).trim()});
        }
        return entries;
    }

    /** {@code base} with the overrides for {@code featureId} applied. */
    DiscoverySettings apply(String featureId, DiscoverySettings base) {
        DiscoveryMode mode = modes.getOrDefault(featureId, modes.get("*"));
        List<String> globs = preferred.getOrDefault(featureId, preferred.get("*"));
        if (mode == null && globs == null) {
            return base;
        }
        return new DiscoverySettings(mode == null ? base.mode() : mode, globs == null ? base.preferredBackends() : globs,
                base.callTimeoutMs(), base.source() + " + environment");
    }

    /** What was wrong with the variables, one line per ignored entry. */
    List<String> problems() {
        return problems;
    }
}
