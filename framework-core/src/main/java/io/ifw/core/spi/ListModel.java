package io.ifw.core.spi;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ModelChange;
import io.ifw.core.Registration;
import io.ifw.core.model.RecordType;
import io.ifw.core.query.Query;
import io.ifw.core.query.QueryException;
import io.ifw.core.query.QueryFilter;
import io.ifw.core.query.QueryTerm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * A list of records a backend serves as a paging model (see {@link AbstractBackend#serveModel}).
 * Every front end instance gets its own view: all items, or those its query selects in the order
 * it asks for. The backend changes the list with {@link #add}, {@link #insert}, {@link #remove},
 * {@link #move}, {@link #set} and {@link #replaceAll}; front ends may insert, remove and move as
 * far as the capabilities allow. Instances that see every item in list order get each change
 * exactly; filtered or sorted ones get a RESET.
 *
 * <p>Thread-safe; changes are reported while this list's lock is held, in order.
 *
 * @param <T> the record type of the items
 */
public final class ListModel<T> {

    private final Set<ModelCapability> capabilities;
    private final List<T> items = new ArrayList<>();
    private final Map<Key, Instance> instances = new HashMap<>();
    private final List<Consumer<? super ModelChange>> observers = new CopyOnWriteArrayList<>();

    /** Instance ids are unique per connection only, so an instance is known by both. */
    private record Key(BackendListener listener, long id) {
    }

    /** A view of one front end instance. */
    private final class Instance {
        final BackendListener listener;
        final QueryFilter filter;
        List<T> view;

        Instance(BackendListener listener, QueryFilter filter) {
            this.listener = listener;
            this.filter = filter;
            refresh();
        }

        boolean showsEverything() {
            return filter == null;
        }

        void refresh() {
            if (filter == null) {
                view = items;
                return;
            }
            List<T> selected = new ArrayList<>();
            for (T item : items) {
                if (filter.matches(item)) {
                    selected.add(item);
                }
            }
            if (filter.order() != null) {
                selected.sort(filter.order());
            }
            view = selected;
        }
    }

    /** A list model with the given capabilities (GET_SIZE is always there: the list knows its size). */
    public ListModel(Set<ModelCapability> capabilities) {
        EnumSet<ModelCapability> all = EnumSet.of(ModelCapability.GET_SIZE);
        all.addAll(capabilities);
        this.capabilities = Collections.unmodifiableSet(all);
    }

    public Set<ModelCapability> capabilities() {
        return capabilities;
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized T get(int index) {
        return items.get(index);
    }

    public synchronized List<T> snapshot() {
        return List.copyOf(items);
    }

    /** Calls {@code observer} with each change of the list itself, whoever made it. */
    public Registration onChange(Consumer<? super ModelChange> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    // ----- changes by the backend -----

    public synchronized void replaceAll(List<? extends T> newItems) {
        items.clear();
        items.addAll(newItems);
        changed(ModelChange.reset(items.size()));
    }

    public synchronized void add(T item) {
        insert(items.size(), item);
    }

    /** Appends items at the end, as one change. */
    public synchronized void addAll(List<? extends T> more) {
        if (more.isEmpty()) {
            return;
        }
        int start = items.size();
        for (T item : more) {
            items.add(java.util.Objects.requireNonNull(item, "item"));
        }
        changed(ModelChange.inserted(start, more.size()));
    }

    public synchronized void insert(int index, T item) {
        checkIndex(index, items.size() + 1);
        items.add(index, java.util.Objects.requireNonNull(item, "item"));
        changed(ModelChange.inserted(index, 1));
    }

    public synchronized T remove(int index) {
        checkIndex(index, items.size());
        T removed = items.remove(index);
        changed(ModelChange.removed(index, 1));
        return removed;
    }

    public synchronized void move(int from, int to) {
        checkIndex(from, items.size());
        checkIndex(to, items.size());
        if (from != to) {
            items.add(to, items.remove(from));
            changed(ModelChange.moved(from, to));
        }
    }

    public synchronized void set(int index, T item) {
        checkIndex(index, items.size());
        items.set(index, java.util.Objects.requireNonNull(item, "item"));
        changed(ModelChange.changed(index, 1));
    }

    private void changed(ModelChange change) {
        for (Map.Entry<Key, Instance> entry : instances.entrySet()) {
            Instance instance = entry.getValue();
            instance.refresh();
            ModelChange told = instance.showsEverything() ? change : ModelChange.reset(instance.view.size());
            instance.listener.modelChanged(entry.getKey().id(), told);
        }
        observers.forEach(observer -> observer.accept(change));
    }

    // ----- what AbstractBackend serves to front ends -----

    synchronized Promise<ModelInfo> open(ModelRequest request, RecordType itemType, String memberName, BackendListener listener) {
        Query query = request.query();
        try {
            checkQuery(query, memberName);
            QueryFilter filter = query.filter() == null && query.order().isEmpty() ? null : QueryFilter.compile(query, itemType);
            Instance instance = new Instance(listener, filter);
            instances.put(new Key(listener, request.instance()), instance);
            return Promises.resolved(new ModelInfo(instance.view.size(), capabilities));
        } catch (QueryException e) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, memberName + ": " + e.getMessage(), e));
        } catch (FeatureException e) {
            return Promises.failed(e);
        }
    }

    private void checkQuery(Query query, String memberName) {
        if (query.filter() != null && !capabilities.contains(ModelCapability.FILTERING)) {
            throw unsupported(memberName, "filtering", query);
        }
        if (!query.order().isEmpty() && !capabilities.contains(ModelCapability.SORTING)) {
            throw unsupported(memberName, "sorting", query);
        }
        checkConjunctions(query.filter(), memberName, query);
    }

    private void checkConjunctions(QueryTerm term, String memberName, Query query) {
        if (term instanceof QueryTerm.Conjunction c) {
            ModelCapability needed = c.and() ? ModelCapability.AND_CONJUNCTION : ModelCapability.OR_CONJUNCTION;
            if (!capabilities.contains(needed)) {
                throw unsupported(memberName, c.and() ? "'&' in filters" : "'|' in filters", query);
            }
            checkConjunctions(c.left(), memberName, query);
            checkConjunctions(c.right(), memberName, query);
        } else if (term instanceof QueryTerm.Negation n) {
            checkConjunctions(n.term(), memberName, query);
        } else if (term instanceof QueryTerm.Group g) {
            checkConjunctions(g.term(), memberName, query);
        }
    }

    private static FeatureException unsupported(String memberName, String what, Query query) {
        return new FeatureException(ErrorCode.INVALID_OPERATION, memberName + " does not support " + what + " (query \"" + query + "\")");
    }

    synchronized Promise<List<Object>> fetch(BackendListener listener, long id, int start, int count) {
        Instance instance = instances.get(new Key(listener, id));
        if (instance == null) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "model instance " + id + " is not open"));
        }
        if (start < 0 || count < 0) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "cannot fetch " + count + " items from index " + start));
        }
        int end = (int) Math.min((long) start + count, instance.view.size());
        return Promises.resolved(start >= end ? List.of() : List.copyOf(instance.view.subList(start, end)));
    }

    @SuppressWarnings("unchecked")
    synchronized Promise<Void> edit(BackendListener listener, long id, ModelEdit edit, String memberName, RecordType itemType) {
        Instance instance = instances.get(new Key(listener, id));
        if (instance == null) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "model instance " + id + " is not open"));
        }
        ModelCapability needed = ModelCapability.valueOf(edit.kind().name());
        if (!capabilities.contains(needed)) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, memberName + " does not support "
                    + edit.kind().name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (!instance.showsEverything()) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, memberName
                    + ": edits need an instance without filter or order (this one has \"" + instance.filter + "\")"));
        }
        int limit = edit.kind() == ModelEdit.Kind.INSERT ? items.size() + 1 : items.size();
        for (int index : edit.kind() == ModelEdit.Kind.MOVE ? new int[] {edit.index(), edit.to()} : new int[] {edit.index()}) {
            if (index < 0 || index >= limit) {
                return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, memberName + ": index " + index
                        + " is out of range [0, " + limit + ")"));
            }
        }
        switch (edit.kind()) {
            case INSERT:
                if (!itemType.accepts(edit.item())) {
                    return Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, memberName + " holds "
                            + itemType.displayName() + ", not " + io.ifw.core.model.ValueType.describe(edit.item())));
                }
                insert(edit.index(), (T) edit.item());
                break;
            case REMOVE:
                remove(edit.index());
                break;
            default:
                move(edit.index(), edit.to());
                break;
        }
        return Promises.resolved(null);
    }

    synchronized void close(BackendListener listener, long id) {
        instances.remove(new Key(listener, id));
    }

    synchronized void closeAll(BackendListener listener) {
        instances.values().removeIf(instance -> instance.listener == listener);
    }

    synchronized int openInstances() {
        return instances.size();
    }

    private static void checkIndex(int index, int limit) {
        if (index < 0 || index >= limit) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range [0, " + limit + ")");
        }
    }
}
