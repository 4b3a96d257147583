package io.ifw.backend.remote.aeron;

import io.ifw.backend.remote.aeron.client.ClientSettings;
import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.client.RemoteFeature;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A remote server and a client in one JVM for the benchmarks (which run on a plain class path,
 * so this class shares the package of the remote module's internals). The server exports one
 * backend; {@link #remoteBackend()} is the client's remote backend of it.
 */
public final class RemoteBenchSupport implements AutoCloseable {

    private final RemoteServer server;
    private final RemoteClient client;
    private final AtomicReference<Backend> remote = new AtomicReference<>();

    /**
     * @param channel        aeron:ipc or aeron:udp?endpoint=...
     * @param aeronDirectory the directory of a media driver that is already running
     * @param idleStrategy   the idle strategy of the server's and client's threads
     */
    public RemoteBenchSupport(String channel, String aeronDirectory, String idleStrategy, Backend backend) {
        TransportSettings transport = TransportSettings.of(aeronDirectory, false, "shared", idleStrategy, 16 << 20, 10_000);
        String secret = channel.startsWith("aeron:udp") ? "bench-secret" : "";
        server = new RemoteServer(ServerSettings.of("bench", channel, 4100, List.of("*"), secret, "", 500, 5_000, 10_000, transport));
        server.start();
        FeatureModel model = backend.model();
        server.backendAdded(backend, Map.of(BackendProperties.FEATURE, model.id(), BackendProperties.BACKEND_NAME, "bench",
                BackendProperties.BACKEND_KIND, BackendProperties.KIND_PRODUCTION, org.osgi.framework.Constants.SERVICE_ID, 1L));
        client = new RemoteClient(ClientSettings.of("bench", channel, 4100, "", List.of("*"), secret, 500, 2_000, 5_000, 10_000,
                "stay-bound", 0, transport), id -> id.equals(model.id()) ? model : null, new RemoteClient.Registrar() {
                    @Override
                    public Object register(RemoteFeature.RemoteBackendService service, Dictionary<String, Object> properties) {
                        remote.set(service);
                        return service;
                    }

                    @Override
                    public void update(Object registration, Dictionary<String, Object> properties) {
                    }

                    @Override
                    public void unregister(Object registration) {
                    }
                });
        client.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (remote.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the client did not get the remote backend within 30 s: " + client.report());
            }
            Thread.onSpinWait();
        }
    }

    public Backend remoteBackend() {
        return remote.get();
    }

    /** How many snapshots the server sent (1 per client without loss; more when a client fell behind). */
    public long snapshots() {
        return server.report().clients().stream().mapToLong(RemoteReport.Session::snapshots).sum();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
