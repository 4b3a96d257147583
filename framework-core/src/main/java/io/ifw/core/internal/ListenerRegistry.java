package io.ifw.core.internal;

import io.ifw.core.Registration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one front end, by topic (status, zones, or a member in a zone), each tagged
 * with its owner (the consuming bundle or handle), so that all of an owner's listeners go when
 * the owner releases the feature.
 */
final class ListenerRegistry {

    /** What a listener listens to. */
    record Topic(Kind kind, int member, String zone) {
        static final Topic STATUS = new Topic(Kind.STATUS, -1, "");
        static final Topic ZONES = new Topic(Kind.ZONES, -1, "");

        static Topic of(Kind kind, int member, String zone) {
            return new Topic(kind, member, zone);
        }
    }

    enum Kind { STATUS, ZONES, VALUE, ATTRIBUTE, AVAILABILITY, SIGNAL }

    private record Entry(Object owner, Consumer<Object> listener) {
    }

    /** One notification a watcher gets: the topic and the value its listeners got. */
    record Event(Topic topic, Object value) {
    }

    private final Map<Topic, List<Entry>> topics = new ConcurrentHashMap<>();
    /** Listeners of every topic (a gateway, a console), called after the topic's own listeners with an {@link Event}. */
    private final List<Entry> watchers = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    Registration add(Topic topic, Object owner, Consumer<?> listener) {
        Entry entry = new Entry(owner, (Consumer<Object>) Objects.requireNonNull(listener, "listener"));
        topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(entry);
        return () -> {
            List<Entry> entries = topics.get(topic);
            if (entries != null) {
                entries.remove(entry);
            }
        };
    }

    /** Adds a listener of every topic: it is called with an {@link Event} for each notification. */
    @SuppressWarnings("unchecked")
    Registration watch(Object owner, Consumer<Event> watcher) {
        Entry entry = new Entry(owner, (Consumer<Object>) (Consumer<?>) Objects.requireNonNull(watcher, "watcher"));
        watchers.add(entry);
        return () -> watchers.remove(entry);
    }

    boolean has(Topic topic) {
        List<Entry> entries = topics.get(topic);
        return entries != null && !entries.isEmpty();
    }

    /** Calls every listener of {@code topic} with {@code value}, in registration order. */
    void fire(Topic topic, Object value) {
        List<Entry> entries = topics.get(topic);
        if (entries != null) {
            for (Entry entry : entries) {
                entry.listener().accept(value);
            }
        }
        if (!watchers.isEmpty()) {
            Event event = new Event(topic, value);
            for (Entry entry : watchers) {
                entry.listener().accept(event);
            }
        }
    }

    /**
     * Adds to {@code notifications} a task that calls the listeners registered now — not those
     * that register before the task runs: a listener hears of the changes made after it
     * registered. Adds nothing when nobody listens.
     */
    void collect(Topic topic, Object value, List<Runnable> notifications) {
        List<Entry> entries = topics.get(topic);
        if (entries != null && !entries.isEmpty()) {
            Iterator<Entry> snapshot = entries.iterator(); // a copy-on-write snapshot
            notifications.add(() -> snapshot.forEachRemaining(entry -> entry.listener().accept(value)));
        }
        if (!watchers.isEmpty()) {
            Iterator<Entry> snapshot = watchers.iterator();
            Event event = new Event(topic, value);
            notifications.add(() -> snapshot.forEachRemaining(entry -> entry.listener().accept(event)));
        }
    }

    void removeOwner(Object owner) {
        for (List<Entry> entries : topics.values()) {
            entries.removeIf(entry -> entry.owner() == owner);
        }
        watchers.removeIf(entry -> entry.owner() == owner);
    }

    int size() {
        return topics.values().stream().mapToInt(List::size).sum() + watchers.size();
    }
}
