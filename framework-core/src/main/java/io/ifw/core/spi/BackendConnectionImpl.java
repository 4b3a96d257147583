package io.ifw.core.spi;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.model.ModelMember;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** One front end's connection to an {@link AbstractBackend}, with the model instances it opened. */
final class BackendConnectionImpl implements BackendConnection {

    private final AbstractBackend<?> backend;
    private final BackendListener listener;
    private final Map<Long, ListModel<?>> openModels = new ConcurrentHashMap<>();
    private final Map<Long, ModelMember> openMembers = new ConcurrentHashMap<>();

    BackendConnectionImpl(AbstractBackend<?> backend, BackendListener listener) {
        this.backend = backend;
        this.listener = listener;
    }

    @Override
    public Promise<ModelInfo> openModel(ModelRequest request) {
        if (!(backend.memberAt(request.member()) instanceof ModelMember member)) {
            return AbstractBackend.failed(ErrorCode.INVALID_OPERATION, "member " + request.member() + " of " + backend.model().id() + " is not a paging model");
        }
        synchronized (backend.lock) {
            if (!backend.state.hasZone(request.zone())) {
                return AbstractBackend.failed(ErrorCode.INVALID_ZONE, backend.unknownZone(request.zone()));
            }
        }
        ListModel<?> list;
        try {
            list = backend.modelFor(member, request.zone(), request.contentType());
        } catch (FeatureException e) {
            return Promises.failed(e);
        }
        if (list == null) {
            return AbstractBackend.failed(ErrorCode.INVALID_OPERATION, member.name() + " of " + backend.model().id() + " is not served by "
                    + backend.getClass().getSimpleName() + (request.contentType().isEmpty() ? "" : " for content type '" + request.contentType() + "'"));
        }
        Promise<ModelInfo> opened = list.open(request, member.type().item(), member.name(), listener);
        openModels.put(request.instance(), list);
        openMembers.put(request.instance(), member);
        return opened;
    }

    @Override
    public Promise<List<Object>> fetchModel(long instance, int start, int count) {
        ListModel<?> list = openModels.get(instance);
        return list == null ? notOpen(instance) : list.fetch(listener, instance, start, count);
    }

    @Override
    public Promise<Void> editModel(long instance, ModelEdit edit) {
        ListModel<?> list = openModels.get(instance);
        if (list == null) {
            return notOpen(instance);
        }
        ModelMember member = openMembers.get(instance);
        return list.edit(listener, instance, edit, member.name(), member.type().item());
    }

    @Override
    public void closeModel(long instance) {
        ListModel<?> list = openModels.remove(instance);
        openMembers.remove(instance);
        if (list != null) {
            list.close(listener, instance);
        }
    }

    private <T> Promise<T> notOpen(long instance) {
        return AbstractBackend.failed(ErrorCode.INVALID_ARGUMENT, "model instance " + instance + " is not open on " + backend.getClass().getSimpleName());
    }

    @Override
    public Promise<Void> set(int property, String zone, Object value) {
        return backend.set(property, zone, value);
    }

    @Override
    public Promise<Object> invoke(int operation, String zone, Object[] arguments) {
        return backend.invoke(operation, zone, arguments);
    }

    @Override
    public void close() {
        backend.disconnect(listener);
        for (Long instance : List.copyOf(openModels.keySet())) {
            closeModel(instance);
        }
    }
}
