package io.ifw.backend.remote.aeron.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The handshake's proofs of a shared secret, both ways. The client's: HMAC-SHA256, keyed with the
 * secret, over the server's 32-byte nonce and the client's id (8 bytes, little-endian). The
 * server's, in its Welcome: HMAC-SHA256, keyed with the secret the client proved, over the label
 * {@code "IFW server"}, the client's nonce, the server's nonce, the client id and the session id
 * (8 bytes each, little-endian) — so a server that does not know the secret cannot welcome a
 * client, and a Welcome of another handshake does not fit this one. The secret itself never
 * crosses the wire, and a proof is good for one pair of nonces only.
 */
public final class Secrets {

    private static final byte[] SERVER_LABEL = "IFW server".getBytes(StandardCharsets.US_ASCII);

    private Secrets() {
    }

    /** The proof of {@code secret} for a nonce and client id; empty without a secret. */
    public static byte[] proof(String secret, byte[] nonce, long clientId) {
        if (secret == null || secret.isEmpty()) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(nonce);
            mac.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, clientId));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * The server's proof of {@code secret} for a handshake; empty without a secret (a server without
     * secrets, on IPC only, has nothing to prove).
     */
    public static byte[] serverProof(String secret, byte[] clientNonce, byte[] serverNonce, long clientId, long sessionId) {
        if (secret == null || secret.isEmpty()) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(SERVER_LABEL);
            mac.update(clientNonce);
            mac.update(serverNonce);
            mac.update(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, clientId).putLong(8, sessionId));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * Why a client must not accept a server's Welcome, or {@code null} when the server proved
     * {@code secret} (or neither side has one).
     */
    public static String serverProofProblem(String secret, byte[] clientNonce, byte[] serverNonce, long clientId, long sessionId,
                                            byte[] proof) {
        if (secret == null || secret.isEmpty()) {
            return proof.length == 0 ? null : "the server proved a secret this client does not have";
        }
        if (proof.length == 0) {
            return "the server did not prove the secret (a server without it, or one that speaks for another)";
        }
        if (!MessageDigest.isEqual(serverProof(secret, clientNonce, serverNonce, clientId, sessionId), proof)) {
            return "the server's proof of the secret is wrong (a server with another secret, or an impostor)";
        }
        return null;
    }

    /**
     * Which role a proof earns.
     *
     * @return {@code false} for full access, {@code true} for read-only, {@code null} when the
     *     proof matches no secret (without any secret configured, every client gets full access)
     */
    public static Boolean role(String secret, String readOnlySecret, byte[] nonce, long clientId, byte[] proof) {
        if (secret.isEmpty() && readOnlySecret.isEmpty()) {
            return Boolean.FALSE;
        }
        if (!secret.isEmpty() && MessageDigest.isEqual(proof(secret, nonce, clientId), proof)) {
            return Boolean.FALSE;
        }
        if (!readOnlySecret.isEmpty() && MessageDigest.isEqual(proof(readOnlySecret, nonce, clientId), proof)) {
            return Boolean.TRUE;
        }
        return null;
    }
}
