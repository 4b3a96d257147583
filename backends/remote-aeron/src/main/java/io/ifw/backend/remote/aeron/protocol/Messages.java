package io.ifw.backend.remote.aeron.protocol;

import io.ifw.core.ErrorCode;
import io.ifw.core.ModelChange;
import io.ifw.remote.protocol.sbe.CallEncoder;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.ChallengeEncoder;
import io.ifw.remote.protocol.sbe.GoodbyeEncoder;
import io.ifw.remote.protocol.sbe.HeartbeatEncoder;
import io.ifw.remote.protocol.sbe.HelloEncoder;
import io.ifw.remote.protocol.sbe.MessageHeaderEncoder;
import io.ifw.remote.protocol.sbe.ModelChangedEncoder;
import io.ifw.remote.protocol.sbe.OfferEncoder;
import io.ifw.remote.protocol.sbe.ProofEncoder;
import io.ifw.remote.protocol.sbe.RefusedEncoder;
import io.ifw.remote.protocol.sbe.ResultEncoder;
import io.ifw.remote.protocol.sbe.SubscribeEncoder;
import io.ifw.remote.protocol.sbe.UpdateEncoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import io.ifw.remote.protocol.sbe.WelcomeEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * Encodes messages into a buffer of its own, with SBE's flyweights: one per thread that sends
 * (never shared without a lock). A payload is written into {@link #payload} first, then wrapped
 * by the envelope. Zone names are kept encoded, so a steady stream of updates allocates nothing.
 */
public final class Messages {

    private static final byte[] NO_BYTES = new byte[0];

    /** The encoded message after a call, from offset 0. */
    public final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(512);
    /** Where callers write a payload before wrapping it. */
    public final ExpandableDirectByteBuffer payload = new ExpandableDirectByteBuffer(512);

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final HelloEncoder hello = new HelloEncoder();
    private final ChallengeEncoder challenge = new ChallengeEncoder();
    private final ProofEncoder proof = new ProofEncoder();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final RefusedEncoder refused = new RefusedEncoder();
    private final OfferEncoder offer = new OfferEncoder();
    private final SubscribeEncoder subscribe = new SubscribeEncoder();
    private final UpdateEncoder update = new UpdateEncoder();
    private final ModelChangedEncoder modelChanged = new ModelChangedEncoder();
    private final CallEncoder call = new CallEncoder();
    private final ResultEncoder result = new ResultEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final GoodbyeEncoder goodbye = new GoodbyeEncoder();
    private final Map<String, byte[]> encodedZones = new HashMap<>();

    /** One offered feature, for {@link #offer}. */
    public record Offered(int featureIndex, String featureId, String fingerprint, String kind, String backendName, String schemaText) {
    }

    private static int length(int bodyLength) {
        return MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    private byte[] zoneBytes(String zone) {
        byte[] bytes = encodedZones.get(zone);
        if (bytes == null) {
            bytes = zone.getBytes(StandardCharsets.UTF_8);
            if (encodedZones.size() < 256) {
                encodedZones.put(zone, bytes);
            }
        }
        return bytes;
    }

    /** A Hello without a client nonce (a client that does not ask the server to prove the secret: tests). */
    public int hello(long clientId, int responseStreamId, String responseChannel, String clientName) {
        return hello(Frames.PROTOCOL_VERSION, clientId, responseStreamId, responseChannel, clientName, NO_BYTES);
    }

    /** A Hello with another protocol version (tests of the refusal). */
    public int hello(int protocolVersion, long clientId, int responseStreamId, String responseChannel, String clientName) {
        return hello(protocolVersion, clientId, responseStreamId, responseChannel, clientName, NO_BYTES);
    }

    /** A Hello with the nonce the server proves the secret over. */
    public int hello(int protocolVersion, long clientId, int responseStreamId, String responseChannel, String clientName, byte[] clientNonce) {
        hello.wrapAndApplyHeader(buffer, 0, header).protocolVersion(protocolVersion).clientId(clientId)
                .responseStreamId(responseStreamId).responseChannel(responseChannel).clientName(clientName)
                .putClientNonce(clientNonce, 0, clientNonce.length);
        return length(hello.encodedLength());
    }

    public int challenge(long clientId, byte[] nonce) {
        challenge.wrapAndApplyHeader(buffer, 0, header).clientId(clientId).putNonce(nonce, 0, nonce.length);
        return length(challenge.encodedLength());
    }

    public int proof(long clientId, byte[] hmac) {
        proof.wrapAndApplyHeader(buffer, 0, header).clientId(clientId).putHmac(hmac, 0, hmac.length);
        return length(proof.encodedLength());
    }

    /** A Welcome without a proof of the server's (a server without secrets, or an impostor: tests). */
    public int welcome(long clientId, long sessionId, long heartbeatIntervalMs, boolean readOnly, String serverName) {
        return welcome(clientId, sessionId, heartbeatIntervalMs, readOnly, 0, serverName, NO_BYTES);
    }

    public int welcome(long clientId, long sessionId, long heartbeatIntervalMs, boolean readOnly, long epoch, String serverName, byte[] serverProof) {
        return welcome(clientId, sessionId, heartbeatIntervalMs, readOnly, epoch, serverName, serverProof, "", 0, 0);
    }

    /**
     * A Welcome that names the server's fan-out publication: its channel (empty: none), stream
     * and Aeron session.
     */
    public int welcome(long clientId, long sessionId, long heartbeatIntervalMs, boolean readOnly, long epoch, String serverName, byte[] serverProof,
                       String fanoutChannel, int fanoutStreamId, int fanoutTransportSession) {
        welcome.wrapAndApplyHeader(buffer, 0, header).clientId(clientId).sessionId(sessionId)
                .heartbeatIntervalMs((int) heartbeatIntervalMs).readOnly((short) (readOnly ? 1 : 0)).epoch(epoch)
                .fanoutStreamId(fanoutStreamId).fanoutTransportSession(fanoutTransportSession).serverName(serverName)
                .putServerProof(serverProof, 0, serverProof.length).fanoutChannel(fanoutChannel);
        return length(welcome.encodedLength());
    }

    public int refused(long clientId, ErrorCode code, String reason) {
        refused.wrapAndApplyHeader(buffer, 0, header).clientId(clientId).errorCode(WireEnums.toWire(code)).reason(reason);
        return length(refused.encodedLength());
    }

    public int offer(long sessionId, List<Offered> features) {
        offer.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId);
        OfferEncoder.FeaturesEncoder group = offer.featuresCount(features.size());
        for (Offered feature : features) {
            group.next().featureIndex(feature.featureIndex()).featureId(feature.featureId()).fingerprint(feature.fingerprint())
                    .kind(feature.kind()).backendName(feature.backendName()).schemaText(feature.schemaText());
        }
        return length(offer.encodedLength());
    }

    public int subscribe(long sessionId, int featureIndex) {
        return subscribe(sessionId, featureIndex, -1, 0);
    }

    /**
     * A subscription that asks for the changes after {@code sinceSequence} of the change log
     * {@code sinceLog} (-1: a snapshot).
     */
    public int subscribe(long sessionId, int featureIndex, long sinceSequence, long sinceLog) {
        return subscribe(sessionId, featureIndex, sinceSequence, sinceLog, false);
    }

    /** A subscription, saying whether the client hears the server's fan-out publication (then the changes go there). */
    public int subscribe(long sessionId, int featureIndex, long sinceSequence, long sinceLog, boolean viaFanout) {
        subscribe.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId).featureIndex(featureIndex).sinceSequence(sinceSequence)
                .sinceLog(sinceLog).viaFanout((short) (viaFanout ? 1 : 0));
        return length(subscribe.encodedLength());
    }

    /** An update whose payload is the first {@code payloadLength} bytes of {@link #payload}. */
    public int update(int featureIndex, long sequence, UpdateKind kind, int member, String zone, int payloadLength) {
        byte[] zoneBytes = zoneBytes(zone);
        update.wrapAndApplyHeader(buffer, 0, header).featureIndex(featureIndex).sequence(sequence).kind(kind).member(member)
                .putZone(zoneBytes, 0, zoneBytes.length).putPayload(payload, 0, payloadLength);
        return length(update.encodedLength());
    }

    public int modelChanged(int featureIndex, long instance, ModelChange.Kind kind, int index, int count, int to) {
        modelChanged.wrapAndApplyHeader(buffer, 0, header).featureIndex(featureIndex).instance(instance).kind(WireEnums.toWire(kind))
                .index(index).count(count).to(to);
        return length(modelChanged.encodedLength());
    }

    /** A call whose payload is the first {@code payloadLength} bytes of {@link #payload}. */
    public int call(long sessionId, long correlationId, int featureIndex, CallKind kind, int member, int timeoutMs, long instance,
             String zone, int payloadLength) {
        byte[] zoneBytes = zoneBytes(zone);
        call.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId).correlationId(correlationId).featureIndex(featureIndex)
                .kind(kind).member(member).timeoutMs(timeoutMs).instance(instance).putZone(zoneBytes, 0, zoneBytes.length)
                .putPayload(payload, 0, payloadLength);
        return length(call.encodedLength());
    }

    /** A successful result whose payload is the first {@code payloadLength} bytes of {@link #payload}. */
    public int result(long correlationId, int payloadLength) {
        result.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).errorCode(io.ifw.remote.protocol.sbe.ErrorCode.NONE).message("")
                .putPayload(payload, 0, payloadLength);
        return length(result.encodedLength());
    }

    public int failure(long correlationId, ErrorCode code, String message) {
        result.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).errorCode(WireEnums.toWire(code)).message(message)
                .putPayload(payload, 0, 0);
        return length(result.encodedLength());
    }

    public int heartbeat(long sessionId, long timestampNs, long echoTimestampNs) {
        heartbeat.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId).timestampNs(timestampNs).echoTimestampNs(echoTimestampNs);
        return length(heartbeat.encodedLength());
    }

    public int goodbye(long sessionId, String reason) {
        goodbye.wrapAndApplyHeader(buffer, 0, header).sessionId(sessionId).reason(reason);
        return length(goodbye.encodedLength());
    }
}
