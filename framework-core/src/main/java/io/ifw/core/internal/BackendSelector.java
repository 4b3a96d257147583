package io.ifw.core.internal;

import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.spi.BackendOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Discovery's choice, as a pure function: the candidates a feature may bind, best first.
 *
 * <p>Order: a backend chosen by name ({@code ifw:use}) alone; otherwise the candidates the mode
 * allows, by the first {@code preferredBackends} glob they match (globs in order, case-insensitive,
 * {@code *} and {@code ?}), then — in AUTO — production before simulation, then higher
 * {@code service.ranking}, then older service (lower {@code service.id}).
 */
final class BackendSelector {

    private BackendSelector() {
    }

    static List<BackendCandidate> order(List<BackendCandidate> candidates, DiscoverySettings settings, String manualBackend) {
        if (manualBackend != null) {
            return candidates.stream().filter(c -> c.info().name().equals(manualBackend)).limit(1).toList();
        }
        List<Pattern> globs = settings.preferredBackends().stream().map(BackendSelector::glob).toList();
        List<BackendCandidate> allowed = new ArrayList<>();
        for (BackendCandidate candidate : candidates) {
            if (allows(settings.mode(), candidate)) {
                allowed.add(candidate);
            }
        }
        allowed.sort(Comparator.<BackendCandidate>comparingInt(c -> preference(globs, c.info().name()))
                .thenComparing(BackendCandidate::info, BackendOrder.AUTOMATIC));
        return allowed;
    }

    /** The result to report when {@code bound} (or nothing, when {@code null}) is bound. */
    static DiscoveryResult result(BackendCandidate bound, DiscoverySettings settings, String manualBackend) {
        if (bound == null) {
            return settings.mode() == DiscoveryMode.NONE && manualBackend == null ? DiscoveryResult.NO_RESULT
                    : DiscoveryResult.NO_BACKEND_FOUND;
        }
        if (manualBackend != null) {
            return DiscoveryResult.MANUALLY_BOUND;
        }
        return bound.isSimulation() ? DiscoveryResult.SIMULATION_BACKEND_LOADED : DiscoveryResult.PRODUCTION_BACKEND_LOADED;
    }

    private static boolean allows(DiscoveryMode mode, BackendCandidate candidate) {
        switch (mode) {
            case AUTO:
                return true;
            case PRODUCTION_ONLY:
                return !candidate.isSimulation();
            case SIMULATION_ONLY:
                return candidate.isSimulation();
            default:
                return false;
        }
    }

    private static int preference(List<Pattern> globs, String name) {
        for (int i = 0; i < globs.size(); i++) {
            if (globs.get(i).matcher(name).matches()) {
                return i;
            }
        }
        return globs.size();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
