package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.spi.Globs;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's settings, checked: where it listens, what it exports, who may connect, and its
 * timeouts.
 *
 * @param name              names the server in logs and {@code ifw:remote}
 * @param channel           the Aeron channel clients send to ({@code aeron:ipc}, {@code aeron:udp?endpoint=HOST:PORT})
 * @param streamId          the stream id clients send to
 * @param features          feature ids (globs) to export; {@code *} for all
 * @param secret            the shared secret of full access; empty for none
 * @param readOnlySecret    the shared secret of read-only access; empty for none
 * @param heartbeatIntervalMs how often the server tells each client it is alive
 * @param livenessTimeoutMs after how long without a word a client is dropped
 * @param maxClientLagMs    how long a client may stay unable to take updates before it is cut off
 * @param transport         the media driver and channel settings
 */
public record ServerSettings(String name, String channel, int streamId, List<String> features, String secret, String readOnlySecret,
                      long heartbeatIntervalMs, long livenessTimeoutMs, long maxClientLagMs, TransportSettings transport) {

    public ServerSettings {
        features = List.copyOf(features);
    }

    boolean isUdp() {
        return channel.startsWith("aeron:udp");
    }

    boolean needsSecret() {
        return !secret.isEmpty() || !readOnlySecret.isEmpty();
    }

    /** Whether a feature id is exported by these settings. */
    boolean exports(String featureId) {
        for (String glob : features) {
            if (Globs.matches(glob, featureId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks and completes settings: an {@code aeron:udp} channel without an endpoint listens on
     * {@value #DEFAULT_UDP_ENDPOINT} (loopback only); UDP needs a secret.
     *
     * @throws IllegalArgumentException naming every setting that is wrong
     */
    public static ServerSettings of(String name, String channel, int streamId, List<String> features, String secret, String readOnlySecret,
                             long heartbeatIntervalMs, long livenessTimeoutMs, long maxClientLagMs, TransportSettings transport) {
        List<String> problems = new ArrayList<>();
        String resolved = Channels.withDefaultEndpoint(channel == null || channel.isBlank() ? Channels.DEFAULT_CHANNEL : channel.trim(),
                Channels.DEFAULT_UDP_ENDPOINT, problems);
        if (streamId == 0) {
            problems.add("streamId 0 is reserved; use another");
        }
        if (features.isEmpty()) {
            problems.add("features is empty: give feature ids or *");
        }
        String full = secret == null ? "" : secret;
        String readOnly = readOnlySecret == null ? "" : readOnlySecret;
        if (!full.isEmpty() && full.equals(readOnly)) {
            problems.add("secret and readOnlySecret are the same");
        }
        if (resolved.startsWith("aeron:udp") && full.isEmpty() && readOnly.isEmpty()) {
            problems.add("serving over UDP needs a secret: set 'secret' (and 'readOnlySecret' for read-only clients)");
        }
        if (heartbeatIntervalMs < 10) {
            problems.add("heartbeatIntervalMs " + heartbeatIntervalMs + " is below 10");
        }
        if (livenessTimeoutMs < 2 * heartbeatIntervalMs) {
            problems.add("livenessTimeoutMs " + livenessTimeoutMs + " is below twice heartbeatIntervalMs (" + heartbeatIntervalMs + ")");
        }
        if (maxClientLagMs < 1) {
            problems.add("maxClientLagMs " + maxClientLagMs + " is below 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ServerSettings(name, resolved, streamId, features, full, readOnly, heartbeatIntervalMs, livenessTimeoutMs,
                maxClientLagMs, transport);
    }
}
