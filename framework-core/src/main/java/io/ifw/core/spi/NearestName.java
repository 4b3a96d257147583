package io.ifw.core.spi;

import java.util.Locale;

/**
 * "Did you mean …?": the known name closest to a mistyped one, for error messages that name what
 * was meant (configuration keys, QFace types and members, shell arguments).
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The name of {@code known} at the smallest edit distance from {@code name} (case ignored),
     * or null when even that one is too far: more than two edits, or more than a third of the
     * name's length for longer names. A name of three or more characters that only one known name
     * starts with (a name cut short, {@code targetTemp}) gives that one when none is close by edits.
     */
    public static String of(String name, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (bestDistance <= Math.max(2, name.length() / 3)) {
            return best;
        }
        return name.length() >= 3 ? uniquePrefixOf(name, known) : null;
    }

    private static String uniquePrefixOf(String name, Iterable<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        String found = null;
        for (String candidate : known) {
            if (candidate.toLowerCase(Locale.ROOT).startsWith(lower)) {
                if (found != null && !found.equals(candidate)) {
                    return null;
                }
                found = candidate;
            }
        }
        return found;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
