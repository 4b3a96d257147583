package io.ifw.core.spi;

/**
 * A configuration value a component cannot use. Its message is one line naming where the
 * configuration comes from (the file), the key, the bad value and what is expected, e.g.
 * {@code conf/configs/io.ifw.journal-default.cfg: retainCycles = 'many': expected a whole number}.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String value;
    private final String expected;

    /**
     * @param source   the file or configuration the value comes from ({@link Configurations#source})
     * @param key      the configuration key
     * @param value    the value found, {@code null} when the key is missing
     * @param expected what the key takes, e.g. {@code a whole number}
     */
    public InvalidConfigurationException(String source, String key, Object value, String expected) {
        super(source + ": " + key + (value == null ? " is missing" : " = '" + text(value) + "'") + ": expected " + expected);
        this.source = source;
        this.key = key;
        this.value = value == null ? null : text(value);
        this.expected = expected;
    }

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return String.join(",", java.util.Arrays.stream(array).map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** The file or configuration the value comes from. */
    public String source() {
        return source;
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** The bad value as text, {@code null} when the key is missing. */
    public String value() {
        return value;
    }

    /** What the key takes. */
    public String expected() {
        return expected;
    }
}
