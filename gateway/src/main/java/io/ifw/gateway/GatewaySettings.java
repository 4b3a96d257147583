package io.ifw.gateway;

import io.ifw.core.spi.Configurations;
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
    static final GatewaySettings DEFAULTS = of(Map.of());

    /**
     * The keys of {@code io.ifw.gateway.cfg}, read by {@link Configurations#read}: a key it does
     * not know is logged with the nearest known one ({@code secrte} → {@code secret}), so that a
     * mistyped secret does not silently leave the gateway open.
     */
    @interface Config {
        String secret() default "";

        String readOnlySecret() default "";

        String allowedOrigins() default "";

        int maxEvents() default 10_000;

        int maxMessageBytes() default 65_536;
    }

    /** The settings of a configuration's properties; a bad value is named. */
    static GatewaySettings of(Map<String, ?> properties) {
        Config config = Configurations.read(Config.class, properties);
        String secret = config.secret().trim();
        String readOnly = config.readOnlySecret().trim();
        if (!secret.isEmpty() && secret.equals(readOnly)) {
            throw new InvalidConfigurationException(Configurations.source(properties), "readOnlySecret", "(hidden)",
                    "a token other than secret (one token cannot give two roles)");
        }
        if (secret.isEmpty() && !readOnly.isEmpty()) {
            throw new InvalidConfigurationException(Configurations.source(properties), "secret", null,
                    "a full-access secret as well when readOnlySecret is set (else loopback clients would get full access without one)");
        }
        List<String> origins = Arrays.stream(config.allowedOrigins().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new InvalidConfigurationException(Configurations.source(properties), "allowedOrigins", origin,
                        "origins written scheme://host[:port], separated by commas");
            }
        }
        Configurations.check(properties, "maxEvents", config.maxEvents() >= 16, "a whole number of at least 16");
        Configurations.check(properties, "maxMessageBytes", config.maxMessageBytes() >= 1024, "a whole number of at least 1024");
        return new GatewaySettings(secret, readOnly, origins, config.maxEvents(), config.maxMessageBytes());
    }

    boolean hasSecret() {
        return !secret.isEmpty();
    }
}
