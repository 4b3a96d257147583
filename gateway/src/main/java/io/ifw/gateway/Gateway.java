package io.ifw.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.BackendInfo;
import io.ifw.core.ErrorCode;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.FeatureCatalog;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.SignalMember;
import io.ifw.simulator.SimulatorFaults;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway: its clients, and one {@link FeatureFeed} per feature that any client watches. It
 * knows nothing of WebSocket: a client is a {@link ClientChannel}; the web server's endpoint opens
 * and closes them.
 */
final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final FeatureRegistry registry;
    private final FeatureAccess access;
    private final Supplier<SimulatorFaults> faults;
    private final GatewaySettings settings;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, FeatureFeed> feeds = new ConcurrentHashMap<>();
    private final AutoCloseable catalogWatch;

    Gateway(FeatureRegistry registry, FeatureAccess access, FeatureCatalog catalog, Supplier<SimulatorFaults> faults, GatewaySettings settings) {
        this.registry = registry;
        this.access = access;
        this.faults = faults;
        this.settings = settings;
        this.catalogWatch = catalog.watch(new FeatureCatalog.Listener() {
            @Override
            public void added(FeatureCatalog.Entry feature) {
                broadcast("featureAdded", feature.model().id());
            }

            @Override
            public void removed(FeatureCatalog.Entry feature) {
                featureGone(feature.model().id());
            }
        });
    }

    GatewaySettings settings() {
        return settings;
    }

    FeatureRegistry registry() {
        return registry;
    }

    FeatureAccess access() {
        return access;
    }

    System.Logger log() {
        return LOG;
    }

    SimulatorFaults faults() {
        SimulatorFaults service = faults.get();
        if (service == null) {
            throw new FeatureException(ErrorCode.UNSUPPORTED, "fault injection needs the simulator, and this container has none");
        }
        return service;
    }

    /** A new client. */
    Connection open(ClientChannel channel, Role role) {
        Connection connection = new Connection(this, channel, role, settings.maxEvents());
        connections.add(connection);
        connection.welcome();
        LOG.log(Level.DEBUG, "IFW gateway: client " + channel.peer() + " connected (" + role.wireName() + ")");
        return connection;
    }

    /** A client went away. */
    void closed(Connection connection) {
        if (connections.remove(connection)) {
            connection.closed();
        }
    }

    /** A client that did not read was cut off, or its channel failed. */
    void cutOff(Connection connection, String reason) {
        LOG.log(Level.WARNING, "IFW gateway: client " + connection.peer() + " cut off: " + reason);
        closed(connection);
    }

    /** The model of a feature; INVALID_ARGUMENT naming an unknown one. */
    FeatureModel model(String featureId) {
        registry.status(featureId); // names an unknown feature id with the known ones
        return access.model(featureId);
    }

    void subscribe(Connection connection, String featureId) {
        feeds.computeIfAbsent(featureId, id -> new FeatureFeed(access, id)).add(connection);
    }

    void unsubscribe(Connection connection, String featureId) {
        feeds.computeIfPresent(featureId, (id, feed) -> {
            if (feed.remove(connection)) {
                feed.close();
                return null;
            }
            return feed;
        });
    }

    private void featureGone(String featureId) {
        FeatureFeed feed = feeds.remove(featureId);
        if (feed != null) {
            feed.close();
        }
        broadcast("featureRemoved", featureId);
    }

    private void broadcast(String type, String featureId) {
        if (connections.isEmpty()) {
            return;
        }
        ObjectNode event = Messages.object(type);
        event.put("feature", featureId);
        String text = Messages.text(event);
        connections.forEach(connection -> connection.outbox().event(text));
    }

    ArrayNode featuresJson() {
        ArrayNode features = JsonValues.JSON.arrayNode();
        for (FeatureStatus status : registry.features()) {
            ObjectNode node = Messages.status(status);
            FeatureModel model = access.model(status.featureId());
            node.put("name", model.featureInterface().getSimpleName());
            node.put("zoned", model.isZoned());
            features.add(node);
        }
        return features;
    }

    ArrayNode backendsJson(String featureId) {
        FeatureStatus status = registry.status(featureId);
        ArrayNode backends = JsonValues.JSON.arrayNode();
        for (BackendInfo info : registry.backends(featureId)) {
            ObjectNode node = Messages.backend(info);
            node.put("bound", status.backend() != null && status.backend().serviceId() == info.serviceId());
            backends.add(node);
        }
        return backends;
    }

    /** A feature's model, status, zones and backends, for a client that has no feature interface. */
    ObjectNode describe(String featureId) {
        FeatureModel model = model(featureId);
        ObjectNode node = JsonValues.JSON.objectNode();
        node.put("feature", model.id());
        node.put("name", model.featureInterface().getSimpleName());
        node.put("version", model.version());
        node.put("fingerprint", model.fingerprint());
        node.put("zoned", model.isZoned());
        ArrayNode zones = node.putArray("zones");
        access.zones(featureId).forEach(zones::add);
        ArrayNode properties = node.putArray("properties");
        for (PropertyMember property : model.properties()) {
            ObjectNode p = properties.addObject();
            p.put("name", property.name());
            p.set("type", JsonValues.describe(property.type()));
            p.put("readOnly", property.readOnly());
        }
        ArrayNode operations = node.putArray("operations");
        for (OperationMember operation : model.operations()) {
            ObjectNode o = operations.addObject();
            o.put("name", operation.name());
            ArrayNode parameters = o.putArray("parameters");
            for (OperationMember.Parameter parameter : operation.parameters()) {
                parameters.addObject().put("name", parameter.name()).set("type", JsonValues.describe(parameter.type()));
            }
            o.set("result", JsonValues.describe(operation.result()));
        }
        ArrayNode signals = node.putArray("signals");
        for (SignalMember signal : model.signals()) {
            signals.addObject().put("name", signal.name()).set("payload", JsonValues.describe(signal.payload()));
        }
        ArrayNode models = node.putArray("models");
        for (ModelMember member : model.models()) {
            models.addObject().put("name", member.name()).set("item", JsonValues.describe(member.type().item()));
        }
        node.set("status", Messages.status(registry.status(featureId)));
        node.set("backends", backendsJson(featureId));
        node.put("simulator", faults.get() != null);
        return node;
    }

    /** Closes every client (the server is going away) and every feed. */
    @Override
    public void close() {
        for (Connection connection : Set.copyOf(connections)) {
            connection.close(1001, "the IFW gateway is stopping");
        }
        connections.clear();
        feeds.values().forEach(FeatureFeed::close);
        feeds.clear();
        try {
            catalogWatch.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "IFW gateway: closing the catalog watch failed: " + e);
        }
    }
}
