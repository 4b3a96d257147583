package io.ifw.backend.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifw.core.Attribute;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.ScalarType;
import io.ifw.core.model.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The simulation data of one feature, read from a file in the Qt Interface Framework's format and
 * checked against the feature's model: the zones, and per property its default, constraints and
 * support, each plain or per zone. Immutable.
 */
final class SimulationData {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KEYS = List.of("default", "minimum", "maximum", "range", "domain", "unsupported");

    private final FeatureModel model;
    private final List<String> zones;
    private final Map<String, JsonNode> members;
    private final Map<String, Map<String, Object>> defaults;
    private final Map<String, JsonNode> faults;
    private final Map<String, Object> modelItems;

    private SimulationData(FeatureModel model, List<String> zones, Map<String, JsonNode> members,
                           Map<String, Map<String, Object>> defaults, Map<String, JsonNode> faults, Map<String, Object> modelItems) {
        this.model = model;
        this.zones = List.copyOf(zones);
        this.members = Map.copyOf(members);
        this.defaults = defaults;
        this.faults = Map.copyOf(faults);
        this.modelItems = Map.copyOf(modelItems);
    }

    /** The items a paging model member starts with, or {@code null} when the data gives none. */
    @SuppressWarnings("unchecked")
    List<Object> modelItems(String member) {
        return (List<Object>) modelItems.get(member);
    }

    /** No data: the model's own zones and annotations. */
    static SimulationData none(FeatureModel model) {
        return new SimulationData(model, model.defaultZones(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * Reads {@code in} and takes the entry of {@code model}'s feature: the key that is its id, or
     * the trailing part of its id (as Qt finds an interface by its name).
     *
     * @throws SimulationDataException naming the file, the JSON path and the problem, also when the
     *     file has no entry for the feature
     */
    static SimulationData read(String file, InputStream in, FeatureModel model) throws SimulationDataException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SimulationDataException(file, where, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SimulationDataException(file, "", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SimulationDataException(file, "$", "the top level is an object of interfaces");
        }
        String key = entryFor(root, model.id());
        if (key == null) {
            List<String> interfaces = new ArrayList<>();
            root.fieldNames().forEachRemaining(interfaces::add);
            throw new SimulationDataException(file, "$", "no interface " + model.id() + " or "
                    + model.id().substring(model.id().lastIndexOf('.') + 1) + " (the file has: "
                    + (interfaces.isEmpty() ? "none" : String.join(", ", interfaces)) + ")");
        }
        return of(file, "$." + key, root.get(key), model);
    }

    private static String entryFor(JsonNode root, String featureId) {
        if (root.has(featureId)) {
            return featureId;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (featureId.endsWith("." + name)) {
                return name;
            }
        }
        return null;
    }

    private static SimulationData of(String file, String path, JsonNode node, FeatureModel model) throws SimulationDataException {
        if (!node.isObject()) {
            throw new SimulationDataException(file, path, "an interface entry is an object");
        }
        List<String> zones = new ArrayList<>(model.defaultZones());
        JsonNode zoneList = node.get("zones");
        if (zoneList != null) {
            if (!zoneList.isArray() || !allText(zoneList)) {
                throw new SimulationDataException(file, path + ".zones", "zones are an array of names");
            }
            zones.clear();
            zoneList.forEach(zone -> zones.add(zone.asText()));
        }
        Map<String, JsonNode> members = new HashMap<>();
        Map<String, Map<String, Object>> defaults = new HashMap<>();
        Map<String, JsonNode> faults = new HashMap<>();
        Map<String, Object> modelItems = new HashMap<>();
        ValueReader reader = new ValueReader(file);
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (name.equals("zones")) {
                continue;
            }
            String memberPath = path + "." + name;
            if (hasFaults(entry.getValue())) {
                checkFaults(file, memberPath, entry.getValue());
                faults.put(name, entry.getValue());
            }
            if (model.member(name) != null && !(model.member(name) instanceof PropertyMember) && onlyFaults(entry.getValue())) {
                continue; // an operation or signal may carry faults, nothing else
            }
            if (model.member(name) instanceof io.ifw.core.model.ModelMember modelMember) {
                JsonNode items = entry.getValue().get("default");
                if (items == null || !items.isArray()) {
                    throw new SimulationDataException(file, memberPath + ".default", "a paging model's default is an array of items");
                }
                modelItems.put(name, reader.read(items, new io.ifw.core.model.ListType(modelMember.type().item()), memberPath + ".default"));
                continue;
            }
            if (!(model.member(name) instanceof PropertyMember property)) {
                throw new SimulationDataException(file, memberPath, model.member(name) == null
                        ? "no member '" + name + "' in " + model.id() : "'" + name + "' is not a property of " + model.id());
            }
            checkConstraints(file, memberPath, entry.getValue(), property.type());
            members.put(name, entry.getValue());
            defaults.put(name, readDefaults(reader, memberPath + ".default", entry.getValue().get("default"), property));
        }
        return new SimulationData(model, zones, members, defaults, faults, modelItems);
    }

    static final String UNAVAILABLE = "ifw:unavailable";
    static final String FAIL_NEXT = "ifw:failNext";
    static final String LATENCY = "ifw:latencyMs";

    private static boolean hasFaults(JsonNode member) {
        return member.isObject() && (member.has(UNAVAILABLE) || member.has(FAIL_NEXT) || member.has(LATENCY));
    }

    private static boolean onlyFaults(JsonNode member) {
        for (Iterator<String> names = member.fieldNames(); names.hasNext(); ) {
            if (!names.next().startsWith("ifw:")) {
                return false;
            }
        }
        return true;
    }

    private static void checkFaults(String file, String path, JsonNode member) throws SimulationDataException {
        JsonNode fail = member.get(FAIL_NEXT);
        if (fail != null) {
            if (!fail.path("count").isInt() || !fail.path("code").isTextual()) {
                throw new SimulationDataException(file, path + "." + FAIL_NEXT, "is {\"count\": N, \"code\": \"ERROR_CODE\"}, not " + fail);
            }
            try {
                io.ifw.core.ErrorCode.valueOf(fail.get("code").asText());
            } catch (IllegalArgumentException e) {
                throw new SimulationDataException(file, path + "." + FAIL_NEXT + ".code", "unknown error code '" + fail.get("code").asText()
                        + "' (" + java.util.Arrays.toString(io.ifw.core.ErrorCode.values()) + ")");
            }
        }
        JsonNode latency = member.get(LATENCY);
        if (latency != null && !(latency.canConvertToLong() && latency.asLong() >= 0)) {
            throw new SimulationDataException(file, path + "." + LATENCY, "a latency is a number of ms, not " + latency);
        }
    }

    /** Applies the faults of the data to {@code simulator}. */
    void applyFaults(SimulatorBackend simulator) {
        for (Map.Entry<String, JsonNode> entry : faults.entrySet()) {
            String member = entry.getKey();
            JsonNode node = entry.getValue();
            JsonNode fail = node.get(FAIL_NEXT);
            if (fail != null) {
                simulator.failNext(member, fail.get("count").asInt(), io.ifw.core.ErrorCode.valueOf(fail.get("code").asText()));
            }
            if (node.has(LATENCY)) {
                simulator.latency(member, node.get(LATENCY).asLong());
            }
            JsonNode unavailable = node.get(UNAVAILABLE);
            if (unavailable != null && model.member(member) instanceof PropertyMember) {
                List<String> allZones = new ArrayList<>(List.of(""));
                allZones.addAll(simulator.zoneList());
                for (String zone : allZones) {
                    JsonNode reason = Constraints.forZone(node, UNAVAILABLE, zone.isEmpty() ? null : zone);
                    if (reason != null && reason.isTextual()) {
                        simulator.unavailable(member, zone, reason.asText());
                    }
                }
            }
        }
    }

    private static Map<String, Object> readDefaults(ValueReader reader, String path, JsonNode node, PropertyMember property)
            throws SimulationDataException {
        Map<String, Object> values = new HashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (Constraints.isPerZone(node)) {
            for (Iterator<Map.Entry<String, JsonNode>> zones = node.fields(); zones.hasNext(); ) {
                Map.Entry<String, JsonNode> zone = zones.next();
                values.put(zone.getKey().equals("=") ? "" : zone.getKey(),
                        reader.read(zone.getValue(), property.type(), path + "." + zone.getKey()));
            }
        } else {
            values.put("*", reader.read(node, property.type(), path));
        }
        return values;
    }

    private static void checkConstraints(String file, String path, JsonNode data, ValueType type) throws SimulationDataException {
        if (!data.isObject()) {
            throw new SimulationDataException(file, path, "a member entry is an object of " + KEYS);
        }
        for (String key : List.of("minimum", "maximum")) {
            for (JsonNode value : perZoneValues(data.get(key))) {
                if (!value.isNumber()) {
                    throw new SimulationDataException(file, path + "." + key, "a " + key + " is a number, not " + value);
                }
            }
        }
        for (JsonNode range : perZoneValues(data.get("range"))) {
            if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()) {
                throw new SimulationDataException(file, path + ".range", "a range has two numbers, not " + range);
            }
        }
        for (JsonNode domain : perZoneValues(data.get("domain"))) {
            if (!domain.isArray()) {
                throw new SimulationDataException(file, path + ".domain", "a domain is an array of values, not " + domain);
            }
        }
        if ((data.has("minimum") || data.has("maximum") || data.has("range")) && !(type instanceof ScalarType s && s.isNumeric())) {
            throw new SimulationDataException(file, path, "a range needs a numeric property, not " + type.displayName());
        }
    }

    private static List<JsonNode> perZoneValues(JsonNode value) {
        List<JsonNode> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (Constraints.isPerZone(value)) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        return values;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    List<String> zones() {
        return zones;
    }

    /** The default of {@code property} in {@code zone} ("" for zone-less), or {@code null}: the zone's own, else the plain one. */
    Object defaultValue(PropertyMember property, String zone) {
        Map<String, Object> values = defaults.get(property.name());
        if (values == null) {
            return property.defaultValue();
        }
        Object value = values.get(zone);
        return value != null ? value : values.getOrDefault("*", property.defaultValue());
    }

    /** The constraints of {@code property} in {@code zone}, from the data, else from the annotations. */
    Attribute<?> attribute(PropertyMember property, String zone) {
        JsonNode data = members.get(property.name());
        Attribute<Object> annotated = property.initialAttribute(zone);
        if (data == null) {
            return annotated;
        }
        String key = zone.isEmpty() ? null : zone;
        Attribute<Object> attribute = annotated;
        JsonNode unsupported = Constraints.forZone(data, "unsupported", key);
        if (unsupported != null) {
            attribute = attribute.withSupported(!unsupported.asBoolean(false));
        }
        Double min = Constraints.lowerBound(data, key);
        Double max = Constraints.upperBound(data, key);
        if (min != null || max != null) {
            attribute = attribute.withRange(min, max);
        }
        JsonNode domain = Constraints.forZone(data, "domain", key);
        if (domain != null && domain.isArray()) {
            List<Object> values = new ArrayList<>();
            for (JsonNode value : domain) {
                try {
                    values.add(new ValueReader("").read(value, property.type(), ""));
                } catch (SimulationDataException e) {
                    values.add(value.asText());
                }
            }
            attribute = attribute.withDomain(values);
        }
        return attribute;
    }

    FeatureModel model() {
        return model;
    }
}
