package io.ifw.core.internal;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ModelChange;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.ModelOptions.LoadingType;
import io.ifw.core.Registration;
import io.ifw.core.internal.ListenerRegistry.Kind;
import io.ifw.core.internal.ListenerRegistry.Topic;
import io.ifw.core.model.ModelMember;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * A model instance of a front end: the items loaded so far (a cache with holes in DATA_CHANGED
 * loading), the chunks in flight, and the instance's listeners. Opened again on the new backend
 * when the feature swaps.
 */
final class ModelInstanceImpl implements ModelInstance<Object> {

    private final FeatureFrontEnd frontEnd;
    private final ModelMember member;
    private final String zone;
    private final ModelOptions options;
    private final long id;
    private final Object owner;
    private final ListenerRegistry listeners = new ListenerRegistry();
    private final Topic topic;
    private final Deferred<Void> ready = Promising.FACTORY.deferred();
    private final Object lock = new Object();
    private final List<Object> items = new ArrayList<>();
    private final Set<Integer> chunksInFlight = new HashSet<>();
    private Set<ModelCapability> capabilities = Set.of();
    private LoadingType loading;
    private boolean moreOnBackend = true;
    /** The backend's item count when it told it (GET_SIZE), else -1; FETCH_MORE stops there. */
    private int knownTotal = -1;
    private Promise<Void> fetchingMore;
    private long generation;
    private boolean closed;

    ModelInstanceImpl(FeatureFrontEnd frontEnd, ModelMember member, String zone, ModelOptions options, long id, Object owner) {
        this.frontEnd = frontEnd;
        this.member = member;
        this.zone = zone;
        this.options = options;
        this.id = id;
        this.owner = owner;
        this.topic = Topic.of(Kind.SIGNAL, -1, "model-" + id);
        this.loading = options.loadingType();
    }

    long id() {
        return id;
    }

    Object owner() {
        return owner;
    }

    /** Opens (or, after a swap, opens again) the instance on the bound backend. */
    void open() {
        long openGeneration;
        synchronized (lock) {
            openGeneration = ++generation;
        }
        ModelRequest request = new ModelRequest(id, member.index(), zone, options.query(), options.contentType());
        Promise<ModelInfo> opened = frontEnd.sendModel(zone, "open " + member.name(), connection -> connection.openModel(request));
        opened.onResolve(() -> {
            Throwable failure = Promising.failureOf(opened);
            if (failure != null) {
                failReady(failure);
            } else {
                opened(openGeneration, Promising.valueOf(opened));
            }
        });
    }

    private void opened(long openGeneration, ModelInfo info) {
        int size;
        synchronized (lock) {
            if (closed || openGeneration != generation) {
                return;
            }
            capabilities = info.capabilities();
            items.clear();
            chunksInFlight.clear();
            fetchingMore = null;
            boolean sizeKnown = info.size() >= 0 && capabilities.contains(ModelCapability.GET_SIZE);
            loading = options.loadingType() == LoadingType.DATA_CHANGED && sizeKnown ? LoadingType.DATA_CHANGED : LoadingType.FETCH_MORE;
            if (loading == LoadingType.DATA_CHANGED) {
                items.addAll(Collections.nCopies(info.size(), null));
            }
            knownTotal = sizeKnown ? info.size() : -1;
            moreOnBackend = loading == LoadingType.FETCH_MORE && info.size() != 0;
            size = items.size();
        }
        notify(ModelChange.reset(size));
        ready.resolve(null);
        if (loading == LoadingType.FETCH_MORE && listeners.has(topic)) {
            // FETCH_MORE loads its first chunk when someone listens (or calls fetchMore), so that
            // the listener hears of it; here the listener was there before the backend answered
            frontEnd.later(this::fetchMore);
        }
    }

    private void failReady(Throwable failure) {
        try {
            ready.fail(failure);
        } catch (IllegalStateException alreadyOpenedOnce) {
            // a re-open after a swap failed; the instance keeps what it showed
        }
    }

    @Override
    public Promise<Void> ready() {
        return ready.getPromise();
    }

    @Override
    public Set<ModelCapability> capabilities() {
        synchronized (lock) {
            return capabilities;
        }
    }

    @Override
    public int size() {
        synchronized (lock) {
            return items.size();
        }
    }

    @Override
    public Object get(int index) {
        Object item;
        boolean nearEnd;
        synchronized (lock) {
            if (index < 0 || index >= items.size()) {
                throw new IndexOutOfBoundsException("index " + index + " is out of range [0, " + items.size() + ") of " + member.name());
            }
            item = items.get(index);
            nearEnd = loading == LoadingType.FETCH_MORE && index >= items.size() - options.fetchMoreThreshold() && moreOnBackend;
        }
        if (item == null && loading == LoadingType.DATA_CHANGED) {
            loadChunk(index / options.chunkSize());
        } else if (nearEnd) {
            fetchMore();
        }
        return item;
    }

    @Override
    public boolean isLoaded(int index) {
        synchronized (lock) {
            return index >= 0 && index < items.size() && items.get(index) != null;
        }
    }

    private void loadChunk(int chunk) {
        synchronized (lock) {
            if (!chunksInFlight.add(chunk)) {
                return;
            }
        }
        int start = chunk * options.chunkSize();
        Promise<List<Object>> loaded = fetch(start, options.chunkSize());
        loaded.onResolve(() -> {
            synchronized (lock) {
                chunksInFlight.remove(chunk);
            }
        });
    }

    @Override
    public Promise<List<Object>> fetch(int start, int count) {
        long fetchGeneration;
        synchronized (lock) {
            fetchGeneration = generation;
        }
        Promise<List<Object>> fetched = frontEnd.sendModel(zone, "fetch " + member.name(), connection -> connection.fetchModel(id, start, count));
        return fetched.onResolve(() -> {
            if (Promising.failureOf(fetched) == null) {
                store(fetchGeneration, start, Promising.valueOf(fetched));
            }
        });
    }

    private void store(long fetchGeneration, int start, List<Object> fetched) {
        int changed = 0;
        synchronized (lock) {
            if (fetchGeneration != generation) {
                return;
            }
            for (int i = 0; i < fetched.size() && start + i < items.size(); i++) {
                if (items.get(start + i) == null) {
                    changed++;
                }
                items.set(start + i, fetched.get(i));
            }
        }
        if (changed > 0) {
            notify(ModelChange.changed(start, Math.min(fetched.size(), size() - start)));
        }
    }

    @Override
    public boolean canFetchMore() {
        synchronized (lock) {
            return loading == LoadingType.FETCH_MORE && moreOnBackend;
        }
    }

    @Override
    public Promise<Void> fetchMore() {
        int start;
        long fetchGeneration;
        org.osgi.util.promise.Deferred<Void> done = Promising.FACTORY.deferred();
        synchronized (lock) {
            if (loading != LoadingType.FETCH_MORE || !moreOnBackend) {
                return Promising.FACTORY.resolved(null);
            }
            if (fetchingMore != null) {
                return fetchingMore;
            }
            start = items.size();
            fetchGeneration = generation;
            // taken before the request leaves: an answer that comes at once cannot find it unset
            fetchingMore = done.getPromise();
        }
        Promise<List<Object>> fetched = frontEnd.sendModel(zone, "fetch " + member.name(),
                connection -> connection.fetchModel(id, start, options.chunkSize()));
        fetched.onResolve(() -> {
            Throwable failure = Promising.failureOf(fetched);
            if (failure == null) {
                appended(fetchGeneration, start, Promising.valueOf(fetched));
            }
            synchronized (lock) {
                if (fetchingMore == done.getPromise()) {
                    fetchingMore = null;
                }
            }
            if (failure == null) {
                done.resolve(null);
            } else {
                done.fail(failure);
            }
        });
        return done.getPromise();
    }

    private void appended(long fetchGeneration, int start, List<Object> fetched) {
        synchronized (lock) {
            if (fetchGeneration != generation || start != items.size()) {
                return;
            }
            items.addAll(fetched);
            moreOnBackend = fetched.size() == options.chunkSize() && (knownTotal < 0 || items.size() < knownTotal);
        }
        if (!fetched.isEmpty()) {
            notify(ModelChange.inserted(start, fetched.size()));
        }
    }

    /** A change reported by the backend. */
    void backendChanged(ModelChange change) {
        boolean reload = false;
        synchronized (lock) {
            switch (change.kind()) {
                case INSERTED:
                    if (knownTotal >= 0) {
                        knownTotal += change.count();
                    }
                    if (loading == LoadingType.DATA_CHANGED || change.index() < items.size()) {
                        items.addAll(Math.min(change.index(), items.size()), Collections.nCopies(change.count(), null));
                        reload = loading == LoadingType.FETCH_MORE;
                    } else {
                        moreOnBackend = true;
                        return;
                    }
                    break;
                case REMOVED:
                    if (knownTotal >= 0) {
                        knownTotal = Math.max(0, knownTotal - change.count());
                    }
                    for (int i = 0; i < change.count() && change.index() < items.size(); i++) {
                        items.remove(change.index());
                    }
                    break;
                case MOVED:
                    if (change.index() < items.size() && change.to() < items.size()) {
                        items.add(change.to(), items.remove(change.index()));
                    }
                    break;
                case CHANGED:
                    for (int i = change.index(); i < change.index() + change.count() && i < items.size(); i++) {
                        items.set(i, null);
                    }
                    reload = true;
                    break;
                default:
                    generation++;
                    if (knownTotal >= 0) {
                        knownTotal = change.count();
                    }
                    items.clear();
                    chunksInFlight.clear();
                    fetchingMore = null;
                    if (loading == LoadingType.DATA_CHANGED) {
                        items.addAll(Collections.nCopies(change.count(), null));
                    }
                    moreOnBackend = loading == LoadingType.FETCH_MORE && change.count() > 0;
                    break;
            }
        }
        notify(change.kind() == ModelChange.Kind.RESET ? ModelChange.reset(size()) : change);
        if (change.kind() == ModelChange.Kind.RESET && loading == LoadingType.FETCH_MORE) {
            frontEnd.later(this::fetchMore);
        } else if (reload) {
            // not on this stack: the backend is reporting while it holds its own lock
            frontEnd.later(() -> fetch(change.index(), change.count()));
        }
    }

    private void notify(ModelChange change) {
        List<Runnable> notifications = new ArrayList<>(1);
        listeners.collect(topic, change, notifications);
        frontEnd.deliverNow(notifications);
    }

    @Override
    public Registration onChange(Consumer<? super ModelChange> listener) {
        Registration registration = listeners.add(topic, owner, listener);
        boolean loadFirstChunk;
        synchronized (lock) {
            loadFirstChunk = loading == LoadingType.FETCH_MORE && ready.getPromise().isDone() && items.isEmpty()
                    && moreOnBackend && fetchingMore == null;
        }
        if (loadFirstChunk) {
            frontEnd.later(this::fetchMore);
        }
        return registration;
    }

    @Override
    public Promise<Void> insert(int index, Object item) {
        return edit(ModelCapability.INSERT, new ModelEdit(ModelEdit.Kind.INSERT, index, -1, item));
    }

    @Override
    public Promise<Void> remove(int index) {
        return edit(ModelCapability.REMOVE, new ModelEdit(ModelEdit.Kind.REMOVE, index, -1, null));
    }

    @Override
    public Promise<Void> move(int from, int to) {
        return edit(ModelCapability.MOVE, new ModelEdit(ModelEdit.Kind.MOVE, from, to, null));
    }

    private Promise<Void> edit(ModelCapability needed, ModelEdit edit) {
        String description = needed.name().toLowerCase(java.util.Locale.ROOT) + " in " + member.name() + " of " + frontEnd.model().id();
        synchronized (lock) {
            if (closed) {
                return Promising.FACTORY.failed(new FeatureException(ErrorCode.INVALID_OPERATION, description + ": the instance is closed"));
            }
            if (ready.getPromise().isDone() && !capabilities.contains(needed)) {
                return Promising.FACTORY.failed(new FeatureException(ErrorCode.INVALID_OPERATION, description
                        + ": the backend does not support " + needed + " (capabilities: " + capabilities + ")"));
            }
        }
        return frontEnd.sendModel(zone, description, connection -> connection.editModel(id, edit));
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        frontEnd.closeModel(this);
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public String toString() {
        return member.name() + " instance " + id + " (" + options.query() + ", " + size() + " items)";
    }
}
