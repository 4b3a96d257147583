package io.ifw.core.internal;

import io.ifw.core.Registration;
import io.ifw.core.Signal;
import io.ifw.core.internal.ListenerRegistry.Kind;
import io.ifw.core.internal.ListenerRegistry.Topic;
import io.ifw.core.model.SignalMember;
import java.util.function.Consumer;

/** A signal of one view of a front end. */
final class SignalView implements Signal<Object> {

    private final FeatureFrontEnd frontEnd;
    private final SignalMember member;
    private final String zone;
    private final Object owner;

    SignalView(FeatureFrontEnd frontEnd, SignalMember member, String zone, Object owner) {
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
    public Registration subscribe(Consumer<? super Object> listener) {
        return frontEnd.listeners().add(Topic.of(Kind.SIGNAL, member.index(), zone), owner, listener);
    }

    @Override
    public String toString() {
        return "signal " + member.name() + (zone.isEmpty() ? "" : "@" + zone);
    }
}
