package io.ifw.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may connect, decided at the WebSocket upgrade: the origin of a browser's page, then the
 * token. With a secret configured, its token gives full access and the read-only secret's token
 * read-only access; anything else is refused. Without a secret, only clients on this host
 * (loopback) are admitted, with full access.
 *
 * @param role    the role given, or {@code null} when refused
 * @param status  the HTTP status of a refusal (401 no or wrong token, 403 origin or address)
 * @param refusal why, for the client and the log
 */
record Admission(Role role, int status, String refusal) {

    static Admission decide(GatewaySettings settings, String token, boolean loopbackPeer, String origin, String host) {
        if (origin != null && !origin.isEmpty() && !sameOrigin(origin, host) && !settings.allowedOrigins().contains(origin)) {
            return refused(403, "origin " + origin + " is not allowed (a page of this server, or allowedOrigins: "
                    + (settings.allowedOrigins().isEmpty() ? "none" : String.join(", ", settings.allowedOrigins())) + ")");
        }
        if (!settings.hasSecret()) {
            return loopbackPeer ? new Admission(Role.FULL, 200, "")
                    : refused(403, "no secret is configured, so the gateway admits clients on its own host only");
        }
        if (token == null || token.isEmpty()) {
            return refused(401, "a token is required: ?token=SECRET or the header Authorization: Bearer SECRET");
        }
        if (matches(token, settings.secret())) {
            return new Admission(Role.FULL, 200, "");
        }
        if (!settings.readOnlySecret().isEmpty() && matches(token, settings.readOnlySecret())) {
            return new Admission(Role.READ_ONLY, 200, "");
        }
        return refused(401, "the token is not valid");
    }

    boolean admitted() {
        return role != null;
    }

    private static Admission refused(int status, String why) {
        return new Admission(null, status, why);
    }

    /** Whether a page's origin is this server: its host and port are the request's Host. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            if (authority == null) {
                return false;
            }
            if (authority.equalsIgnoreCase(host)) {
                return true;
            }
            // the default port may be written or left out on either side
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            String withPort = uri.getPort() < 0 ? authority + ":" + defaultPort : authority;
            String hostWithPort = host.contains(":") && !host.endsWith("]") ? host : host + ":" + defaultPort;
            return withPort.equalsIgnoreCase(hostWithPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Compares in constant time, so the time taken tells nothing about the secret. */
    private static boolean matches(String given, String secret) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The token of a request: the {@code token} query parameter, else an {@code Authorization: Bearer} header. */
    static String token(String query, String authorization) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=")) {
                    return java.net.URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
