package io.ifw.launcher;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import io.ifw.vehicle.ClimateControl;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * An impostor of an IFW server, for {@link MultiHostImpostorIT}: it listens where a client looks
 * for its server, speaks the protocol, but does not know the secret. It challenges every Hello,
 * welcomes every proof with a proof of a secret of its own, offers the climate control and sends
 * a value for it — and prints one line per Welcome, so that the test knows it was heard.
 *
 * <pre>java -cp TEST_CLASSPATH io.ifw.launcher.ImpostorServer AERON_DIR HOST:PORT</pre>
 */
public final class ImpostorServer {

    private final Aeron aeron;
    private final Messages out = new Messages();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final byte[] nonce = new byte[32];
    private Publication answers;
    private byte[] clientNonce = new byte[0];
    private int welcomes;

    private ImpostorServer(Aeron aeron) {
        this.aeron = aeron;
    }

    public static void main(String[] args) throws Exception {
        MediaDriver.Context driverContext = new MediaDriver.Context().aeronDirectoryName(args[0]).threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy()).dirDeleteOnStart(true).dirDeleteOnShutdown(true);
        try (MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             Subscription requests = aeron.addSubscription("aeron:udp?endpoint=" + args[1], 4100)) {
            ImpostorServer impostor = new ImpostorServer(aeron);
            FragmentAssembler handler = new FragmentAssembler(impostor::onFrame);
            System.out.println("impostor: listening on " + args[1]);
            BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (!Thread.currentThread().isInterrupted()) { // until killed
                idle.idle(requests.poll(handler, 10));
            }
        }
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
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!answers.isConnected() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            send(out.challenge(clientId, nonce));
        } else if (header.templateId() == ProofDecoder.TEMPLATE_ID) {
            ProofDecoder proof = new ProofDecoder().wrap(buffer, body, header.blockLength(), header.version());
            long clientId = proof.clientId();
            long sessionId = 4242;
            send(out.welcome(clientId, sessionId, 200, false, 1, "impostor",
                    Secrets.serverProof("not the secret", clientNonce, nonce, clientId, sessionId)));
            FeatureModel model = FeatureModel.of(ClimateControl.class);
            send(out.offer(sessionId, List.of(new Messages.Offered(0, model.id(), model.fingerprint(), "production", "climate-local",
                    model.schemaText()))));
            out.payload.putByte(0, (byte) 1);
            out.payload.putDouble(1, 29.5, ByteOrder.LITTLE_ENDIAN);
            send(out.update(0, 1, UpdateKind.VALUE, 0, "Rear", 9));
            System.out.println("impostor: welcomed client " + clientId + " (" + ++welcomes + ")");
        }
    }

    private void send(int length) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (answers != null && answers.offer(out.buffer, 0, length) < 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
