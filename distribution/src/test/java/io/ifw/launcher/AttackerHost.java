package io.ifw.launcher;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.backend.remote.aeron.transport.Secrets;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A host that attacks an IFW server and one of its clients, for {@link MultiHostBadPeersIT}: with
 * a real media driver of its own, from its own address, it sends what a tap on the client's link
 * let it copy (the client's Hello, its proof, one of its heartbeats), messages with the client's
 * session id and with a guessed one, a frame that is no IFW message, a handshake of its own with a
 * guessed secret (one of whose proofs comes from a second publication) — and, to the client's
 * answer channel named in the copied Hello, a goodbye and an update with the client's session.
 * It prints one line per attack and "attacker: done" at the end, then waits to be killed.
 *
 * <pre>java -cp TEST_CLASSPATH io.ifw.launcher.AttackerHost AERON_DIR OWN_ADDRESS SERVER_HOST:PORT STREAM HELLO PROOF HEARTBEAT</pre>
 * (the last three as hex)
 */
public final class AttackerHost {

    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int ANSWER_PORT = 40510;
    private static final int ANSWER_STREAM = 4101;

    private final Aeron aeron;
    private final Messages out = new Messages();
    private final SecureRandom random = new SecureRandom();

    private AttackerHost(Aeron aeron) {
        this.aeron = aeron;
    }

    public static void main(String[] args) throws Exception {
        MediaDriver.Context driverContext = new MediaDriver.Context().aeronDirectoryName(args[0]).threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy()).dirDeleteOnStart(true).dirDeleteOnShutdown(true);
        try (MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()))) {
            HexFormat hex = HexFormat.of();
            new AttackerHost(aeron).attack(args[1], args[2], Integer.parseInt(args[3]), hex.parseHex(args[4]), hex.parseHex(args[5]),
                    hex.parseHex(args[6]));
            System.out.println("attacker: done");
            while (!Thread.currentThread().isInterrupted()) { // until killed: what it sent must be delivered
                Thread.sleep(1000);
            }
        }
    }

    private void attack(String ownAddress, String server, int streamId, byte[] hello, byte[] proof, byte[] heartbeat) throws Exception {
        String serverChannel = "aeron:udp?endpoint=" + server;
        HelloDecoder copiedHello = new HelloDecoder().wrapAndApplyHeader(new UnsafeBuffer(hello), 0, new MessageHeaderDecoder());
        long clientId = copiedHello.clientId();
        int clientAnswerStream = copiedHello.responseStreamId();
        String clientAnswerChannel = copiedHello.responseChannel();
        long sessionId = new HeartbeatDecoder().wrapAndApplyHeader(new UnsafeBuffer(heartbeat), 0, new MessageHeaderDecoder()).sessionId();
        System.out.println("attacker: the tap gave client " + clientId + ", session " + sessionId + ", answer channel " + clientAnswerChannel);

        // Nothing is closed: the process waits to be killed, so that all it sent is delivered.
        ExclusivePublication toServer = connected(serverChannel, streamId);
        ExclusivePublication secondToServer = connected(serverChannel, streamId);
        Subscription answers = aeron.addSubscription("aeron:udp?endpoint=" + ownAddress + ":" + ANSWER_PORT, ANSWER_STREAM);
        byte[] garbage = "this is no IFW message".getBytes(StandardCharsets.US_ASCII);
        send(toServer, new UnsafeBuffer(garbage), garbage.length, "a frame that is no IFW message");
        send(toServer, out.buffer, out.heartbeat(random.nextLong() | 1, System.nanoTime(), 0), "a heartbeat of a guessed session");
        send(toServer, new UnsafeBuffer(heartbeat), heartbeat.length, "the client's heartbeat, replayed");
        send(toServer, out.buffer, out.goodbye(sessionId, "the attacker ends your session"), "a goodbye with the client's session");
        send(toServer, new UnsafeBuffer(hello), hello.length, "the client's Hello, replayed");
        send(toServer, new UnsafeBuffer(proof), proof.length, "the client's proof, replayed");

        // A handshake of its own whose proof comes from another publication than its Hello (another
        // transport session), and one whose proof is of a guessed secret. Two handshakes, because
        // the server polls two publications in no fixed order.
        String ownAnswerChannel = "aeron:udp?endpoint=" + ownAddress + ":" + ANSWER_PORT;
        long firstClientId = random.nextLong() | 1;
        send(toServer, out.buffer, out.hello(3, firstClientId, ANSWER_STREAM, ownAnswerChannel, "attacker", nonce()), "a Hello of its own");
        byte[] challenge = awaitChallenge(answers, firstClientId);
        send(secondToServer, out.buffer, out.proof(firstClientId, Secrets.proof("a guessed secret", challenge, firstClientId)),
                "its proof from a second publication");
        long secondClientId = random.nextLong() | 1;
        send(toServer, out.buffer, out.hello(3, secondClientId, ANSWER_STREAM, ownAnswerChannel, "attacker", nonce()), "another Hello of its own");
        challenge = awaitChallenge(answers, secondClientId);
        send(toServer, out.buffer, out.proof(secondClientId, Secrets.proof("a guessed secret", challenge, secondClientId)),
                "a proof of a guessed secret");
        System.out.println("attacker: " + awaitRefusal(answers, secondClientId));

        ExclusivePublication toClient = connected(clientAnswerChannel, clientAnswerStream);
        send(toClient, out.buffer, out.goodbye(sessionId, "the attacker ends your session"), "a goodbye to the client");
        out.payload.putByte(0, (byte) 1);
        out.payload.putDouble(1, 29.5, ByteOrder.LITTLE_ENDIAN);
        send(toClient, out.buffer, out.update(0, Long.MAX_VALUE / 2, UpdateKind.VALUE, 0, "Rear", 9), "an update to the client");
    }

    private byte[] nonce() {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        return nonce;
    }

    private ExclusivePublication connected(String channel, int streamId) throws InterruptedException {
        ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId);
        long deadline = System.nanoTime() + WAIT_NS;
        while (!publication.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no receiver on " + channel + " stream " + streamId + " within 30 s");
            }
            Thread.sleep(10);
        }
        return publication;
    }

    private static void send(ExclusivePublication publication, DirectBuffer buffer, int length, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NS;
        while (publication.offer(buffer, 0, length) < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not send " + what + " within 30 s");
            }
            Thread.sleep(1);
        }
        System.out.println("attacker: sent " + what);
    }

    private static byte[] awaitChallenge(Subscription answers, long clientId) throws InterruptedException {
        byte[][] nonce = new byte[1][];
        FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, header) -> {
            MessageHeaderDecoder messageHeader = new MessageHeaderDecoder().wrap(buffer, offset);
            if (messageHeader.templateId() == ChallengeDecoder.TEMPLATE_ID) {
                ChallengeDecoder challenge = new ChallengeDecoder().wrapAndApplyHeader(buffer, offset, messageHeader);
                if (challenge.clientId() == clientId) {
                    nonce[0] = new byte[challenge.nonceLength()];
                    challenge.getNonce(nonce[0], 0, nonce[0].length);
                }
            }
        });
        long deadline = System.nanoTime() + WAIT_NS;
        while (nonce[0] == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no challenge within 30 s");
            }
            if (answers.poll(handler, 10) == 0) {
                Thread.sleep(1);
            }
        }
        return nonce[0];
    }

    private static String awaitRefusal(Subscription answers, long clientId) throws InterruptedException {
        String[] refusal = new String[1];
        FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, header) -> {
            MessageHeaderDecoder messageHeader = new MessageHeaderDecoder().wrap(buffer, offset);
            if (messageHeader.templateId() == RefusedDecoder.TEMPLATE_ID) {
                RefusedDecoder refused = new RefusedDecoder().wrapAndApplyHeader(buffer, offset, messageHeader);
                if (refused.clientId() == clientId) {
                    refusal[0] = "refused: " + refused.errorCode() + " " + refused.reason();
                }
            }
        });
        long deadline = System.nanoTime() + WAIT_NS;
        while (refusal[0] == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no refusal within 30 s");
            }
            if (answers.poll(handler, 10) == 0) {
                Thread.sleep(1);
            }
        }
        return refusal[0];
    }
}
