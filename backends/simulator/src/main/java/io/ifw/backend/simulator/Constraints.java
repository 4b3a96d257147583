package io.ifw.backend.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The constraint checks and texts of Qt's simulator, over a member's simulation data: the keys
 * {@code unsupported}, {@code minimum}, {@code maximum}, {@code range} and {@code domain}, each either
 * plain (every zone) or per zone, where {@code "="} is the zone-less value. A zone without data of
 * its own has no constraint for that key.
 *
 * <p>Precedence, as in Qt: unsupported, then the range ({@code range}, or {@code minimum} and / or
 * {@code maximum}), then the domain.
 */
final class Constraints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Constraints() {
    }

    /**
     * The value of {@code key} for {@code zone} ({@code null} for the zone-less view): a plain
     * value, or the zone's entry of a per-zone object; {@code null} when there is none.
     */
    static JsonNode forZone(JsonNode data, String key, String zone) {
        JsonNode value = data == null ? null : data.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (isPerZone(value)) {
            JsonNode entry = value.get(zone == null || zone.isEmpty() ? "=" : zone);
            return entry == null || entry.isNull() ? null : entry;
        }
        return value;
    }

    /** Whether a key's value is a per-zone object rather than a value (typed values carry "type"). */
    static boolean isPerZone(JsonNode value) {
        return value.isObject() && !value.has("type");
    }

    /** Whether {@code value} satisfies the member's constraints in {@code zone}. */
    static boolean check(JsonNode data, JsonNode value, String zone) {
        JsonNode unsupported = forZone(data, "unsupported", zone);
        if (unsupported != null && unsupported.asBoolean(false)) {
            return false;
        }
        Double minimum = lowerBound(data, zone);
        Double maximum = upperBound(data, zone);
        if ((minimum != null || maximum != null) && value.isNumber()) {
            double v = value.asDouble();
            if ((minimum != null && v < minimum) || (maximum != null && v > maximum)) {
                return false;
            }
        }
        JsonNode domain = forZone(data, "domain", zone);
        if (domain != null && domain.isArray()) {
            for (JsonNode allowed : domain) {
                if (allowed.equals(value) || (allowed.isNumber() && value.isNumber() && allowed.asDouble() == value.asDouble())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** The constraint as Qt's simulator writes it, or empty. */
    static String text(JsonNode data, String zone) {
        JsonNode unsupported = forZone(data, "unsupported", zone);
        if (unsupported != null && unsupported.asBoolean(false)) {
            return "unsupported";
        }
        Double minimum = lowerBound(data, zone);
        Double maximum = upperBound(data, zone);
        if (minimum != null && maximum != null) {
            return "[" + number(minimum) + "-" + number(maximum) + "]";
        }
        if (minimum != null) {
            return ">= " + number(minimum);
        }
        if (maximum != null) {
            return "<= " + number(maximum);
        }
        JsonNode domain = forZone(data, "domain", zone);
        if (domain != null && domain.isArray()) {
            try {
                return JSON.writeValueAsString(domain);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return "";
    }

    static Double lowerBound(JsonNode data, String zone) {
        JsonNode range = forZone(data, "range", zone);
        if (range != null && range.isArray() && range.size() == 2) {
            return range.get(0).asDouble();
        }
        JsonNode minimum = forZone(data, "minimum", zone);
        return minimum != null && minimum.isNumber() ? minimum.asDouble() : null;
    }

    static Double upperBound(JsonNode data, String zone) {
        JsonNode range = forZone(data, "range", zone);
        if (range != null && range.isArray() && range.size() == 2) {
            return range.get(1).asDouble();
        }
        JsonNode maximum = forZone(data, "maximum", zone);
        return maximum != null && maximum.isNumber() ? maximum.asDouble() : null;
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
