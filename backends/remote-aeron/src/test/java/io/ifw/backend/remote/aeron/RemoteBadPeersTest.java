package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteEndToEndTest.failureOf;
import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.protocol.Frames;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.core.spi.BackendProperties;
import io.ifw.remote.protocol.sbe.CallKind;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops reading, and a peer that sends random and mutated frames: neither hurts anyone else. */
class RemoteBadPeersTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    @Test
    void shouldCutOffAClientThatStopsReadingWithoutSlowingTheOthers() throws Exception {
        RemoteServer server = harness.server("aeron:ipc", "", "", 1_000);
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        harness.client("healthy", "aeron:ipc");
        Thermostat healthy = harness.thermostat("healthy").feature().zone("Front");
        RawPeer stalled = new RawPeer(harness.aeronDirectory, "aeron:ipc", 4100);
        harness.closeLater(stalled);
        stalled.handshake("stalled");
        stalled.send(stalled.messages.buffer, stalled.messages.subscribe(stalled.sessionId, 0));
        stalled.keepAlive();
        await(() -> server.report().clients().size() == 2, "both clients are connected");

        // Far more than the stalled client's window (half a 1 MiB term) while it reads nothing. Paced
        // so that the server sends each change (a burst beyond its change log would be conflated
        // into one snapshot, which is not what this is about).
        for (int i = 1; i <= 40_000; i++) {
            backend.measure("Front", i);
            if (i % 500 == 0) {
                long written = backend.changeLog().head();
                await(() -> server.report().features().get(0).sequence() >= written, "the server sent change " + written);
            }
        }

        await(() -> healthy.measured().get() == 40_000.0, "the healthy client gets every change");
        await(() -> server.report().clients().size() == 1, "the stalled client is cut off");
        assertThat(server.report().clients().get(0).client()).isEqualTo("healthy");
        assertThat(server.report().cutOff()).isEqualTo(1);
        assertThat(failureOf(healthy.target().set(25.0))).isNull();
    }

    @Test
    void shouldDropRandomAndMutatedFramesAndKeepServingEveryoneElse() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        harness.client("honest", "aeron:ipc");
        Thermostat honest = harness.thermostat("honest").feature().zone("Front");
        RawPeer attacker = new RawPeer(harness.aeronDirectory, "aeron:ipc", 4100);
        harness.closeLater(attacker);

        Messages messages = attacker.messages;
        long unknownSession = 0x5EED;
        messages.payload.putDouble(0, 29.0);
        List<IntSupplier> templates = List.of(
                () -> messages.call(unknownSession, 1, 0, CallKind.SET, 0, 1000, 0, "Front", 9),
                () -> messages.call(unknownSession, 2, 0, CallKind.INVOKE, 0, 1000, 0, "Front", 9),
                () -> messages.subscribe(unknownSession, 0),
                () -> messages.heartbeat(unknownSession, 1, 2),
                () -> messages.update(0, 5, UpdateKind.VALUE, 0, "Front", 9),
                () -> messages.goodbye(unknownSession, "bye"),
                () -> messages.proof(42, new byte[32]),
                () -> messages.hello(2, 42, 9, "aeron:udp?endpoint=10.1.2.3:9", "x"));
        Random random = new Random(731);
        UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        int sent = 0;
        while (System.nanoTime() < deadline) {
            int length;
            if (random.nextInt(4) == 0) {
                length = 1 + random.nextInt(200);
                for (int i = 0; i < length; i++) {
                    frame.putByte(i, (byte) random.nextInt(256));
                }
            } else {
                length = templates.get(random.nextInt(templates.size())).getAsInt();
                messages.buffer.getBytes(0, frame, 0, length);
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    frame.putByte(random.nextInt(length), (byte) random.nextInt(256));
                }
                if (random.nextInt(5) == 0) {
                    length = random.nextInt(length);
                }
            }
            if (length > 0) {
                attacker.send(frame, length);
                sent++;
            }
        }

        await(() -> server.badInput().total() > 0, "the server counts what it dropped");
        assertThat(sent).isGreaterThan(1000);
        assertThat(backend.target("Front")).isEqualTo(21.5);
        assertThat(backend.calibrationsInFlight()).isEmpty();
        assertThat(server.state()).isEqualTo(RemoteServer.State.LISTENING);
        assertThat(failureOf(honest.target().set(22.5))).isNull();
        assertThat(backend.target("Front")).isEqualTo(22.5);
        backend.measure("Front", 17.25);
        await(() -> honest.measured().get() == 17.25, "the honest client is still served");
        assertThat(server.report().clients()).extracting(RemoteReport.Session::client).containsExactly("honest");
        List<String> reasons = new ArrayList<>(server.badInput().byReason().keySet());
        assertThat(reasons).contains("malformed frame", "message of an unknown session");
    }

    @Test
    void shouldDropBadFramesSentToAClientAndStayInSyncWithTheServer() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        RemoteClient client = harness.client("victim", "aeron:ipc");
        Thermostat front = harness.thermostat("victim").feature().zone("Front");
        try (io.aeron.Aeron aeron = io.aeron.Aeron.connect(new io.aeron.Aeron.Context().aeronDirectoryName(harness.aeronDirectory))) {
            io.aeron.Publication toClient = aeron.addPublication("aeron:ipc", client.responseStreamId());
            await(toClient::isConnected, "the attacker reaches the client's stream");
            Messages messages = new Messages();
            messages.payload.putByte(0, (byte) 1);
            messages.payload.putDouble(1, 99.0, java.nio.ByteOrder.LITTLE_ENDIAN);
            List<IntSupplier> templates = List.of(
                    () -> messages.update(0, 1_000_000, UpdateKind.VALUE, 0, "Front", 9),
                    () -> messages.update(0, 1, UpdateKind.VALUE, 0, "Front", 9),
                    () -> messages.update(0, 7, UpdateKind.SNAPSHOT_END, -1, "", 0),
                    () -> messages.result(12345, 9),
                    () -> messages.modelChanged(0, 77, io.ifw.core.ModelChange.Kind.RESET, 0, 1, -1),
                    () -> messages.heartbeat(1, 2, 3),
                    () -> messages.welcome(1, 2, 100, false, "fake"));
            Random random = new Random(137);
            UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline) {
                int length = templates.get(random.nextInt(templates.size())).getAsInt();
                messages.buffer.getBytes(0, frame, 0, length);
                for (int i = random.nextInt(3); i > 0; i--) {
                    frame.putByte(random.nextInt(length), (byte) random.nextInt(256));
                }
                if (random.nextInt(4) == 0) {
                    length = random.nextInt(length);
                }
                if (length > 0) {
                    while (toClient.offer(frame, 0, length) == io.aeron.Publication.BACK_PRESSURED) {
                        Thread.onSpinWait();
                    }
                }
            }
        }

        await(() -> client.badInput().total() > 0, "the client counts what it dropped");
        backend.measure("Front", 16.75);
        await(() -> front.measured().get() == 16.75, "the client is still in sync");
        await(() -> front.target().get() == 21.5, "a value the attacker sent is replaced by the server's");
        assertThat(client.state()).isEqualTo(RemoteClient.State.CONNECTED);
        assertThat(failureOf(front.target().set(23.0))).isNull();
    }

    @Test
    void shouldDropAnAnswerFromAnotherPublicationThanTheServersCountingItApartFromLateAnswers() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        ThermostatBackend backend = new ThermostatBackend(21.5, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        RemoteClient client = harness.client("victim", "aeron:ipc");
        Thermostat front = harness.thermostat("victim").feature().zone("Front");
        await(() -> front.target().get() != null && front.target().get() == 21.5, "the client is in sync");
        try (io.aeron.Aeron aeron = io.aeron.Aeron.connect(new io.aeron.Aeron.Context().aeronDirectoryName(harness.aeronDirectory))) {
            io.aeron.Publication toClient = aeron.addPublication("aeron:ipc", client.responseStreamId());
            await(toClient::isConnected, "the forger reaches the client's stream");
            Messages messages = new Messages();
            int length = messages.result(987_654_321L, 0);
            while (toClient.offer(messages.buffer, 0, length) < 0) {
                Thread.onSpinWait();
            }
            await(() -> client.badInput().total() > 0, "the forged answer is dropped and counted");
        }

        // The client hears only the publication of the server whose Challenge it answered: a forger on
        // the same stream is not even read as an answer.
        assertThat(client.badInput().byReason()).containsExactly(java.util.Map.entry("message from another publication than the server's", 1L));
        assertThat(client.report().lateAnswersDropped()).as("not taken for a late answer").isZero();
        assertThat(failureOf(front.target().set(23.0))).as("real calls are answered on").isNull();
        assertThat(client.state()).isEqualTo(RemoteClient.State.CONNECTED);
    }

    @Test
    void shouldTakeAHelloRepeatedAfterTheProofForARepeatAndOpenNoSecondHandshake() throws Exception {
        RemoteServer server = harness.server("aeron:ipc");
        RawPeer peer = new RawPeer(harness.aeronDirectory, "aeron:ipc", 4100);
        harness.closeLater(peer);
        long clientId = peer.handshake("late-hello");
        assertThat(peer.fromServer.imageCount()).as("the server's publications to the peer").isEqualTo(1);

        // A client says Hello every 250 ms until it is answered; on a busy host one can leave after
        // its proof. Then a new handshake on the same publication: once the server challenges it,
        // it has read the repeat (a publication's frames are read in order).
        peer.send(peer.messages.buffer, peer.messages.hello(clientId, peer.responseStream(), "aeron:ipc", "late-hello"));
        peer.helloUntilChallenged(clientId + 1, "second");

        // one publication for the session, one for the second handshake: none for a handshake of the repeat
        assertThat(peer.fromServer.imageCount()).as("the server's publications to the peer").isEqualTo(2);
        assertThat(server.badInput().byReason()).isEmpty();
        assertThat(server.report().clients()).hasSize(1);
    }

    @Test
    void shouldRefuseAnotherProtocolVersionNamingBoth() throws Exception {
        harness.server("aeron:ipc");
        RawPeer peer = new RawPeer(harness.aeronDirectory, "aeron:ipc", 4100);
        harness.closeLater(peer);
        java.util.Map<Long, String> refusals = new java.util.concurrent.ConcurrentHashMap<>();
        io.ifw.remote.protocol.sbe.MessageHeaderDecoder header = new io.ifw.remote.protocol.sbe.MessageHeaderDecoder();

        // Like a real client, the peer says Hello again until it is answered: a Hello sent before the
        // server listens (its media driver is opened off its agent) is not heard. One Hello of a
        // future version, one laid out as version 2 wrote it (no client nonce): both are read and refused.
        long[] lastHello = {0};
        await(() -> {
            if (System.nanoTime() - lastHello[0] > java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250)) {
                lastHello[0] = System.nanoTime();
                peer.send(peer.messages.buffer, peer.messages.hello(Frames.PROTOCOL_VERSION + 1, 77, peer.responseStream(), "aeron:ipc", "future"));
                int length = peer.messages.hello(2, 78, peer.responseStream(), "aeron:ipc", "past");
                peer.messages.buffer.putShort(6, (short) 2, java.nio.ByteOrder.LITTLE_ENDIAN); // the schema version of the header
                peer.send(peer.messages.buffer, length - 4); // without the (empty) client nonce field version 3 added
            }
            peer.fromServer.poll((buffer, offset, length, frame) -> {
                header.wrap(buffer, offset);
                if (header.templateId() == io.ifw.remote.protocol.sbe.RefusedDecoder.TEMPLATE_ID) {
                    io.ifw.remote.protocol.sbe.RefusedDecoder refused = new io.ifw.remote.protocol.sbe.RefusedDecoder()
                            .wrap(buffer, offset + 8, header.blockLength(), header.version());
                    refusals.put(refused.clientId(), refused.errorCode() + ": " + refused.reason());
                }
            }, 10);
            return refusals.size() == 2;
        }, "the server refuses both Hellos");
        assertThat(refusals).containsEntry(77L, "INCOMPATIBLE: protocol version 4 is not spoken here (this server speaks 3)")
                .containsEntry(78L, "INCOMPATIBLE: protocol version 2 is not spoken here (this server speaks 3)");
    }

    @Test
    void shouldNotAnswerAUdpHelloOnAnotherHostThanTheSenders() throws Exception {
        String channel = RemoteEndToEndTest.channel("udp");
        RemoteServer server = harness.server(channel);
        try (io.aeron.Aeron aeron = io.aeron.Aeron.connect(new io.aeron.Aeron.Context().aeronDirectoryName(harness.aeronDirectory))) {
            io.aeron.Publication toServer = aeron.addPublication(channel, 4100);
            await(toServer::isConnected, "the peer reaches the server");
            Messages messages = new Messages();
            int length = messages.hello(5, 0x7000_0001, "aeron:udp?endpoint=10.20.30.40:40999", "reflector");
            while (toServer.offer(messages.buffer, 0, length) < 0) {
                Thread.onSpinWait();
            }
            await(() -> server.badInput().byReason().containsKey("Hello with an unusable answer channel"), "the Hello is dropped");
        }
        assertThat(server.report().clients()).isEmpty();
    }
}
