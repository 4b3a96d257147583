package io.ifw.backend.remote.aeron.transport;

import java.util.Arrays;
import java.util.List;
import org.osgi.framework.BundleContext;

/** Reading configurations: the Aeron directory's default and lists. */
public final class Settings {

    /** The framework or system property, or environment variable IFW_AERON_DIR, naming the default Aeron directory. */
    static final String AERON_DIR_PROPERTY = "ifw.aeron.dir";

    private Settings() {
    }

    /**
     * The Aeron directory: the configured one, else {@value #AERON_DIR_PROPERTY} (framework or system
     * property), else {@code IFW_AERON_DIR}, else Aeron's default.
     */
    public static String aeronDirectory(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String property = context == null ? System.getProperty(AERON_DIR_PROPERTY) : context.getProperty(AERON_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String environment = System.getenv("IFW_AERON_DIR");
        if (environment != null && !environment.isBlank()) {
            return environment.trim();
        }
        return TransportSettings.defaultDirectory();
    }

    /**
     * The stream id a configuration asked for, for status lines even when the configuration is
     * bad: the number when it is one, else 0 (the status then shows the reason).
     */
    public static int streamIdForDisplay(Object configured) {
        if (configured == null) {
            return Channels.DEFAULT_STREAM_ID;
        }
        if (configured instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(configured.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A list setting: the array given, each entry split at commas, trimmed, empty entries dropped. */
    public static List<String> list(String[] values) {
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }
}
