package io.ifw.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backend's state as it was journaled: the zones and the last value of every property per zone,
 * decoded for the recovering backend's model (members it does not have, or values it cannot read,
 * are left out and counted).
 *
 * @param source   where it came from, for logs (the journal's directory)
 * @param sequence the journal sequence of the last change included
 * @param zones    the zones, empty when the journal has none for the feature
 * @param values   per zone ({@code ""} for the zone-less view), member index to value
 * @param skipped  how many journaled values could not be used (unknown member, undecodable value)
 * @param logId    the backend's change log the journal read ({@link ChangeLog#logId()}); 0 when the journal did not say
 * @param change   the sequence in that log of the last change included: the recovered backend's log continues after it
 */
public record RecoveredState(String source, long sequence, List<String> zones, Map<String, Map<Integer, Object>> values, int skipped,
                             long logId, long change) {

    /** A state that names no change log: the backend's log starts a numbering of its own. */
    public RecoveredState(String source, long sequence, List<String> zones, Map<String, Map<Integer, Object>> values, int skipped) {
        this(source, sequence, zones, values, skipped, 0, 0);
    }

    public RecoveredState {
        Objects.requireNonNull(source, "source");
        zones = List.copyOf(zones);
        values = Map.copyOf(values);
    }

    /** How many values there are, over all zones. */
    public int valueCount() {
        return values.values().stream().mapToInt(Map::size).sum();
    }
}
