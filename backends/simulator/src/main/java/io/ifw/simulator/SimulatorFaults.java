package io.ifw.simulator;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fault injection into a feature's simulator, for consoles and tools (the {@code ifw:fault}
 * command uses the same): a value made unavailable, the next writes or calls failed with an error
 * code, an answer delayed, and all of it cleared.
 */
@ProviderType
public interface SimulatorFaults {

    /** The kinds of fault {@link #inject} takes. */
    List<String> KINDS = List.of("unavailable", "available", "fail", "latency", "clear");

    /**
     * Injects a fault.
     *
     * @param featureId the feature
     * @param zone      the zone ({@code ""} for none); used by {@code unavailable} and {@code available}
     * @param member    the property or operation
     * @param kind      one of {@link #KINDS}
     * @param arguments {@code unavailable}: the reason's words; {@code fail}: COUNT and an
     *                  {@link io.ifw.core.ErrorCode} name; {@code latency}: milliseconds; else none
     * @return what is in force now, as one line
     * @throws io.ifw.core.FeatureException INVALID_ARGUMENT naming what was wrong: no simulator for
     *     the feature, an unknown member, kind, error code or a bad number
     */
    String inject(String featureId, String zone, String member, String kind, List<String> arguments);
}
