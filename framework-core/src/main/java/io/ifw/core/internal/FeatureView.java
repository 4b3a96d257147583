package io.ifw.core.internal;

import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.FeatureException;
import io.ifw.core.ZonedFeature;
import io.ifw.core.internal.ListenerRegistry.Topic;
import io.ifw.core.model.Member;
import io.ifw.core.model.ModelMember;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.model.SignalMember;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The object a consumer holds: a proxy of the feature interface for one owner and one zone. The
 * member objects ({@code climate.targetTemperature()}) are made once per view; every view of a
 * front end shares its state.
 */
final class FeatureView implements InvocationHandler {

    private final FeatureFrontEnd frontEnd;
    private final String zone;
    private final Object owner;
    private final Object[] members;
    private final Map<String, Object> zoneViews;
    private final Object proxy;

    private FeatureView(FeatureFrontEnd frontEnd, String zone, Object owner, Map<String, Object> zoneViews) {
        this.frontEnd = frontEnd;
        this.zone = zone;
        this.owner = owner;
        this.zoneViews = zoneViews;
        this.members = new Object[frontEnd.model().members().size()];
        for (Member member : frontEnd.model().members()) {
            members[member.index()] = memberView(member);
        }
        Class<?> type = frontEnd.model().featureInterface();
        this.proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this);
    }

    /** The zone-less view of {@code frontEnd} for {@code owner}. */
    static Object create(FeatureFrontEnd frontEnd, Object owner) {
        Map<String, Object> zoneViews = new ConcurrentHashMap<>();
        FeatureView root = new FeatureView(frontEnd, "", owner, zoneViews);
        zoneViews.put("", root.proxy);
        return root.proxy;
    }

    private Object memberView(Member member) {
        if (member instanceof PropertyMember property) {
            return new PropertyView(frontEnd, property, zone, owner);
        }
        if (member instanceof SignalMember signal) {
            return new SignalView(frontEnd, signal, zone, owner);
        }
        if (member instanceof ModelMember model) {
            return new ModelView(frontEnd, model, zone, owner);
        }
        return null; // operations are calls, not objects
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) {
        Class<?> declaring = method.getDeclaringClass();
        if (declaring == Object.class) {
            return objectMethod(self, method, args);
        }
        if (declaring == Feature.class || declaring == ZonedFeature.class) {
            return featureMethod(method, args);
        }
        Member member = frontEnd.model().memberFor(method);
        if (member instanceof OperationMember operation) {
            return frontEnd.invoke(operation, zone, args);
        }
        if (member == null) {
            throw new UnsupportedOperationException(method + " is not a member of " + frontEnd.model().id());
        }
        return members[member.index()];
    }

    @SuppressWarnings("unchecked")
    private Object featureMethod(Method method, Object[] args) {
        switch (method.getName()) {
            case "featureId":
                return frontEnd.model().id();
            case "status":
                return frontEnd.status();
            case "onStatusChange":
                return frontEnd.listeners().add(Topic.STATUS, owner, (Consumer<Object>) args[0]);
            case "backendUpdatesEnabled":
                return frontEnd.backendUpdatesEnabled();
            case "setBackendUpdatesEnabled":
                frontEnd.setBackendUpdatesEnabled((Boolean) args[0]);
                return null;
            case "zones":
                return frontEnd.zoneNames();
            case "zoneName":
                return zone;
            case "onZonesChange":
                return frontEnd.listeners().add(Topic.ZONES, owner, (Consumer<Object>) args[0]);
            case "zone":
                return zoneView((String) args[0]);
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }

    private Object zoneView(String name) {
        if (name == null || !frontEnd.hasZone(name)) {
            throw new FeatureException(ErrorCode.INVALID_ZONE, "unknown zone '" + name + "' for " + frontEnd.model().id()
                    + " (zones: " + frontEnd.zoneNames() + ")");
        }
        return zoneViews.computeIfAbsent(name, z -> new FeatureView(frontEnd, z, owner, zoneViews).proxy);
    }

    private Object objectMethod(Object self, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return frontEnd.model().id() + (zone.isEmpty() ? "" : "@" + zone) + " " + frontEnd.status();
            default:
                throw new UnsupportedOperationException(method.toString());
        }
    }
}
