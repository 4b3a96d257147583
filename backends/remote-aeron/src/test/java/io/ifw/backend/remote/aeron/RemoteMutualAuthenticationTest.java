package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.BackendProperties;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both sides prove the secret: a client accepts no state from a server that did not prove, in
 * its Welcome, the secret the client proved — neither a server without secrets nor an impostor
 * that welcomes whatever proof it gets.
 */
class RemoteMutualAuthenticationTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    @Test
    void shouldConnectWhenBothProveTheSameSecret() {
        RemoteServer server = harness.server("aeron:ipc", "shared", "", 2_000);
        server.backendAdded(new ThermostatBackend(21.5, 20.0),
                RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        RemoteClient client = harness.client("honest", "aeron:ipc", "shared", "stay-bound");
        await(() -> client.state() == RemoteClient.State.CONNECTED, "the client connected");
        assertThat(harness.thermostat("honest").feature().zone("Front").target().get()).isEqualTo(21.5);
    }

    @Test
    void shouldNotTrustAServerThatProvesNoSecretWhenTheClientHasOne() {
        RemoteServer server = harness.server("aeron:ipc"); // no secrets: it welcomes any proof, and proves nothing
        server.backendAdded(new ThermostatBackend(21.5, 20.0),
                RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        RemoteClient client = harness.client("careful", "aeron:ipc", "shared", "stay-bound");
        await(() -> client.state() == RemoteClient.State.REFUSED, "the client refuses the server");
        assertThat(client.report().detail()).isEqualTo("server 'test' was not trusted: the server did not prove the secret"
                + " (a server without it, or one that speaks for another)");
        assertThat(harness.registrations).as("nothing taken from it").isEmpty();
    }

    @Test
    void shouldTakeNothingFromAnImpostorThatWelcomesAnyProof() throws Exception {
        AtomicInteger welcomes = new AtomicInteger();
        RemoteClient client = harness.client("victim", "aeron:ipc", "shared", "stay-bound"); // it starts the media driver
        await(() -> java.nio.file.Files.exists(java.nio.file.Path.of(harness.aeronDirectory, "cnc.dat")), "the client's media driver");
        try (Impostor impostor = new Impostor(harness.aeronDirectory, welcomes)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.state() != RemoteClient.State.REFUSED && System.nanoTime() < deadline) {
                impostor.poll();
                Thread.sleep(1);
            }
            for (int i = 0; i < 100; i++) { // what it sends after its Welcome: an Offer and values
                impostor.poll();
                Thread.sleep(1);
            }
            assertThat(client.state()).as("after %d welcomes", welcomes.get()).isEqualTo(RemoteClient.State.REFUSED);
            assertThat(welcomes.get()).isPositive();
            assertThat(client.report().detail()).isEqualTo("server 'impostor' was not trusted: the server's proof of the secret is wrong"
                    + " (a server with another secret, or an impostor)");
            assertThat(client.report().features()).as("no offer taken").isEmpty();
            assertThat(harness.registrations).as("no backend registered").isEmpty();
        }
    }

    /**
     * A server that does not know the secret and welcomes every proof, proving a secret of its own,
     * then offers the thermostat and sends it values.
     */
    private static final class Impostor implements AutoCloseable {
        private final Aeron aeron;
        private final Subscription requests;
        private final Messages out = new Messages();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final AtomicInteger welcomes;
        private Publication answers;
        private byte[] clientNonce = new byte[0];
        private final byte[] nonce = new byte[32];
        private final FragmentAssembler handler = new FragmentAssembler(this::onFrame);

        Impostor(String aeronDirectory, AtomicInteger welcomes) {
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
            this.requests = aeron.addSubscription("aeron:ipc", 4100);
            this.welcomes = welcomes;
        }

        void poll() {
            requests.poll(handler, 10);
        }

        private void onFrame(org.agrona.DirectBuffer buffer, int offset, int length, io.aeron.logbuffer.Header frame) {
            header.wrap(buffer, offset);
            int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (header.templateId() == HelloDecoder.TEMPLATE_ID) {
                HelloDecoder hello = new HelloDecoder().wrap(buffer, body, header.blockLength(), header.version());
                long clientId = hello.clientId();
                int stream = hello.responseStreamId();
                String channel = hello.responseChannel();
                hello.clientName();
                clientNonce = new byte[hello.clientNonceLength()];
                hello.getClientNonce(clientNonce, 0, clientNonce.length);
                if (answers == null) {
                    answers = aeron.addPublication(channel, stream);
                    await(answers::isConnected, "the impostor reaches the client");
                }
                send(out.challenge(clientId, nonce));
            } else if (header.templateId() == ProofDecoder.TEMPLATE_ID) {
                ProofDecoder proof = new ProofDecoder().wrap(buffer, body, header.blockLength(), header.version());
                long clientId = proof.clientId();
                long sessionId = 4242;
                send(out.welcome(clientId, sessionId, 100, false, 1, "impostor",
                        Secrets.serverProof("not the secret", clientNonce, nonce, clientId, sessionId)));
                welcomes.incrementAndGet();
                FeatureModel model = FeatureModel.of(io.ifw.backend.remote.aeron.testing.Thermostat.class);
                send(out.offer(sessionId, List.of(new Messages.Offered(0, model.id(), model.fingerprint(), "production", "fake",
                        model.schemaText()))));
                out.payload.putByte(0, (byte) 1);
                out.payload.putDouble(1, 99.0, java.nio.ByteOrder.LITTLE_ENDIAN);
                send(out.update(0, 1, UpdateKind.VALUE, 0, "Front", 9));
            }
        }

        private void send(int length) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (answers.offer(out.buffer, 0, length) < 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            aeron.close();
        }
    }
}
