package io.ifw.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelChange;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.query.QueryException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.util.promise.Promise;

/**
 * One client of the gateway: its role, its outbox, the features it subscribed to and the model
 * instances it opened. It reads the client's JSON messages and answers each (by its {@code id}),
 * with a reply or an error naming what was wrong; a bad message never closes the connection.
 */
final class Connection {

    /** The message types a client may send, as the error for an unknown one lists them. */
    static final List<String> TYPES = List.of("features", "describe", "subscribe", "unsubscribe", "get", "set", "call", "backends",
            "use", "fault", "openModel", "fetch", "closeModel", "insert", "remove", "move", "ping");

    /** Types that change something: refused with PERMISSION_DENIED on a read-only connection. */
    private static final Set<String> WRITES = Set.of("set", "call", "use", "fault", "insert", "remove", "move");

    private static final AtomicLong NEXT_MODEL = new AtomicLong();

    private final Gateway gateway;
    private final ClientChannel channel;
    private final Role role;
    private final Outbox outbox;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<String, OpenModel> models = new ConcurrentHashMap<>();

    /** A model instance this client opened, with its member (for the item type of inserts). */
    private record OpenModel(ModelInstance<Object> instance, ModelMember member, String where) {
    }
    private volatile boolean closed;

    Connection(Gateway gateway, ClientChannel channel, Role role, int maxEvents) {
        this.gateway = gateway;
        this.channel = channel;
        this.role = role;
        this.outbox = new Outbox(channel, maxEvents, reason -> gateway.cutOff(this, reason));
    }

    Role role() {
        return role;
    }

    Outbox outbox() {
        return outbox;
    }

    String peer() {
        return channel.peer();
    }

    /** Says hello: the protocol version and the client's role. */
    void welcome() {
        ObjectNode welcome = Messages.object("welcome");
        welcome.put("protocol", Messages.PROTOCOL_VERSION);
        welcome.put("role", role.wireName());
        welcome.put("maxEvents", gateway.settings().maxEvents());
        outbox.event(Messages.text(welcome));
    }

    /** Handles one text message from the client. */
    void received(String text) {
        JsonNode message;
        try {
            message = Messages.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            error(null, null, ErrorCode.INVALID_ARGUMENT, "bad JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr(), null);
            return;
        }
        if (message == null || !message.isObject()) {
            error(null, null, ErrorCode.INVALID_ARGUMENT, "a message is a JSON object with a \"type\", not " + "'" + JsonValues.abbreviate(text) + "'", null);
            return;
        }
        JsonNode id = message.get("id");
        JsonNode typeNode = message.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            error(id, null, ErrorCode.INVALID_ARGUMENT, "the message has no \"type\" (types: " + String.join(", ", TYPES) + ")", null);
            return;
        }
        String type = typeNode.textValue();
        if (!TYPES.contains(type)) {
            error(id, type, ErrorCode.INVALID_ARGUMENT, "unknown message type '" + type + "' (types: " + String.join(", ", TYPES) + ")", null);
            return;
        }
        if (WRITES.contains(type) && role != Role.FULL) {
            error(id, type, ErrorCode.PERMISSION_DENIED, "read-only access: '" + type + "' needs the full-access secret", null);
            return;
        }
        try {
            handle(type, id, message);
        } catch (FeatureException e) {
            error(id, type, e.code(), e.getMessage(), null);
        } catch (QueryException e) {
            error(id, type, ErrorCode.INVALID_ARGUMENT, "bad query: " + e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            error(id, type, ErrorCode.INVALID_ARGUMENT, e.getMessage(), null);
        } catch (RuntimeException e) {
            gateway.log().log(System.Logger.Level.WARNING, "IFW gateway: '" + type + "' from " + peer() + " failed: " + e, e);
            error(id, type, ErrorCode.UNKNOWN, e.toString(), null);
        }
    }

    /** A binary message: not understood, answered with an error; the connection stays up. */
    void binaryReceived(int length) {
        error(null, null, ErrorCode.INVALID_ARGUMENT, "a binary message (" + length + " bytes) is not understood: send JSON as text", null);
    }

    private void handle(String type, JsonNode id, JsonNode message) {
        switch (type) {
            case "ping" -> reply(type, Messages.reply(type, id));
            case "features" -> {
                ObjectNode reply = Messages.reply(type, id);
                reply.set("features", gateway.featuresJson());
                reply(type, reply);
            }
            case "describe" -> {
                String featureId = text(message, "feature");
                ObjectNode reply = Messages.reply(type, id);
                reply.setAll(gateway.describe(featureId));
                reply(type, reply);
            }
            case "subscribe" -> subscribe(id, text(message, "feature"));
            case "unsubscribe" -> {
                String featureId = text(message, "feature");
                gateway.model(featureId);
                subscriptions.remove(featureId);
                gateway.unsubscribe(this, featureId);
                reply(type, Messages.reply(type, id).put("feature", featureId));
            }
            case "get" -> get(id, message);
            case "set" -> set(id, message);
            case "call" -> call(id, message);
            case "backends" -> {
                String featureId = text(message, "feature");
                ObjectNode reply = Messages.reply(type, id);
                reply.put("feature", featureId);
                reply.set("backends", gateway.backendsJson(featureId));
                reply(type, reply);
            }
            case "use" -> {
                String featureId = text(message, "feature");
                JsonNode backend = message.get("backend");
                if (backend == null || backend.isNull()) {
                    gateway.registry().useDiscovery(featureId);
                } else if (backend.isTextual()) {
                    gateway.registry().use(featureId, backend.textValue());
                } else {
                    throw JsonValues.invalid("use", "\"backend\" is a backend's name, or null for discovery, not " + backend);
                }
                ObjectNode reply = Messages.reply(type, id);
                reply.set("status", Messages.status(gateway.registry().status(featureId)));
                reply(type, reply);
            }
            case "fault" -> fault(id, message);
            case "openModel" -> openModel(id, message);
            case "fetch" -> fetch(id, message);
            case "closeModel" -> {
                String handle = text(message, "model");
                OpenModel open = models.remove(handle);
                if (open == null) {
                    throw unknownModel(handle);
                }
                open.instance().close();
                reply(type, Messages.reply(type, id).put("model", handle));
            }
            case "insert", "remove", "move" -> edit(type, id, message);
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    // ----- state -----

    private void subscribe(JsonNode id, String featureId) {
        FeatureModel model = gateway.model(featureId);
        // changes from now on reach the outbox; the state read after it is at least as new as any of them
        subscriptions.add(featureId);
        gateway.subscribe(this, featureId);
        ObjectNode reply = Messages.reply("subscribe", id);
        reply.put("feature", featureId);
        reply.set("status", Messages.status(gateway.registry().status(featureId)));
        List<String> zones = gateway.access().zones(featureId);
        ArrayNode zoneNames = reply.putArray("zones");
        zones.forEach(zoneNames::add);
        ObjectNode state = reply.putObject("state");
        state.set("", propertiesJson(model, featureId, ""));
        for (String zone : zones) {
            state.set(zone, propertiesJson(model, featureId, zone));
        }
        reply("subscribe", reply);
    }

    private ObjectNode propertiesJson(FeatureModel model, String featureId, String zone) {
        ObjectNode values = JsonValues.JSON.objectNode();
        for (PropertyMember property : model.properties()) {
            values.set(property.name(), propertyJson(featureId, property, zone));
        }
        return values;
    }

    private ObjectNode propertyJson(String featureId, PropertyMember property, String zone) {
        ObjectNode node = JsonValues.JSON.objectNode();
        node.set("value", JsonValues.toJson(property.type(), gateway.access().value(featureId, property, zone)));
        var availability = gateway.access().availability(featureId, property, zone);
        node.put("availability", availability.state().name());
        node.put("reason", availability.reason());
        node.setAll(JsonValues.attribute(property.type(), gateway.access().attribute(featureId, property, zone)));
        return node;
    }

    private void get(JsonNode id, JsonNode message) {
        String featureId = text(message, "feature");
        FeatureModel model = gateway.model(featureId);
        String zone = zone(featureId, message);
        ObjectNode reply = Messages.reply("get", id);
        reply.put("feature", featureId);
        reply.put("zone", zone);
        JsonNode property = message.get("property");
        if (property == null || property.isNull()) {
            reply.set("values", propertiesJson(model, featureId, zone));
        } else {
            PropertyMember member = model.property(textValue(property, "property"));
            reply.put("property", member.name());
            reply.setAll(propertyJson(featureId, member, zone));
        }
        reply("get", reply);
    }

    private void set(JsonNode id, JsonNode message) {
        String featureId = text(message, "feature");
        FeatureModel model = gateway.model(featureId);
        String zone = zone(featureId, message);
        PropertyMember property = model.property(text(message, "property"));
        if (property.readOnly()) {
            throw new FeatureException(ErrorCode.INVALID_OPERATION, featureId + "." + property.name() + " is read-only");
        }
        Object value = JsonValues.fromJson(property.type(), message.get("value"), model.featureInterface().getSimpleName() + "."
                + property.name());
        Promise<Void> written = withTimeout(message, () -> gateway.access().set(featureId, property, zone, value));
        written.onResolve(() -> answer(id, "set", written, (reply, result) -> {
            reply.put("feature", featureId);
            reply.put("zone", zone);
            reply.put("property", property.name());
        }, () -> gateway.access().attribute(featureId, property, zone).constraintText()));
    }

    private void call(JsonNode id, JsonNode message) {
        String featureId = text(message, "feature");
        FeatureModel model = gateway.model(featureId);
        String zone = zone(featureId, message);
        OperationMember operation = model.operation(text(message, "operation"));
        Object[] arguments = arguments(model, operation, message.get("arguments"));
        Promise<Object> result = withTimeout(message, () -> gateway.access().invoke(featureId, operation, zone, arguments));
        result.onResolve(() -> answer(id, "call", result, (reply, value) -> {
            reply.put("feature", featureId);
            reply.put("operation", operation.name());
            reply.set("result", JsonValues.toJson(operation.result(), value));
        }, null));
    }

    private Object[] arguments(FeatureModel model, OperationMember operation, JsonNode json) {
        List<OperationMember.Parameter> parameters = operation.parameters();
        Object[] values = new Object[parameters.size()];
        String where = model.featureInterface().getSimpleName() + "." + operation.name();
        if (json == null || json.isNull()) {
            json = parameters.isEmpty() ? JsonValues.JSON.arrayNode() : null;
        }
        if (json != null && json.isArray()) {
            if (json.size() != parameters.size()) {
                throw JsonValues.invalid(where, operation.signature() + " takes " + parameters.size() + " argument(s), not " + json.size());
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = JsonValues.fromJson(parameters.get(i).type(), json.get(i), where + "(" + parameters.get(i).name() + ")");
            }
            return values;
        }
        if (json != null && json.isObject()) {
            for (int i = 0; i < values.length; i++) {
                OperationMember.Parameter parameter = parameters.get(i);
                values[i] = JsonValues.fromJson(parameter.type(), json.get(parameter.name()), where + "(" + parameter.name() + ")");
            }
            for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                    throw JsonValues.invalid(where, "unknown argument '" + name + "' (" + operation.signature() + ")");
                }
            }
            return values;
        }
        throw JsonValues.invalid(where, "\"arguments\" is an array or an object by parameter name (" + operation.signature() + ")");
    }

    private void fault(JsonNode id, JsonNode message) {
        String featureId = text(message, "feature");
        gateway.model(featureId);
        String zone = zone(featureId, message);
        List<String> arguments = new ArrayList<>();
        JsonNode given = message.get("arguments");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw JsonValues.invalid("fault", "\"arguments\" is an array of strings, not " + given);
            }
            given.forEach(argument -> arguments.add(argument.isTextual() ? argument.textValue() : argument.toString()));
        }
        String result = gateway.faults().inject(featureId, zone, text(message, "member"), text(message, "kind"), arguments);
        reply("fault", Messages.reply("fault", id).put("result", result));
    }

    // ----- paging models -----

    private void openModel(JsonNode id, JsonNode message) {
        String featureId = text(message, "feature");
        FeatureModel model = gateway.model(featureId);
        String zone = zone(featureId, message);
        String name = text(message, "model");
        if (!(model.member(name) instanceof ModelMember member)) {
            throw JsonValues.invalid(featureId, "no paging model '" + name + "' (models: "
                    + String.join(", ", model.models().stream().map(Member::name).toList()) + ")");
        }
        ModelOptions options = ModelOptions.DEFAULTS;
        JsonNode query = message.get("query");
        if (query != null && !query.isNull()) {
            options = options.withQuery(textValue(query, "query"));
        }
        JsonNode chunk = message.get("chunkSize");
        if (chunk != null) {
            if (!chunk.canConvertToInt() || chunk.intValue() < 1) {
                throw JsonValues.invalid("openModel", "\"chunkSize\" is a whole number of at least 1, not " + chunk);
            }
            options = options.withChunkSize(chunk.intValue());
        }
        JsonNode loading = message.get("loadingType");
        if (loading != null) {
            try {
                options = options.withLoadingType(ModelOptions.LoadingType.valueOf(textValue(loading, "loadingType")));
            } catch (IllegalArgumentException e) {
                throw JsonValues.invalid("openModel", "\"loadingType\" is FETCH_MORE or DATA_CHANGED, not " + loading);
            }
        }
        String handle = "m" + NEXT_MODEL.incrementAndGet();
        ModelInstance<Object> instance = gateway.access().openModel(featureId, member, zone, options);
        models.put(handle, new OpenModel(instance, member, model.featureInterface().getSimpleName() + "." + name));
        instance.onChange(change -> modelChanged(handle, instance, change));
        Promise<Void> ready = instance.ready();
        ready.onResolve(() -> answer(id, "openModel", ready, (reply, ignored) -> {
            reply.put("model", handle);
            reply.put("feature", featureId);
            reply.put("size", instance.size());
            reply.put("canFetchMore", instance.canFetchMore());
            ArrayNode capabilities = reply.putArray("capabilities");
            instance.capabilities().forEach(c -> capabilities.add(c.name()));
            reply.set("item", JsonValues.describe(member.type().item()));
        }, null));
        ready.onFailure(failure -> {
            models.remove(handle);
            instance.close();
        });
    }

    private void modelChanged(String handle, ModelInstance<Object> instance, ModelChange change) {
        ObjectNode event = Messages.object("modelChange");
        event.put("model", handle);
        event.put("kind", change.kind().name());
        event.put("index", change.index());
        event.put("count", change.count());
        event.put("to", change.to());
        event.put("size", instance.size());
        outbox.event(Messages.text(event));
    }

    private void fetch(JsonNode id, JsonNode message) {
        String handle = text(message, "model");
        OpenModel open = models.get(handle);
        if (open == null) {
            throw unknownModel(handle);
        }
        ModelInstance<Object> instance = open.instance();
        int start = wholeNumber(message, "start", 0);
        int count = wholeNumber(message, "count", 20);
        if (start < 0 || count < 1) {
            throw JsonValues.invalid("fetch", "\"start\" is 0 or more and \"count\" 1 or more, not " + start + " and " + count);
        }
        Promise<List<Object>> items = instance.fetch(start, count);
        items.onResolve(() -> answer(id, "fetch", items, (reply, list) -> {
            reply.put("model", handle);
            reply.put("start", start);
            reply.put("size", instance.size());
            reply.put("canFetchMore", instance.canFetchMore());
            ArrayNode array = reply.putArray("items");
            list.forEach(item -> array.add(JsonValues.toJson(item)));
        }, null));
    }

    private void edit(String type, JsonNode id, JsonNode message) {
        String handle = text(message, "model");
        OpenModel open = models.get(handle);
        if (open == null) {
            throw unknownModel(handle);
        }
        ModelInstance<Object> instance = open.instance();
        Promise<Void> done = switch (type) {
            case "insert" -> instance.insert(wholeNumber(message, "index", 0),
                    JsonValues.fromJson(open.member().type().item(), message.get("item"), open.where() + " item"));
            case "remove" -> instance.remove(wholeNumber(message, "index", -1));
            default -> instance.move(wholeNumber(message, "from", -1), wholeNumber(message, "to", -1));
        };
        done.onResolve(() -> answer(id, type, done, (reply, ignored) -> reply.put("model", handle), null));
    }

    private FeatureException unknownModel(String handle) {
        return new FeatureException(ErrorCode.INVALID_ARGUMENT, "no open model '" + handle + "' on this connection (open: "
                + String.join(", ", models.keySet()) + ")");
    }

    // ----- answers -----

    /** Sends a promise's outcome: a reply (filled by {@code fill}) or an error with its code, and the constraint for OUT_OF_RANGE. */
    private <T> void answer(JsonNode id, String type, Promise<T> promise, java.util.function.BiConsumer<ObjectNode, T> fill,
                            java.util.function.Supplier<String> constraint) {
        Throwable failure;
        try {
            failure = promise.getFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (failure == null) {
            ObjectNode reply = Messages.reply(type, id);
            try {
                fill.accept(reply, promise.getValue());
            } catch (InvocationTargetException | InterruptedException | RuntimeException e) {
                error(id, type, ErrorCode.UNKNOWN, "could not write the answer: " + e, null);
                return;
            }
            reply(type, reply);
            return;
        }
        if (failure instanceof FeatureException fe) {
            String text = fe.code() == ErrorCode.OUT_OF_RANGE || fe.code() == ErrorCode.UNSUPPORTED
                    ? constraint == null ? null : constraint.get() : null;
            error(id, type, fe.code(), fe.getMessage(), text);
        } else {
            error(id, type, ErrorCode.UNKNOWN, failure.toString(), null);
        }
    }

    private static <T> Promise<T> withTimeout(JsonNode message, java.util.function.Supplier<Promise<T>> call) {
        JsonNode timeout = message.get("timeoutMs");
        if (timeout == null || timeout.isNull()) {
            return call.get();
        }
        if (!timeout.canConvertToLong() || timeout.longValue() < 1) {
            throw JsonValues.invalid("timeoutMs", "a whole number of milliseconds of at least 1, not " + timeout);
        }
        return CallTimeout.within(Duration.ofMillis(timeout.longValue()), call);
    }

    private void reply(String type, ObjectNode reply) {
        outbox.event(Messages.text(reply));
    }

    private void error(JsonNode id, String type, ErrorCode code, String message, String constraint) {
        ObjectNode error = Messages.object("error");
        if (type != null) {
            error.put("re", type);
        }
        if (id != null) {
            error.set("id", id);
        }
        error.put("code", code.name());
        error.put("message", message == null ? code.name() : message);
        if (constraint != null && !constraint.isEmpty()) {
            error.put("constraint", constraint);
        }
        outbox.event(Messages.text(error));
    }

    // ----- reading fields -----

    private static String text(JsonNode message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            throw JsonValues.invalid(message.path("type").asText("message"), "\"" + field + "\" is missing");
        }
        return textValue(node, field);
    }

    private static String textValue(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw JsonValues.invalid(field, "a string, not " + node);
        }
        return node.textValue();
    }

    private static int wholeNumber(JsonNode message, String field, int fallback) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            if (fallback < 0) {
                throw JsonValues.invalid(message.path("type").asText("message"), "\"" + field + "\" is missing");
            }
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw JsonValues.invalid(field, "a whole number, not " + node);
        }
        return node.intValue();
    }

    /** The zone of a message: absent or "" for the zone-less view, else one of the feature's zones. */
    private String zone(String featureId, JsonNode message) {
        JsonNode node = message.get("zone");
        if (node == null || node.isNull()) {
            return "";
        }
        String zone = textValue(node, "zone");
        if (!zone.isEmpty() && !gateway.access().zones(featureId).contains(zone)) {
            throw new FeatureException(ErrorCode.INVALID_ZONE, "unknown zone '" + zone + "' for " + featureId + " (zones: "
                    + gateway.access().zones(featureId) + ")");
        }
        return zone;
    }

    // ----- life -----

    /** The connection closed: its subscriptions and model instances go. */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        outbox.close();
        for (String featureId : subscriptions) {
            gateway.unsubscribe(this, featureId);
        }
        subscriptions.clear();
        models.values().forEach(open -> open.instance().close());
        models.clear();
    }

    /** Closes the connection from the server's side. */
    void close(int code, String reason) {
        channel.close(code, reason);
        closed();
    }
}
