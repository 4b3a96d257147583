package io.ifw.backend.remote.aeron;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import java.util.concurrent.TimeUnit;
import org.agrona.DirectBuffer;

/**
 * A hand-made peer speaking the protocol frame by frame, for tests of what a well-behaved client
 * never does: stop reading, send garbage.
 */
final class RawPeer implements AutoCloseable {

    private final Aeron aeron;
    final Publication toServer;
    final Subscription fromServer;
    final Messages messages = new Messages();
    private final int responseStream;
    long sessionId;

    RawPeer(String aeronDirectory, String serverChannel, int streamId) {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectory));
        toServer = aeron.addPublication(serverChannel, streamId);
        responseStream = 0x7000_0000 + (int) (Math.random() * 1000);
        fromServer = aeron.addSubscription("aeron:ipc", responseStream);
        RemoteHarness.await(toServer::isConnected, "the raw peer reaches the server");
    }

    void send(DirectBuffer buffer, int length) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (toServer.offer(buffer, 0, length) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server does not take the raw peer's frames");
            }
            Thread.onSpinWait();
        }
    }

    int responseStream() {
        return responseStream;
    }

    /** Hello, proof without a secret, Welcome: a session, as a client without a secret gets over IPC; returns the client id. */
    long handshake(String name) {
        long clientId = System.nanoTime();
        send(messages.buffer, messages.hello(clientId, responseStream, "aeron:ipc", name));
        MessageHeaderDecoder header = new MessageHeaderDecoder();
        long[] session = {0};
        FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, frame) -> {
            header.wrap(buffer, offset);
            if (header.templateId() == ChallengeDecoder.TEMPLATE_ID) {
                send(messages.buffer, messages.proof(clientId, new byte[0]));
            } else if (header.templateId() == WelcomeDecoder.TEMPLATE_ID) {
                WelcomeDecoder welcome = new WelcomeDecoder().wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
                        header.blockLength(), header.version());
                session[0] = welcome.sessionId();
            }
        });
        RemoteHarness.await(() -> {
            fromServer.poll(handler, 10);
            return session[0] != 0;
        }, "the raw peer is welcomed");
        sessionId = session[0];
        return clientId;
    }

    /** Says Hello as client {@code clientId} and waits for the server's challenge to it. */
    void helloUntilChallenged(long clientId, String name) {
        send(messages.buffer, messages.hello(clientId, responseStream, "aeron:ipc", name));
        MessageHeaderDecoder header = new MessageHeaderDecoder();
        boolean[] challenged = {false};
        FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, frame) -> {
            header.wrap(buffer, offset);
            if (header.templateId() == ChallengeDecoder.TEMPLATE_ID && new ChallengeDecoder().wrap(buffer,
                    offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).clientId() == clientId) {
                challenged[0] = true;
            }
        });
        RemoteHarness.await(() -> {
            fromServer.poll(handler, 10);
            return challenged[0];
        }, "the server challenges client " + clientId);
    }

    private volatile boolean alive;

    /** Sends heartbeats from a thread of its own until closed, without reading anything. */
    void keepAlive() {
        alive = true;
        Thread beats = new Thread(() -> {
            Messages own = new Messages();
            while (alive) {
                toServer.offer(own.buffer, 0, own.heartbeat(sessionId, System.nanoTime(), 0));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "raw-peer-heartbeats");
        beats.setDaemon(true);
        beats.start();
    }

    @Override
    public void close() {
        alive = false;
        aeron.close();
    }
}
