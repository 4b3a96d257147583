package io.ifw.backend.remote.aeron.client;

import io.aeron.logbuffer.Header;
import io.ifw.backend.remote.aeron.protocol.BadInput;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.WireEnums;
import io.ifw.backend.remote.aeron.protocol.ZoneNames;
import io.ifw.core.ErrorCode;
import io.ifw.core.ModelChange;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.GoodbyeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ModelChangedDecoder;
import io.ifw.remote.protocol.sbe.OfferDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.ResultDecoder;
import io.ifw.remote.protocol.sbe.UpdateDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the server sends a client, decoded and routed: handshake messages to the client, offers to
 * {@link ClientOffers}, updates and model changes to their feature, answers to the pending calls.
 * Until a server's challenge is answered only a challenge or a refusal is heard (from any
 * publication); from then on only the publication of the server this client answered. A frame
 * that is malformed, undecodable or of a kind a client does not take is dropped and counted.
 * Client agent only.
 */
final class ClientFrames {

    private final RemoteClient client;
    private final ClientOffers offers;
    private final PendingCalls pending;
    private final BadInput badInput;
    private final ClientSettings settings;
    private final ZoneNames zoneNames = new ZoneNames();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer zoneView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer payloadView = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ChallengeDecoder challenge = new ChallengeDecoder();
    private final WelcomeDecoder welcome = new WelcomeDecoder();
    private final RefusedDecoder refused = new RefusedDecoder();
    private final OfferDecoder offer = new OfferDecoder();
    private final UpdateDecoder update = new UpdateDecoder();
    private final ModelChangedDecoder modelChanged = new ModelChangedDecoder();
    private final ResultDecoder result = new ResultDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final GoodbyeDecoder goodbye = new GoodbyeDecoder();

    ClientFrames(RemoteClient client, ClientOffers offers, PendingCalls pending, BadInput badInput) {
        this.client = client;
        this.offers = offers;
        this.pending = pending;
        this.badInput = badInput;
        this.settings = client.settings();
    }

    void onFragment(DirectBuffer buffer, int offset, int length, Header frameHeader) {
        int template = Frames.check(buffer, offset, length);
        if (template < 0) {
            badInput.dropped(settings.channel(), "malformed frame", Frames.reason(template));
            return;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        // Until a server's challenge is answered, a challenge or a refusal may come from any
        // publication; from then on only the server this client answered is heard.
        boolean openToAnyServer = client.serverTransportSession() == 0
                && (template == ChallengeDecoder.TEMPLATE_ID || template == RefusedDecoder.TEMPLATE_ID);
        if (!openToAnyServer && frameHeader.sessionId() != client.serverTransportSession()) {
            badInput.dropped(settings.channel() + " (transport session " + frameHeader.sessionId() + ")",
                    "message from another publication than the server's", "template " + template);
            return;
        }
        int block = header.blockLength();
        int version = header.version();
        int body = MessageHeaderDecoder.ENCODED_LENGTH;
        long now = System.nanoTime();
        try {
            switch (template) {
                case UpdateDecoder.TEMPLATE_ID:
                    if (client.alive(now)) {
                        onUpdate(update.wrap(frame, body, block, version));
                    }
                    break;
                case ResultDecoder.TEMPLATE_ID:
                    if (client.alive(now)) {
                        onResult(result.wrap(frame, body, block, version));
                    }
                    break;
                case ModelChangedDecoder.TEMPLATE_ID:
                    if (client.alive(now)) {
                        onModelChanged(modelChanged.wrap(frame, body, block, version));
                    }
                    break;
                case HeartbeatDecoder.TEMPLATE_ID:
                    heartbeat.wrap(frame, body, block, version);
                    client.onHeartbeat(heartbeat.sessionId(), heartbeat.timestampNs(), heartbeat.echoTimestampNs(), now);
                    break;
                case ChallengeDecoder.TEMPLATE_ID:
                    client.onChallenge(challenge.wrap(frame, body, block, version), frameHeader.sessionId());
                    break;
                case WelcomeDecoder.TEMPLATE_ID:
                    client.onWelcome(welcome.wrap(frame, body, block, version), now);
                    break;
                case RefusedDecoder.TEMPLATE_ID:
                    client.onRefused(refused.wrap(frame, body, block, version), now);
                    break;
                case OfferDecoder.TEMPLATE_ID:
                    offer.wrap(frame, body, block, version);
                    if (offer.sessionId() == client.sessionId() && client.alive(now)) {
                        offers.onOffer(offer);
                    }
                    break;
                case GoodbyeDecoder.TEMPLATE_ID:
                    goodbye.wrap(frame, body, block, version);
                    if (goodbye.sessionId() == client.sessionId() && client.sessionId() != 0) {
                        client.lost("the server said goodbye: " + goodbye.reason(), now);
                    }
                    break;
                default:
                    badInput.dropped(settings.channel(), "message a client does not take", "template " + template);
            }
        } catch (RuntimeException e) {
            badInput.dropped(settings.channel(), "undecodable message", e.toString());
        }
    }

    /**
     * A frame of the server's fan-out publication: only updates, and only from the publication
     * the server's Welcome named; anything else is dropped and counted.
     */
    void onFanoutFragment(DirectBuffer buffer, int offset, int length, Header frameHeader) {
        int template = Frames.check(buffer, offset, length);
        if (template < 0) {
            badInput.dropped(settings.channel() + " (fan-out)", "malformed frame", Frames.reason(template));
            return;
        }
        if (frameHeader.sessionId() != client.fanoutTransportSession()) {
            badInput.dropped(settings.channel() + " (fan-out, transport session " + frameHeader.sessionId() + ")",
                    "message from another publication than the server's", "template " + template);
            return;
        }
        if (template != UpdateDecoder.TEMPLATE_ID) {
            badInput.dropped(settings.channel() + " (fan-out)", "message a fan-out does not carry", "template " + template);
            return;
        }
        frame.wrap(buffer, offset, length);
        header.wrap(frame, 0);
        try {
            if (client.alive(System.nanoTime())) {
                onUpdate(update.wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()), true);
            }
        } catch (RuntimeException e) {
            badInput.dropped(settings.channel() + " (fan-out)", "undecodable message", e.toString());
        }
    }

    private void onUpdate(UpdateDecoder message) {
        onUpdate(message, false);
    }

    private void onUpdate(UpdateDecoder message, boolean fromFanout) {
        int featureIndex = message.featureIndex();
        long sequence = message.sequence();
        UpdateKind kind = message.kind();
        int member = message.member();
        message.wrapZone(zoneView);
        String zone = zoneNames.of(zoneView, 0, zoneView.capacity());
        message.wrapPayload(payloadView);
        RemoteFeature feature = offers.feature(featureIndex);
        if (feature == null) {
            return; // a feature this client does not take (or an update racing a new offer)
        }
        String problem = feature.update(sequence, kind, member, zone, payloadView, 0, payloadView.capacity(), fromFanout);
        if (problem != null) {
            badInput.dropped(settings.channel() + " (" + feature.featureId + ")", "bad update", problem);
        }
    }

    private void onResult(ResultDecoder message) {
        long correlationId = message.correlationId();
        ErrorCode code = WireEnums.errorCode(message.errorCodeRaw());
        String text = message.message();
        message.wrapPayload(payloadView);
        // a late answer (its call timed out or was given up) is dropped and counted by the pending calls
        if (pending.answer(correlationId, code, text, payloadView) == PendingCalls.Unmatched.UNKNOWN) {
            badInput.dropped(settings.channel(), "answer to no call", "correlation id " + correlationId);
        }
    }

    private void onModelChanged(ModelChangedDecoder message) {
        int featureIndex = message.featureIndex();
        RemoteFeature feature = offers.feature(featureIndex);
        ModelChange.Kind kind = WireEnums.changeKind(message.kindRaw());
        if (feature == null || kind == null) {
            badInput.dropped(settings.channel(), "bad model change", "feature " + featureIndex + ", kind " + message.kindRaw());
            return;
        }
        feature.modelChanged(message.instance(), new ModelChange(kind, message.index(), message.count(), message.to()));
    }
}
