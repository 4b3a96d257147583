package io.ifw.backend.remote.aeron.client;

import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.spi.Globs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client's settings, checked: which server, how it answers, what it takes, how it proves
 * itself, and what it does when the server is lost.
 *
 * @param name                names the client in logs, {@code ifw:remote} and its backends' names
 * @param channel             the server's channel
 * @param streamId            the server's stream id
 * @param responseChannel     where the server answers this client; {@code aeron:ipc}, or a UDP endpoint of this host
 * @param features            feature ids (globs) to take from the server; {@code *} for all offered
 * @param secret              the shared secret; empty for none
 * @param heartbeatIntervalMs how often the client tells the server it is alive
 * @param suspectAfterMs      after how long without a word the server is suspect
 * @param livenessTimeoutMs   after how long without a word the server is lost
 * @param callTimeoutMs       how long a call waits for the server's answer
 * @param onLoss              what happens to the remote backends when the server is lost
 * @param ranking             the service ranking of the remote backends
 * @param transport           the media driver and channel settings
 * @param useFanout           hear the server's fan-out publication when it has one (else every change comes on the answer channel)
 */
public record ClientSettings(String name, String channel, int streamId, String responseChannel, List<String> features, String secret,
                      long heartbeatIntervalMs, long suspectAfterMs, long livenessTimeoutMs, long callTimeoutMs, OnLoss onLoss,
                      int ranking, TransportSettings transport, boolean useFanout) {

    /** What the remote backends do while the server is lost. */
    public enum OnLoss {
        /** Stay registered: values turn stale, writes and calls fail at once with NOT_CONNECTED. */
        STAY_BOUND,
        /** Unregister, so that discovery binds another backend (the simulator, say) until the server is back. */
        UNREGISTER
    }

    public ClientSettings {
        features = List.copyOf(features);
    }

    /** These settings, but every change on the answer channel even when the server has a fan-out publication. */
    public ClientSettings withoutFanout() {
        return new ClientSettings(name, channel, streamId, responseChannel, features, secret, heartbeatIntervalMs, suspectAfterMs,
                livenessTimeoutMs, callTimeoutMs, onLoss, ranking, transport, false);
    }

    boolean isUdp() {
        return channel.startsWith("aeron:udp");
    }

    boolean takes(String featureId) {
        for (String glob : features) {
            if (Globs.matches(glob, featureId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks and completes settings: a UDP client without a response channel is answered on an
     * ephemeral port of the address that reaches the server.
     *
     * @throws IllegalArgumentException naming every setting that is wrong
     */
    public static ClientSettings of(String name, String channel, int streamId, String responseChannel, List<String> features, String secret,
                             long heartbeatIntervalMs, long suspectAfterMs, long livenessTimeoutMs, long callTimeoutMs, String onLoss,
                             int ranking, TransportSettings transport) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            problems.add("name '" + name + "' is not letters, digits, '.', '_' or '-'");
        }
        int problemsBefore = problems.size();
        String server = Channels.withDefaultEndpoint(channel == null || channel.isBlank() ? Channels.DEFAULT_CHANNEL : channel.trim(),
                Channels.DEFAULT_UDP_ENDPOINT, problems);
        String response = responseChannel == null ? "" : responseChannel.trim();
        if (problems.size() == problemsBefore) {
            boolean udp = Channels.isUdp(server);
            if (response.isEmpty()) {
                response = udp ? "aeron:udp?endpoint=" + Channels.localAddressTowards(Channels.endpoint(server)) + ":0" : "aeron:ipc";
            } else {
                List<String> responseProblems = new ArrayList<>();
                response = Channels.withDefaultEndpoint(response, "127.0.0.1:0", responseProblems);
                responseProblems.forEach(p -> problems.add("responseChannel: " + p));
                if (responseProblems.isEmpty() && Channels.isUdp(response) != udp) {
                    problems.add("responseChannel '" + response + "' is not of the same media as channel '" + server + "'");
                }
            }
        }
        if (streamId == 0) {
            problems.add("streamId 0 is reserved; use another");
        }
        if (features.isEmpty()) {
            problems.add("features is empty: give feature ids or *");
        }
        if (heartbeatIntervalMs < 10) {
            problems.add("heartbeatIntervalMs " + heartbeatIntervalMs + " is below 10");
        }
        if (suspectAfterMs < heartbeatIntervalMs) {
            problems.add("suspectAfterMs " + suspectAfterMs + " is below heartbeatIntervalMs (" + heartbeatIntervalMs + ")");
        }
        if (livenessTimeoutMs <= suspectAfterMs) {
            problems.add("livenessTimeoutMs " + livenessTimeoutMs + " is not above suspectAfterMs (" + suspectAfterMs + ")");
        }
        if (callTimeoutMs < 1) {
            problems.add("callTimeoutMs " + callTimeoutMs + " is below 1");
        }
        OnLoss loss = null;
        try {
            loss = OnLoss.valueOf(onLoss.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add("onLoss '" + onLoss + "' is not stay-bound or unregister");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ClientSettings(name, server, streamId, response, features, secret == null ? "" : secret, heartbeatIntervalMs,
                suspectAfterMs, livenessTimeoutMs, callTimeoutMs, loss, ranking, transport, true);
    }
}
