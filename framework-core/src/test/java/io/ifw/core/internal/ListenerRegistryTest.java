package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.Registration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchers of every topic (what FeatureAccess.watch registers), beside the listeners of one topic. */
class ListenerRegistryTest {

    @Test
    void shouldTellAWatcherOfEveryTopicAfterTheTopicsOwnListeners() {
        ListenerRegistry registry = new ListenerRegistry();
        List<String> heard = new ArrayList<>();
        Object owner = new Object();
        ListenerRegistry.Topic rearValue = ListenerRegistry.Topic.of(ListenerRegistry.Kind.VALUE, 3, "Rear");
        registry.add(rearValue, owner, value -> heard.add("listener " + value));
        Registration watch = registry.watch(owner, event -> heard.add("watcher " + event.topic().kind() + " " + event.topic().member()
                + "@" + event.topic().zone() + " " + event.value()));

        List<Runnable> notifications = new ArrayList<>();
        registry.collect(rearValue, 21.5, notifications);
        registry.collect(ListenerRegistry.Topic.STATUS, "bound", notifications);
        notifications.forEach(Runnable::run);
        registry.fire(ListenerRegistry.Topic.ZONES, List.of("Rear"));

        assertThat(heard).containsExactly("listener 21.5", "watcher VALUE 3@Rear 21.5", "watcher STATUS -1@ bound",
                "watcher ZONES -1@ [Rear]");
        assertThat(registry.size()).isEqualTo(2);

        watch.close();
        heard.clear();
        registry.fire(rearValue, 22.0);
        assertThat(heard).containsExactly("listener 22.0");
    }

    @Test
    void shouldTellAWatcherOnlyOfChangesAfterItRegisteredAndDropItWithItsOwner() {
        ListenerRegistry registry = new ListenerRegistry();
        List<Object> heard = new ArrayList<>();
        List<Runnable> collectedBefore = new ArrayList<>();
        registry.collect(ListenerRegistry.Topic.STATUS, "before", collectedBefore);
        Object owner = new Object();
        registry.watch(owner, event -> heard.add(event.value()));
        collectedBefore.forEach(Runnable::run);
        assertThat(heard).as("a change collected before it registered").isEmpty();

        registry.removeOwner(owner);
        registry.fire(ListenerRegistry.Topic.STATUS, "after");
        assertThat(heard).isEmpty();
        assertThat(registry.size()).isZero();
    }
}
