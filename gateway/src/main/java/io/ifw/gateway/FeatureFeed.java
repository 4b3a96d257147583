package io.ifw.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifw.core.Attribute;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.FeatureStatus;
import io.ifw.core.Registration;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.SignalMember;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The gateway's one reader of one feature: a watcher on its front end while any client is
 * subscribed. Each change is written as JSON once and handed to every subscriber's outbox — state
 * under its key (so a slow client gets the newest, conflated), signals as events.
 */
final class FeatureFeed implements FeatureAccess.Watcher {

    private final String featureId;
    private final Set<Connection> subscribers = new CopyOnWriteArraySet<>();
    private final Registration watch;

    FeatureFeed(FeatureAccess access, String featureId) {
        this.featureId = featureId;
        this.watch = access.watch(featureId, this);
    }

    void add(Connection connection) {
        subscribers.add(connection);
    }

    /** Removes a subscriber; true when none is left. */
    boolean remove(Connection connection) {
        subscribers.remove(connection);
        return subscribers.isEmpty();
    }

    void close() {
        watch.close();
    }

    @Override
    public void changed(FeatureAccess.Change change) {
        if (subscribers.isEmpty()) {
            return;
        }
        ObjectNode message;
        String key;
        switch (change.kind()) {
            case STATUS -> {
                message = Messages.object("status");
                message.put("feature", featureId);
                message.set("status", Messages.status((FeatureStatus) change.value()));
                key = "s|" + featureId;
            }
            case ZONES -> {
                message = Messages.object("zones");
                message.put("feature", featureId);
                ArrayNode zones = message.putArray("zones");
                ((List<?>) change.value()).forEach(zone -> zones.add(String.valueOf(zone)));
                key = "z|" + featureId;
            }
            case VALUE -> {
                PropertyMember property = (PropertyMember) change.member();
                message = propertyMessage("value", property, change.zone());
                message.set("value", JsonValues.toJson(property.type(), change.value()));
                key = "v|" + featureId + "|" + change.zone() + "|" + property.name();
            }
            case AVAILABILITY -> {
                PropertyMember property = (PropertyMember) change.member();
                ValueAvailability availability = (ValueAvailability) change.value();
                message = propertyMessage("availability", property, change.zone());
                message.put("availability", availability.state().name());
                message.put("reason", availability.reason());
                key = "a|" + featureId + "|" + change.zone() + "|" + property.name();
            }
            case ATTRIBUTE -> {
                PropertyMember property = (PropertyMember) change.member();
                message = propertyMessage("attribute", property, change.zone());
                message.setAll(JsonValues.attribute(property.type(), (Attribute<?>) change.value()));
                key = "c|" + featureId + "|" + change.zone() + "|" + property.name();
            }
            case SIGNAL -> {
                SignalMember signal = (SignalMember) change.member();
                message = Messages.object("signal");
                message.put("feature", featureId);
                message.put("zone", change.zone());
                message.put("signal", signal.name());
                message.set("payload", JsonValues.toJson(signal.payload(), change.value()));
                key = null;
            }
            default -> {
                return;
            }
        }
        String text = Messages.text(message);
        for (Connection subscriber : subscribers) {
            if (key == null) {
                subscriber.outbox().event(text);
            } else {
                subscriber.outbox().state(key, text);
            }
        }
    }

    private ObjectNode propertyMessage(String type, PropertyMember property, String zone) {
        ObjectNode message = Messages.object(type);
        message.put("feature", featureId);
        message.put("zone", zone);
        message.put("property", property.name());
        return message;
    }
}
