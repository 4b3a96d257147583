package io.ifw.backend.remote.aeron.client;

import io.ifw.codec.FeatureCodec;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.ListenerReader;
import io.ifw.core.spi.ModelEdit;
import io.ifw.core.spi.ModelInfo;
import io.ifw.core.spi.ModelRequest;
import io.ifw.remote.protocol.sbe.CallKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.util.promise.Promise;

/**
 * One local front end's connection to a remote feature: its writes, calls and model requests go
 * to the server through the client (members mapped to the server's numbering), its model
 * instances are tracked so they can be reopened after a new session and closed with it.
 */
final class RemoteConnection implements BackendConnection {
    private final RemoteFeature feature;
    private final RemoteClient client;
    final BackendListener listener;
    volatile boolean closed;
    volatile ListenerReader reader;
    private final Map<Long, Long> wireInstances = new ConcurrentHashMap<>();

    RemoteConnection(RemoteFeature feature, RemoteClient client, BackendListener listener) {
        this.feature = feature;
        this.client = client;
        this.listener = listener;
    }

    private int serverMember(int local) {
        int[] map = feature.toServer;
        return local >= 0 && local < map.length ? map[local] : -1;
    }

    private <T> Promise<T> notServed(int member) {
        return client.failed(new FeatureException(ErrorCode.UNSUPPORTED, feature.model.member(member).name() + " of " + feature.featureId
                + " is not served by the remote backend: the server's feature has no such member"));
    }

    @Override
    public Promise<Void> set(int property, String zone, Object value) {
        int member = serverMember(property);
        if (member < 0) {
            return notServed(property);
        }
        FeatureCodec codec = feature.payloads;
        return client.call(feature, CallKind.SET, member, zone, 0,
                buffer -> codec.putValue(property, value, buffer, 0), null);
    }

    @Override
    public Promise<Object> invoke(int operation, String zone, Object[] arguments) {
        int member = serverMember(operation);
        if (member < 0) {
            return notServed(operation);
        }
        FeatureCodec codec = feature.payloads;
        return client.call(feature, CallKind.INVOKE, member, zone, 0,
                buffer -> codec.putArguments(operation, arguments, buffer, 0),
                (buffer, offset, length) -> codec.value(operation, buffer, offset, length));
    }

    @Override
    public Promise<ModelInfo> openModel(ModelRequest request) {
        int member = serverMember(request.member());
        if (member < 0) {
            return notServed(request.member());
        }
        long wire = client.nextInstanceId();
        Long previous = wireInstances.put(request.instance(), wire);
        if (previous != null) {
            closeWire(previous);
        }
        feature.instances.put(wire, new RemoteFeature.Instance(this, request.instance(), request));
        return client.call(feature, CallKind.MODEL_OPEN, member, request.zone(), wire,
                buffer -> FeatureCodec.putModelOpen(request.query(), request.contentType(), buffer, 0),
                (buffer, offset, length) -> FeatureCodec.modelInfo(buffer, offset, length));
    }

    @Override
    public Promise<List<Object>> fetchModel(long instance, int start, int count) {
        Long wire = wireInstances.get(instance);
        RemoteFeature.Instance open = wire == null ? null : feature.instances.get(wire);
        if (open == null) {
            return client.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "no open model instance " + instance + " of " + feature.featureId));
        }
        FeatureCodec codec = feature.payloads;
        int localMember = open.request().member();
        return client.call(feature, CallKind.MODEL_FETCH, serverMember(localMember), open.request().zone(), wire,
                buffer -> FeatureCodec.putFetch(start, count, buffer, 0),
                (buffer, offset, length) -> codec.items(localMember, buffer, offset, length));
    }

    @Override
    public Promise<Void> editModel(long instance, ModelEdit edit) {
        Long wire = wireInstances.get(instance);
        RemoteFeature.Instance open = wire == null ? null : feature.instances.get(wire);
        if (open == null) {
            return client.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "no open model instance " + instance + " of " + feature.featureId));
        }
        FeatureCodec codec = feature.payloads;
        int localMember = open.request().member();
        return client.call(feature, CallKind.MODEL_EDIT, serverMember(localMember), open.request().zone(), wire,
                buffer -> codec.putEdit(localMember, edit, buffer, 0), null);
    }

    @Override
    public void closeModel(long instance) {
        Long wire = wireInstances.remove(instance);
        if (wire != null) {
            closeWire(wire);
        }
    }

    private void closeWire(long wire) {
        RemoteFeature.Instance open = feature.instances.remove(wire);
        if (open != null) {
            client.send(feature, CallKind.MODEL_CLOSE, serverMember(open.request().member()), open.request().zone(), wire);
        }
    }

    @Override
    public void close() {
        closed = true;
        feature.connections.remove(this);
        ListenerReader current = reader;
        if (current != null) {
            current.close();
        }
        for (Long wire : wireInstances.values()) {
            closeWire(wire);
        }
        wireInstances.clear();
    }
}
