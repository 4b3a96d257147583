package io.ifw.backend.remote.aeron.protocol;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;

/**
 * Zone names read from frames without a new String each time: the few names a feature has are
 * kept and matched byte by byte. Not thread-safe: one per receiving thread.
 */
public final class ZoneNames {

    private static final int MAX_KEPT = 64;

    private final byte[][] bytes = new byte[MAX_KEPT][];
    private final String[] names = new String[MAX_KEPT];
    private int count;

    public ZoneNames() {
        bytes[0] = new byte[0];
        names[0] = "";
        count = 1;
    }

    /** The name in {@code length} bytes of {@code buffer} from {@code offset}. */
    public String of(DirectBuffer buffer, int offset, int length) {
        for (int i = 0; i < count; i++) {
            if (same(bytes[i], buffer, offset, length)) {
                return names[i];
            }
        }
        byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        String name = new String(copy, StandardCharsets.UTF_8);
        if (count < MAX_KEPT) {
            bytes[count] = copy;
            names[count] = name;
            count++;
        }
        return name;
    }

    private static boolean same(byte[] known, DirectBuffer buffer, int offset, int length) {
        if (known.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known[i] != buffer.getByte(offset + i)) {
                return false;
            }
        }
        return true;
    }
}
