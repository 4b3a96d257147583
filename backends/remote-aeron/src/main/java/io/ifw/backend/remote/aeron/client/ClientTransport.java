package io.ifw.backend.remote.aeron.client;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ifw.backend.remote.aeron.transport.AeronLink;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.LinkOpener;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's Aeron side: the link to the media driver (opened off the agent, a driver launch
 * takes a while), its publication to the server and the subscription the server answers on, with
 * a random stream of its own and, on UDP, the port the driver bound. Client agent only, except
 * {@link #publication()}.
 */
final class ClientTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteClient.class.getName()); // the client's one log category
    private static final long RECONNECT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);

    /** What the client hears of its transport. */
    interface Listener {
        /** The link was lost (the media driver stopped); a new one is being opened. */
        void driverLost(long now);

        /** A new link is open: publication and answer subscription are in place. */
        void opened();

        /** Opening failed; it is retried. */
        void failed(String failure);
    }

    private final ClientSettings settings;
    private final String owner;
    private final Listener listener;
    private final LinkOpener<AeronLink> opener;
    private final SecureRandom random = new SecureRandom();
    private AeronLink link;
    private volatile Publication publication;
    private Subscription responses;
    /** The server's fan-out publication as this client hears it; {@code null} when there is none. */
    private Subscription fanout;
    private int fanoutTransportSession;
    private String responseChannel;
    private int responseStreamId;
    private long lastAttemptNs;
    private String lastFailure = "";

    ClientTransport(ClientSettings settings, String owner, Listener listener) {
        this.settings = settings;
        this.owner = owner;
        this.listener = listener;
        this.opener = LinkOpener.of("ifw-remote-client-" + settings.name() + "-driver", settings.transport(), owner);
    }

    boolean isOpen() {
        return link != null && !link.isClosed();
    }

    /** The publication to the server, or {@code null} while there is no link (any thread). */
    Publication publication() {
        return publication;
    }

    String responseChannel() {
        return responseChannel;
    }

    int responseStreamId() {
        return responseStreamId;
    }

    /** Runs the Aeron client's conductor duties; returns the work done. */
    int invoke() {
        return link.invoke();
    }

    /** Polls the server's answers. */
    int poll(FragmentHandler handler, int limit) {
        return responses.poll(handler, limit);
    }

    /**
     * Hears the server's fan-out publication: the channel of the server's Welcome, which is
     * multicast (heard as it is) or multi-destination-cast (heard on this client's answer address,
     * an ephemeral port, with the server's control address); only the publication of
     * {@code transportSession} is heard. Closes the one heard before.
     */
    void openFanout(String channel, int streamId, int transportSession) {
        closeFanout();
        io.aeron.ChannelUri uri = io.aeron.ChannelUri.parse(channel);
        String control = uri.get(io.aeron.CommonContext.MDC_CONTROL_PARAM_NAME);
        String heard = control == null ? channel
                : "aeron:udp?endpoint=" + Channels.host(Channels.endpoint(responseChannel)) + ":0|control=" + control;
        fanout = link.aeron().addSubscription(heard, streamId);
        fanoutTransportSession = transportSession;
    }

    /** Stops hearing the fan-out publication. */
    void closeFanout() {
        Subscription closing = fanout;
        fanout = null;
        fanoutTransportSession = 0;
        if (closing != null && link != null && !link.isClosed()) {
            closing.close();
        }
    }

    /** Whether the server's fan-out publication reaches this client now (its image is here). */
    boolean hearsFanout() {
        return fanout != null && fanout.imageBySessionId(fanoutTransportSession) != null;
    }

    /** The Aeron session of the fan-out publication heard, 0 for none. */
    int fanoutTransportSession() {
        return fanoutTransportSession;
    }

    /** Polls the fan-out publication. */
    int pollFanout(FragmentHandler handler, int limit) {
        return fanout == null ? 0 : fanout.poll(handler, limit);
    }

    /**
     * Opens the link without blocking the agent: an attempt runs on the link opener's thread,
     * and the agent takes the link when it is open.
     */
    int connect(long now) {
        if (!opener.opening()) {
            if (lastAttemptNs != 0 && now - lastAttemptNs < RECONNECT_INTERVAL_NS) {
                return 0;
            }
            lastAttemptNs = now;
            if (link != null) {
                listener.driverLost(now);
                closeLink();
            }
            opener.start();
            return 1;
        }
        try {
            AeronLink opened = opener.take();
            if (opened == null) {
                return 0;
            }
            link = opened;
            publication = link.aeron().addExclusivePublication(Channels.withTermLength(settings.channel(),
                    settings.transport().termLength()), settings.streamId());
            responseStreamId = 0x1000_0000 + random.nextInt(0x6FFF_FFFF);
            responses = link.aeron().addSubscription(settings.responseChannel(), responseStreamId);
            responseChannel = resolve(responses);
            lastFailure = "";
            listener.opened();
            return 1;
        } catch (RuntimeException e) {
            String failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                LOG.log(Level.WARNING, "IFW: " + owner + " cannot reach Aeron: " + failure + " (retrying)");
            }
            listener.failed(failure);
            closeLink();
            return 0;
        }
    }

    /** The answer channel with its real port, once the driver bound an ephemeral one. */
    private String resolve(Subscription subscription) {
        String channel = settings.responseChannel();
        if (!Channels.isUdp(channel) || Channels.port(Channels.endpoint(channel)) != 0) {
            return channel;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            link.invoke();
            String resolved = subscription.tryResolveChannelEndpointPort();
            if (resolved != null) {
                return resolved;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the media driver did not bind an answer port for " + channel);
    }

    /** Closes the link (agent); a new one is opened by the next {@link #connect}. */
    void closeLink() {
        publication = null;
        responses = null;
        fanout = null;
        fanoutTransportSession = 0;
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** Stops opening links (any thread, once the agent has stopped). */
    @Override
    public void close() {
        opener.close();
    }
}
