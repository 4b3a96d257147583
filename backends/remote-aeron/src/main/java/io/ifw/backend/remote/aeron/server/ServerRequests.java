package io.ifw.backend.remote.aeron.server;

import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.protocol.ZoneNames;
import io.ifw.core.ErrorCode;
import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.GoodbyeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import io.ifw.remote.protocol.sbe.SubscribeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What clients send a server, decoded and routed: Hello and proofs to the handshakes,
 * subscriptions and calls to the exported features, heartbeats answered at once, goodbyes ending
 * the session. A frame that is malformed, of an unknown or another peer's session, or of a kind a
 * server does not take is dropped and counted with the peer named. Server thread only.
 */
final class ServerRequests {

    private final RemoteServer server;
    private final ServerSessions sessions;
    private final ServerHandshakes handshakes;
    private final Messages out;
    private final BadInput badInput;
    private final ServerSettings settings;
    private final ZoneNames zoneNames = new ZoneNames();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer zoneView = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final HelloDecoder hello = new HelloDecoder();
    private final ProofDecoder proof = new ProofDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final CallDecoder call = new CallDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final GoodbyeDecoder goodbye = new GoodbyeDecoder();

    ServerRequests(RemoteServer server, ServerSessions sessions, ServerHandshakes handshakes, Messages out, BadInput badInput) {
        this.server = server;
        this.sessions = sessions;
        this.handshakes = handshakes;
        this.out = out;
        this.badInput = badInput;
        this.settings = server.settings();
    }

    void onFragment(DirectBuffer buffer, int offset, int length, Header frameHeader) {
        int template = Frames.check(buffer, offset, length);
        if (template < 0) {
            badInput.dropped(server.peer(frameHeader), "malformed frame", Frames.reason(template));
            return;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        int block = header.blockLength();
        int version = header.version();
        int body = MessageHeaderDecoder.ENCODED_LENGTH;
        long now = System.nanoTime();
        try {
            switch (template) {
                case HelloDecoder.TEMPLATE_ID:
                    handshakes.onHello(hello.wrap(frame, body, block, version), frameHeader, server.aeron(), now);
                    break;
                case ProofDecoder.TEMPLATE_ID:
                    handshakes.onProof(proof.wrap(frame, body, block, version), frameHeader, now);
                    break;
                case SubscribeDecoder.TEMPLATE_ID:
                    subscribe.wrap(frame, body, block, version);
                    ServerSession subscriber = sessions.active(subscribe.sessionId(), frameHeader, now);
                    if (subscriber != null) {
                        onSubscribe(subscriber, subscribe.featureIndex(), subscribe.sinceSequence(), subscribe.sinceLog(),
                                subscribe.viaFanout() == 1 && server.fanout() != null);
                    }
                    break;
                case CallDecoder.TEMPLATE_ID:
                    call.wrap(frame, body, block, version);
                    ServerSession caller = sessions.active(call.sessionId(), frameHeader, now);
                    if (caller != null) {
                        onCall(caller);
                    }
                    break;
                case HeartbeatDecoder.TEMPLATE_ID:
                    heartbeat.wrap(frame, body, block, version);
                    ServerSession alive = sessions.active(heartbeat.sessionId(), frameHeader, now);
                    if (alive != null) {
                        // Answered at once, so that the client measures its round trip.
                        alive.offer(out.buffer, out.heartbeat(alive.sessionId, now, heartbeat.timestampNs()), now);
                    }
                    break;
                case io.ifw.remote.protocol.sbe.GoodbyeDecoder.TEMPLATE_ID:
                    goodbye.wrap(frame, body, block, version);
                    ServerSession leaving = sessions.active(goodbye.sessionId(), frameHeader, now);
                    if (leaving != null) {
                        sessions.endSession(leaving, "it said goodbye: " + goodbye.reason());
                    }
                    break;
                default:
                    badInput.dropped(server.peer(frameHeader), "message a server does not take", "template " + template);
            }
        } catch (RuntimeException e) {
            badInput.dropped(server.peer(frameHeader), "undecodable message", e.toString());
        }
    }

    private void onSubscribe(ServerSession session, int featureIndex, long sinceSequence, long sinceLog, boolean viaFanout) {
        ExportedFeature feature = featureIndex < server.exported().size() ? server.exported().get(featureIndex) : null;
        if (feature == null) {
            badInput.dropped(session.peer, "subscribe to an unknown feature", "feature index " + featureIndex);
            return;
        }
        ServerSession.Subscription subscription = session.subscriptions.computeIfAbsent(featureIndex,
                index -> new ServerSession.Subscription(session, feature));
        subscription.lastAttemptNs = 0;
        subscription.catchUpLog = sinceLog;
        subscription.catchUpFrom = sinceSequence;
        subscription.viaFanout = viaFanout;
        feature.addSubscriber(subscription);
    }

    private void onCall(ServerSession session) {
        int featureIndex = call.featureIndex();
        ExportedFeature feature = featureIndex < server.exported().size() ? server.exported().get(featureIndex) : null;
        call.wrapZone(zoneView);
        String zone = zoneNames.of(zoneView, 0, zoneView.capacity());
        if (feature == null) {
            long correlationId = call.correlationId();
            if (correlationId != 0) {
                session.offerOrQueue(out.buffer, out.failure(correlationId, ErrorCode.NO_BACKEND, "no feature of index " + featureIndex
                        + " on server '" + settings.name() + "'"), System.nanoTime());
            }
            return;
        }
        feature.call(session, call, zone, out);
    }
}
