package io.ifw.core.model;

import java.util.List;

/**
 * How a feature model compares with a peer's, member by member, by name.
 *
 * @param compatible      whether values and calls can be exchanged
 * @param conflicts       members whose kind or type differ, or that are required and missing,
 *                        e.g. {@code targetTemperature: property double here, property int there}
 * @param onlyHere        members the peer does not have (tolerated unless required)
 * @param onlyThere       members only the peer has (tolerated)
 */
public record CompatibilityReport(boolean compatible, List<String> conflicts, List<String> onlyHere, List<String> onlyThere) {

    public CompatibilityReport {
        conflicts = List.copyOf(conflicts);
        onlyHere = List.copyOf(onlyHere);
        onlyThere = List.copyOf(onlyThere);
    }

    /** One line for logs and status details. */
    public String summary() {
        if (conflicts.isEmpty() && onlyHere.isEmpty() && onlyThere.isEmpty()) {
            return "identical";
        }
        StringBuilder text = new StringBuilder(compatible ? "compatible" : "incompatible");
        if (!conflicts.isEmpty()) {
            text.append("; conflicts: ").append(String.join("; ", conflicts));
        }
        if (!onlyHere.isEmpty()) {
            text.append("; only here: ").append(String.join(", ", onlyHere));
        }
        if (!onlyThere.isEmpty()) {
            text.append("; only there: ").append(String.join(", ", onlyThere));
        }
        return text.toString();
    }
}
