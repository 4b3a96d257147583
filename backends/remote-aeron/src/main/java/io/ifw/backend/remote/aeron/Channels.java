package io.ifw.backend.remote.aeron;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Aeron channel URIs as IFW uses them. */
final class Channels {

    private Channels() {
    }

    /**
     * The channel, checked, with {@code defaultEndpoint} added to a UDP channel that has no
     * endpoint.
     */
    static String withDefaultEndpoint(String channel, String defaultEndpoint, List<String> problems) {
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
    static String withTermLength(String channel, int termLength) {
        ChannelUri uri = ChannelUri.parse(channel);
        if (uri.get(CommonContext.TERM_LENGTH_PARAM_NAME) == null) {
            uri.put(CommonContext.TERM_LENGTH_PARAM_NAME, Integer.toString(termLength));
        }
        return uri.toString();
    }

    static boolean isUdp(String channel) {
        return ChannelUri.parse(channel).isUdp();
    }

    /** The endpoint of a UDP channel ({@code host:port}), or {@code null}. */
    static String endpoint(String channel) {
        return ChannelUri.parse(channel).get(CommonContext.ENDPOINT_PARAM_NAME);
    }

    /** Whether a {@code host:port} endpoint is on this host only (a loopback address). */
    static boolean isLoopback(String endpoint) {
        try {
            return InetAddress.getByName(host(endpoint)).isLoopbackAddress();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String host(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int port(String endpoint) {
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
    static String localAddressTowards(String serverEndpoint) {
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
