package io.ifw.gateway;

import io.ifw.core.spi.InvalidConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The gateway's configuration ({@code io.ifw.gateway}): its secrets, the origins browsers may
 * connect from, and the bound on a slow client. The web server's port, address and TLS are Felix
 * HTTP's own configuration ({@code org.apache.felix.http}).
 *
 * @param secret         the token for full access; empty: none configured (loopback clients only, full access)
 * @param readOnlySecret the token for read-only access; empty: none
 * @param allowedOrigins origins (scheme://host:port) of pages on other servers whose browsers may
 *                       connect; a page the container serves itself is always allowed
 * @param maxEvents      events waiting for one client before it is cut off
 * @param maxMessageBytes the largest message a client may send
 */
record GatewaySettings(String secret, String readOnlySecret, List<String> allowedOrigins, int maxEvents, int maxMessageBytes) {

    static final String PID = "io.ifw.gateway";
    static final GatewaySettings DEFAULTS = new GatewaySettings("", "", List.of(), 10_000, 65_536);

    /** The settings of a configuration's properties; a bad value is named. */
    static GatewaySettings of(Map<String, ?> properties) {
        String source = io.ifw.core.spi.Configurations.source(properties);
        String secret = string(properties, "secret");
        String readOnly = string(properties, "readOnlySecret");
        if (!secret.isEmpty() && secret.equals(readOnly)) {
            throw new InvalidConfigurationException(source, "readOnlySecret", "(hidden)", "a token other than secret (one token cannot give two roles)");
        }
        if (secret.isEmpty() && !readOnly.isEmpty()) {
            throw new InvalidConfigurationException(source, "secret", null, "a full-access secret as well when readOnlySecret is set (else loopback clients would get full access without one)");
        }
        List<String> origins = Arrays.stream(string(properties, "allowedOrigins").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new InvalidConfigurationException(source, "allowedOrigins", origin, "origins written scheme://host[:port], separated by commas");
            }
        }
        int maxEvents = number(source, properties, "maxEvents", DEFAULTS.maxEvents(), 16);
        int maxMessage = number(source, properties, "maxMessageBytes", DEFAULTS.maxMessageBytes(), 1024);
        return new GatewaySettings(secret, readOnly, origins, maxEvents, maxMessage);
    }

    boolean hasSecret() {
        return !secret.isEmpty();
    }

    private static String string(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : String.valueOf(value).trim();
    }

    private static int number(String source, Map<String, ?> properties, String key, int fallback, int minimum) {
        String text = string(properties, key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InvalidConfigurationException(source, key, text, "a whole number of at least " + minimum);
    }
}
