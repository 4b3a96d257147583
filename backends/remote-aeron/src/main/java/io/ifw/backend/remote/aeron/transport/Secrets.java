package io.ifw.backend.remote.aeron.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The handshake's proof of a shared secret: HMAC-SHA256, keyed with the secret, over the
 * server's 32-byte nonce and the client's id (8 bytes, little-endian). The secret itself never
 * crosses the wire, and a proof is good for one nonce only.
 */
public final class Secrets {

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
