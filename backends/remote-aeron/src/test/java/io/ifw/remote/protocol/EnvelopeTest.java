package io.ifw.remote.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.CallEncoder;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderEncoder;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import io.ifw.remote.protocol.sbe.WelcomeEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

/** The SBE envelopes generated at build time from src/main/resources/sbe/ifw-protocol.xml. */
class EnvelopeTest {

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldRoundTripACallWithItsPayload() {
        CallEncoder encoder = new CallEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .sessionId(7).correlationId(42).featureIndex(3).kind(CallKind.SET).member(12).timeoutMs(30_000);
        encoder.zone("FrontLeft");
        encoder.putPayload(new byte[] {1, 0, 0, 0, 0, 0, 0, 54, 64}, 0, 9);
        int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        headerDecoder.wrap(buffer, 0);
        assertThat(headerDecoder.templateId()).isEqualTo(CallDecoder.TEMPLATE_ID);
        CallDecoder decoder = new CallDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertThat(decoder.sessionId()).isEqualTo(7);
        assertThat(decoder.correlationId()).isEqualTo(42);
        assertThat(decoder.kind()).isEqualTo(CallKind.SET);
        assertThat(decoder.member()).isEqualTo(12);
        assertThat(decoder.zone()).isEqualTo("FrontLeft");
        byte[] payload = new byte[decoder.payloadLength()];
        decoder.getPayload(payload, 0, payload.length);
        assertThat(payload).containsExactly(1, 0, 0, 0, 0, 0, 0, 54, 64);
        assertThat(MessageHeaderEncoder.ENCODED_LENGTH + decoder.encodedLength()).isEqualTo(length);
    }

    @Test
    void shouldCarryTheOfferedFeaturesInAWelcome() {
        WelcomeEncoder encoder = new WelcomeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
                .sessionId(9).heartbeatIntervalMs(500).readOnly((short) 0);
        WelcomeEncoder.FeaturesEncoder features = encoder.featuresCount(2);
        features.next().featureIndex(0).featureId("io.ifw.vehicle.ClimateControl").fingerprint("10cb0ee97b4c23fa").kind("production")
                .schemaText("feature io.ifw.vehicle.ClimateControl\n");
        features.next().featureIndex(1).featureId("io.ifw.media.AmFmTuner").fingerprint("69fea01aca18dc89").kind("simulation")
                .schemaText("feature io.ifw.media.AmFmTuner\n");

        headerDecoder.wrap(buffer, 0);
        WelcomeDecoder decoder = new WelcomeDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertThat(decoder.heartbeatIntervalMs()).isEqualTo(500);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (WelcomeDecoder.FeaturesDecoder feature : decoder.features()) {
            ids.add(feature.featureIndex() + ":" + feature.featureId() + ":" + feature.fingerprint() + ":" + feature.kind());
            feature.schemaText();
        }
        assertThat(ids).containsExactly("0:io.ifw.vehicle.ClimateControl:10cb0ee97b4c23fa:production",
                "1:io.ifw.media.AmFmTuner:69fea01aca18dc89:simulation");
    }
}
