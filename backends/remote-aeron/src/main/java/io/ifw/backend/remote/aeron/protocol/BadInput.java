package io.ifw.backend.remote.aeron.protocol;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a receiver dropped: malformed, truncated, oversized or unknown frames, messages of a
 * session it does not know, replays of old sequence numbers. Each is counted by reason; the
 * first from each peer is logged, the rest only counted, so that a noisy peer cannot flood the
 * log. Thread-safe.
 */
public final class BadInput {

    private static final System.Logger LOG = System.getLogger(BadInput.class.getName());
    private static final int MAX_PEERS_REMEMBERED = 1024;

    private final String owner;
    private final AtomicLong total = new AtomicLong();
    private final Map<String, AtomicLong> byReason = new ConcurrentHashMap<>();
    private final Set<String> loggedPeers = ConcurrentHashMap.newKeySet();

    public BadInput(String owner) {
        this.owner = owner;
    }

    /**
     * Counts a dropped message under {@code kind} (a short, fixed text such as "malformed frame");
     * logs it with {@code detail} if it is the first from {@code peer}.
     */
    public void dropped(String peer, String kind, String detail) {
        total.incrementAndGet();
        byReason.computeIfAbsent(kind, r -> new AtomicLong()).incrementAndGet();
        if (loggedPeers.size() < MAX_PEERS_REMEMBERED && loggedPeers.add(peer)) {
            LOG.log(Level.WARNING, "IFW: " + owner + ": dropped a message from " + peer + ": " + kind
                    + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + " (further bad messages from this peer are only counted; see ifw:remote)");
        }
    }

    /** Counts a dropped message under {@code kind} without logging it (the caller said it in its own words). */
    public void counted(String kind) {
        total.incrementAndGet();
        byReason.computeIfAbsent(kind, r -> new AtomicLong()).incrementAndGet();
    }

    public long total() {
        return total.get();
    }

    /** Counts by reason, for {@code ifw:remote}. */
    public Map<String, Long> byReason() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        byReason.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }
}
