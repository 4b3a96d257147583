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
 * @param fanoutChannel     the channel every change is sent on once, for all clients that hear it (UDP multicast or
 *                          multi-destination-cast); empty: each client is sent each change on its own answer channel
 * @param fanoutStreamId    the stream of {@code fanoutChannel}
 */
public record ServerSettings(String name, String channel, int streamId, List<String> features, String secret, String readOnlySecret,
                      long heartbeatIntervalMs, long livenessTimeoutMs, long maxClientLagMs, TransportSettings transport,
                      String fanoutChannel, int fanoutStreamId) {

    public ServerSettings {
        features = List.copyOf(features);
    }

    boolean hasFanout() {
        return !fanoutChannel.isEmpty();
    }

    /**
     * These settings with a fan-out publication: {@code channel} is UDP multicast
     * ({@code aeron:udp?endpoint=239.x.y.z:PORT|interface=SUBNET}) or multi-destination-cast
     * ({@code aeron:udp?control=HOST:PORT|control-mode=dynamic}); blank: none.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public ServerSettings withFanout(String channel, int streamId) {
        String fanout = channel == null ? "" : channel.trim();
        if (fanout.isEmpty()) {
            return this;
        }
        String problem = fanoutProblem(fanout, streamId);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new ServerSettings(name, this.channel, this.streamId, features, secret, readOnlySecret, heartbeatIntervalMs, livenessTimeoutMs,
                maxClientLagMs, transport, fanout, streamId);
    }

    private String fanoutProblem(String fanout, int fanoutStreamId) {
        if (!isUdp()) {
            return "fanoutChannel needs a UDP server: this server's channel is " + this.channel;
        }
        if (fanoutStreamId == 0) {
            return "fanoutStreamId 0 is reserved; use another";
        }
        io.aeron.ChannelUri uri;
        try {
            uri = io.aeron.ChannelUri.parse(fanout);
        } catch (RuntimeException e) {
            return "fanoutChannel '" + fanout + "' is not an Aeron channel: " + e.getMessage();
        }
        if (!uri.isUdp()) {
            return "fanoutChannel '" + fanout + "' is not aeron:udp";
        }
        String endpoint = uri.get(io.aeron.CommonContext.ENDPOINT_PARAM_NAME);
        String control = uri.get(io.aeron.CommonContext.MDC_CONTROL_PARAM_NAME);
        boolean dynamic = io.aeron.CommonContext.MDC_CONTROL_MODE_DYNAMIC.equals(uri.get(io.aeron.CommonContext.MDC_CONTROL_MODE_PARAM_NAME));
        if (control != null && dynamic && endpoint == null) {
            return null;
        }
        java.net.InetAddress group = endpoint == null || control != null ? null : resolve(Channels.host(endpoint));
        if (group != null && group.isMulticastAddress()) {
            byte[] address = group.getAddress();
            if ((address[address.length - 1] & 1) == 0) {
                return "fanoutChannel's multicast address " + Channels.host(endpoint) + " must be odd: Aeron sends its control messages to the "
                        + "address after it";
            }
            return null;
        }
        return "fanoutChannel '" + fanout + "' is neither UDP multicast (aeron:udp?endpoint=239.x.y.z:PORT|interface=SUBNET) nor "
                + "multi-destination-cast (aeron:udp?control=HOST:PORT|control-mode=dynamic)";
    }

    /** The address of {@code host}, or {@code null} when it cannot be resolved. */
    private static java.net.InetAddress resolve(String host) {
        try {
            return java.net.InetAddress.getByName(host);
        } catch (java.io.IOException e) {
            return null;
        }
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
                maxClientLagMs, transport, "", 0);
    }
}
