package io.ifw.backend.remote.aeron;

import io.ifw.backend.remote.aeron.client.ClientSettings;
import io.ifw.backend.remote.aeron.client.RemoteClient;
import io.ifw.backend.remote.aeron.client.RemoteFeature;
import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.Feature;
import io.ifw.core.FeatureHandle;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.testkit.FeatureTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Servers and clients in this JVM on a real embedded media driver in a directory of their own,
 * deleted after the test; a registrar that records what clients register.
 */
public final class RemoteHarness implements AutoCloseable, AfterEachCallback {

    static final String SECRET = "s3cret";

    final Path root;
    final String aeronDirectory;
    private final List<AutoCloseable> closing = new ArrayList<>();
    final Map<String, Backend> registered = new ConcurrentHashMap<>();
    final Map<String, Dictionary<String, Object>> registeredProperties = new ConcurrentHashMap<>();
    final List<String> registrations = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One per test: {@code @RegisterExtension final RemoteHarness harness = new RemoteHarness();} closes it after the test. */
    RemoteHarness() {
        try {
            root = Files.createTempDirectory("ifw-remote-test-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        aeronDirectory = root.resolve("aeron").toString();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    TransportSettings transport() {
        return TransportSettings.of(aeronDirectory, true, "shared", "backoff", 1 << 20, 5_000);
    }

    RemoteServer server(String channel, String secret, String readOnlySecret, long maxClientLagMs) {
        return server(ServerSettings.of("test", channel, 4100, List.of("*"), secret, readOnlySecret, 100, 1_000,
                maxClientLagMs, transport()));
    }

    /** A started server of {@code settings}, closed after the test. */
    RemoteServer server(ServerSettings settings) {
        RemoteServer server = new RemoteServer(settings);
        server.start();
        closing.add(server);
        return server;
    }

    RemoteServer server(String channel) {
        return server(channel, channel.startsWith("aeron:udp") ? SECRET : "", "", 2_000);
    }

    static Map<String, Object> properties(String featureId, String name, String kind, int ranking) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(BackendProperties.FEATURE, featureId);
        properties.put(BackendProperties.BACKEND_NAME, name);
        properties.put(BackendProperties.BACKEND_KIND, kind);
        properties.put(org.osgi.framework.Constants.SERVICE_RANKING, ranking);
        properties.put(org.osgi.framework.Constants.SERVICE_ID, (long) name.hashCode());
        return properties;
    }

    RemoteClient client(String name, String channel, String secret, String onLoss) {
        return client(name, channel, secret, onLoss, Thermostat.class);
    }

    /** A client whose process has {@code thermostatInterface} as its thermostat (another build's, say). */
    RemoteClient client(String name, String channel, String secret, String onLoss, Class<?> thermostatInterface) {
        return client(name, channel, secret, onLoss, thermostatInterface, 1_000);
    }

    /** A client that is SUSPECT after 400 ms of silence and takes the server for lost after {@code livenessTimeoutMs}. */
    RemoteClient client(String name, String channel, String secret, String onLoss, Class<?> thermostatInterface, long livenessTimeoutMs) {
        return client(name, ClientSettings.of(name, channel, 4100, "", List.of("*"), secret, 100, 400, livenessTimeoutMs, 60_000,
                onLoss, 0, transport()), thermostatInterface);
    }

    /** A started client of {@code settings}, closed after the test. */
    RemoteClient client(String name, ClientSettings settings, Class<?> thermostatInterface) {
        RemoteClient client = new RemoteClient(settings, id -> id.equals("io.ifw.test.Thermostat") ? FeatureModel.of(thermostatInterface) : null,
                new RemoteClient.Registrar() {
                    @Override
                    public Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties) {
                        String key = name + "/" + properties.get(BackendProperties.FEATURE);
                        registered.put(key, backend);
                        registeredProperties.put(key, properties);
                        registrations.add("register " + key);
                        return key;
                    }

                    @Override
                    public void update(Object registration, Dictionary<String, Object> properties) {
                        registeredProperties.put((String) registration, properties);
                        registrations.add("update " + registration);
                    }

                    @Override
                    public void unregister(Object registration) {
                        registered.remove((String) registration);
                        registrations.add("unregister " + registration);
                    }
                });
        client.start();
        closing.add(client);
        return client;
    }

    RemoteClient client(String name, String channel) {
        return client(name, channel, channel.startsWith("aeron:udp") ? SECRET : "", "stay-bound");
    }

    /** The remote backend a client registered for the thermostat, once it has. */
    Backend remoteThermostat(String client) {
        await(() -> registered.containsKey(client + "/io.ifw.test.Thermostat"), "client " + client + " registers the thermostat");
        return registered.get(client + "/io.ifw.test.Thermostat");
    }

    /** A front end bound to a client's remote thermostat. */
    FeatureHandle<Thermostat> thermostat(String client) {
        return bind(Thermostat.class, remoteThermostat(client));
    }

    <F extends Feature> FeatureHandle<F> bind(Class<F> type, Backend backend) {
        FeatureHandle<F> handle = FeatureTestKit.bind(type, backend);
        closing.add(handle);
        return handle;
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void closeLater(AutoCloseable closeable) {
        closing.add(closeable);
    }

    @Override
    public void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
