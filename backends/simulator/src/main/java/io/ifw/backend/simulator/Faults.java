package io.ifw.backend.simulator;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import java.util.HashMap;
import java.util.Map;

/**
 * Faults injected into a simulator, per member name: the next N writes or calls fail with a code,
 * or every answer comes after a delay. (An unavailable value is kept as availability on the
 * simulator itself.)
 */
final class Faults {

    private record Failure(int remaining, ErrorCode code) {
    }

    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Long> latencies = new HashMap<>();

    synchronized void failNext(String member, int count, ErrorCode code) {
        if (count <= 0) {
            failures.remove(member);
        } else {
            failures.put(member, new Failure(count, code));
        }
    }

    synchronized void latency(String member, long ms) {
        if (ms <= 0) {
            latencies.remove(member);
        } else {
            latencies.put(member, ms);
        }
    }

    synchronized void clear(String member) {
        failures.remove(member);
        latencies.remove(member);
    }

    /** The failure to answer the next request of {@code member} with, counting it; {@code null} for none. */
    synchronized FeatureException nextFailure(String featureId, String member) {
        Failure failure = failures.get(member);
        if (failure == null) {
            return null;
        }
        int left = failure.remaining() - 1;
        if (left == 0) {
            failures.remove(member);
        } else {
            failures.put(member, new Failure(left, failure.code()));
        }
        return new FeatureException(failure.code(), "simulated failure of " + member + " of " + featureId + " ("
                + left + " more to come)");
    }

    synchronized long latencyMs(String member) {
        return latencies.getOrDefault(member, 0L);
    }
}
