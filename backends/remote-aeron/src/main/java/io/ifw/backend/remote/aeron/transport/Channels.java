package io.ifw.backend.remote.aeron.transport;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Aeron channel URIs as IFW uses them. */
public final class Channels {

    /** The channel a server listens on and a client calls when none is configured. */
    public static final String DEFAULT_CHANNEL = "aeron:ipc";
    /** The stream a server listens on when none is configured. */
    public static final int DEFAULT_STREAM_ID = 4100;
    /** The endpoint a UDP channel without one gets. */
    public static final String DEFAULT_UDP_ENDPOINT = "127.0.0.1:40456";

    private Channels() {
    }

    /**
     * The channel, checked, with {@code defaultEndpoint} added to a UDP channel that has no
     * endpoint.
     */
    public static String withDefaultEndpoint(String channel, String defaultEndpoint, List<String> problems) {
        ChannelUri uri;
        try {
            uri = ChannelUri.parse(channel);
        } catch (RuntimeException e) {
            problems.add("channel '" + channel + "' is not an Aeron channel: " + e.getMessage());
            return channel;
        }
        if (!uri.isUdp() && !uri.isIpc()) {
            problems.add("channel '" + channel + "' is neither aeron:ipc nor aeron:udp");
            return channel;
        }
        if (uri.isUdp() && uri.get(CommonContext.ENDPOINT_PARAM_NAME) == null) {
            uri.put(CommonContext.ENDPOINT_PARAM_NAME, defaultEndpoint);
        }
        return uri.toString();
    }

    /** The channel with a term length, for a publication IFW opens. */
    public static String withTermLength(String channel, int termLength) {
        ChannelUri uri = ChannelUri.parse(channel);
        if (uri.get(CommonContext.TERM_LENGTH_PARAM_NAME) == null) {
            uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(termLength));
        }
        return uri.toString();
    }

    public static boolean isUdp(String channel) {
        return ChannelUri.parse(channel).isUdp();
    }

    /** The endpoint of a UDP channel ({@code host:port}), or {@code null}. */
    public static String endpoint(String channel) {
        return ChannelUri.parse(channel).get(CommonContext.ENDPOINT_PARAM_NAME);
    }

    /** Whether a {@code host:port} endpoint is on this host only (a loopback address). */
    public static boolean isLoopback(String endpoint) {
        try {
            return InetAddress.getByName(host(endpoint)).isLoopbackAddress();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static String host(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public static int port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The address of this host that reaches {@code serverEndpoint}: where a client asks the
     * server to answer it when no response endpoint is configured. Loopback for a loopback server.
     */
    public static String localAddressTowards(String serverEndpoint) {
        String host = host(serverEndpoint);
        try {
            InetAddress server = InetAddress.getByName(host);
            if (server.isLoopbackAddress()) {
                return server.getHostAddress().contains(":") ? "[::1]" : "127.0.0.1";
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(server, Math.max(1, port(serverEndpoint))));
                InetAddress local = probe.getLocalAddress();
                String address = local.getHostAddress();
                return address.contains(":") ? "[" + address + "]" : address;
            }
        } catch (java.io.IOException e) {
            return "127.0.0.1";
        }
    }
}
