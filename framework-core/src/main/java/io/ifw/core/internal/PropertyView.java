package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.Property;
import io.ifw.core.Registration;
import io.ifw.core.ValueAvailability;
import io.ifw.core.internal.ListenerRegistry.Kind;
import io.ifw.core.internal.ListenerRegistry.Topic;
import io.ifw.core.model.PropertyMember;
import java.util.function.Consumer;
import org.osgi.util.promise.Promise;

/** A property of one view (owner and zone) of a front end. Read-only properties refuse {@link #set}. */
final class PropertyView implements Property<Object> {

    private final FeatureFrontEnd frontEnd;
    private final PropertyMember member;
    private final String zone;
    private final Object owner;

    PropertyView(FeatureFrontEnd frontEnd, PropertyMember member, String zone, Object owner) {
        this.frontEnd = frontEnd;
        this.member = member;
        this.zone = zone;
        this.owner = owner;
    }

    @Override
    public String name() {
        return member.name();
    }

    @Override
    public String zone() {
        return zone;
    }

    @Override
    public Object get() {
        return frontEnd.value(member.index(), zone);
    }

    @Override
    public ValueAvailability availability() {
        return frontEnd.availability(member.index(), zone);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Attribute<Object> attribute() {
        return (Attribute<Object>) frontEnd.attribute(member.index(), zone);
    }

    @Override
    public Registration onChange(Consumer<? super Object> listener) {
        return frontEnd.listeners().add(Topic.of(Kind.VALUE, member.index(), zone), owner, listener);
    }

    @Override
    public Registration onAttributeChange(Consumer<? super Attribute<Object>> listener) {
        return frontEnd.listeners().add(Topic.of(Kind.ATTRIBUTE, member.index(), zone), owner, listener);
    }

    @Override
    public Registration onAvailabilityChange(Consumer<? super ValueAvailability> listener) {
        return frontEnd.listeners().add(Topic.of(Kind.AVAILABILITY, member.index(), zone), owner, listener);
    }

    @Override
    public Promise<Void> set(Object value) {
        return frontEnd.set(member, zone, value);
    }

    @Override
    public String toString() {
        return member.name() + (zone.isEmpty() ? "" : "@" + zone) + " = " + get() + " (" + availability() + ")";
    }
}
