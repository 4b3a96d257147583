package io.ifw.core.spi;

/**
 * Globs over feature ids and backend names, as configurations write them ({@code features=*},
 * {@code io.ifw.vehicle.*}): {@code *} matches any run of characters, {@code ?} one, everything
 * else itself.
 */
public final class Globs {

    private Globs() {
    }

    /** Whether {@code text} matches {@code glob} (surrounding blanks of the glob ignored). */
    public static boolean matches(String glob, String text) {
        return matches(glob.trim(), 0, text, 0);
    }

    private static boolean matches(String glob, int g, String text, int t) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                for (int k = t; k <= text.length(); k++) {
                    if (matches(glob, g + 1, text, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            g++;
            t++;
        }
        return t == text.length();
    }
}
