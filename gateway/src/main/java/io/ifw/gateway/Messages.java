package io.ifw.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.BackendInfo;
import io.ifw.core.FeatureStatus;

/** The JSON messages the gateway writes: their envelopes, and a feature's status and backends. */
final class Messages {

    /** The protocol's version, in the welcome message; it changes when a message changes incompatibly. */
    static final int PROTOCOL_VERSION = 1;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {
    }

    /** A message of {@code type}. */
    static ObjectNode object(String type) {
        ObjectNode node = JsonValues.JSON.objectNode();
        node.put("type", type);
        return node;
    }

    /** The answer to a request of {@code type} with {@code id}. */
    static ObjectNode reply(String type, JsonNode id) {
        ObjectNode node = object("reply");
        node.put("re", type);
        if (id != null) {
            node.set("id", id);
        }
        return node;
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + node.getNodeType() + " as JSON", e);
        }
    }

    static ObjectNode status(FeatureStatus status) {
        ObjectNode node = JsonValues.JSON.objectNode();
        node.put("feature", status.featureId());
        node.put("valid", status.valid());
        node.put("initialized", status.initialized());
        node.set("backend", status.backend() == null ? JsonValues.JSON.nullNode() : backend(status.backend()));
        node.put("discoveryMode", status.discoveryMode().name());
        node.put("discoveryResult", status.discoveryResult().name());
        ObjectNode connection = node.putObject("connection");
        connection.put("state", status.connection().state().name());
        connection.put("detail", status.connection().detail());
        if (status.error() == null) {
            node.putNull("error");
        } else {
            ObjectNode error = node.putObject("error");
            error.put("code", status.error().code().name());
            error.put("message", status.error().message());
        }
        node.put("swaps", status.swaps());
        node.put("lastChange", status.lastChange());
        return node;
    }

    static ObjectNode backend(BackendInfo info) {
        ObjectNode node = JsonValues.JSON.objectNode();
        node.put("name", info.name());
        node.put("kind", info.kind());
        node.put("remote", info.remote());
        node.put("ranking", info.ranking());
        return node;
    }
}
