package io.ifw.gateway;

/** What a client may do: everything, or read and watch only. */
enum Role {
    /** Reads, watches, writes, calls, switches backends, injects faults. */
    FULL("full"),
    /** Reads and watches; writes and calls are refused with PERMISSION_DENIED. */
    READ_ONLY("read-only");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the welcome message. */
    String wireName() {
        return wireName;
    }
}
