package io.ifw.backend.remote.aeron.client;

import io.ifw.backend.remote.aeron.RemoteEndpoint;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.Settings;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.FeatureCatalog;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.Configurations;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A remote client per factory configuration {@value #PID}: registers a remote backend service
 * for each feature its server offers that a bundle of this framework declares. A configuration
 * with bad values is reported in one line and in {@code ifw:remote}, and connects nowhere.
 */
@Component(service = RemoteEndpoint.class, configurationPid = RemoteClientComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = RemoteClientComponent.Config.class, factory = true)
public final class RemoteClientComponent implements RemoteEndpoint {

    static final String PID = "io.ifw.remote.client";
    private static final System.Logger LOG = System.getLogger(RemoteClientComponent.class.getName());

    @ObjectClassDefinition(name = "IFW remote client", description = "Takes features from a remote server over Aeron")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Names the client in logs and ifw:remote; its backends are named NAME:BACKEND")
        String name() default "remote";

        @AttributeDefinition(name = "Channel", description = "The server's channel: aeron:ipc, or aeron:udp?endpoint=HOST:PORT")
        String channel() default Channels.DEFAULT_CHANNEL;

        @AttributeDefinition(name = "Stream id", description = "The server's stream id")
        int streamId() default Channels.DEFAULT_STREAM_ID;

        @AttributeDefinition(name = "Response channel", description = "Where the server answers; empty: aeron:ipc, or an ephemeral UDP port of the address that reaches the server")
        String responseChannel() default "";

        @AttributeDefinition(name = "Features", description = "Feature ids (globs) to take from the server; * for all")
        String[] features() default {"*"};

        @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD)
        String secret() default "";

        @AttributeDefinition(name = "Aeron directory", description = "Empty: ifw.aeron.dir, IFW_AERON_DIR, or Aeron's default")
        String aeronDirectory() default "";

        @AttributeDefinition(name = "Embedded driver", description = "Start a media driver when none is active in the directory")
        boolean embeddedDriver() default true;

        @AttributeDefinition(name = "Threading", description = "The embedded driver's threading: shared or dedicated")
        String threading() default "shared";

        @AttributeDefinition(name = "Idle strategy", description = "backoff, yielding, busy-spin or sleeping")
        String idleStrategy() default TransportSettings.DEFAULT_IDLE;

        @AttributeDefinition(name = "Term length")
        int termLength() default TransportSettings.DEFAULT_TERM_LENGTH;

        @AttributeDefinition(name = "Driver timeout (ms)")
        long driverTimeoutMs() default TransportSettings.DEFAULT_DRIVER_TIMEOUT_MS;

        @AttributeDefinition(name = "Heartbeat interval (ms)")
        long heartbeatIntervalMs() default 500;

        @AttributeDefinition(name = "Suspect after (ms)", description = "The server is suspect when silent this long")
        long suspectAfterMs() default 1000;

        @AttributeDefinition(name = "Liveness timeout (ms)", description = "The server is lost when silent this long")
        long livenessTimeoutMs() default 3000;

        @AttributeDefinition(name = "Call timeout (ms)")
        long callTimeoutMs() default 10_000;

        @AttributeDefinition(name = "On loss", description = "stay-bound: values stale, calls fail with NOT_CONNECTED; unregister: discovery fails over")
        String onLoss() default "stay-bound";

        @AttributeDefinition(name = "Service ranking", description = "The ranking of the remote backends")
        int ranking() default 0;

        @AttributeDefinition(name = "Use fan-out", description = "Hear the server's fan-out publication (multicast or multi-destination-cast) "
                + "when it has one; false: every change comes on this client's own answer channel")
        boolean useFanout() default true;
    }

    @Reference
    private FeatureCatalog catalog;
    private RemoteClient client;
    private OffAgentRegistrar registrar;
    private AutoCloseable watching;
    private String name = "";
    private String problem = "";
    /** What the configuration asked for, shown even when the component could not start. */
    private String configuredChannel = "";
    private int configuredStreamId;

    @Activate
    void activate(Map<String, Object> properties, BundleContext context) {
        name = String.valueOf(properties.getOrDefault("name", "remote"));
        configuredChannel = String.valueOf(properties.getOrDefault("channel", Channels.DEFAULT_CHANNEL));
        configuredStreamId = Settings.streamIdForDisplay(properties.get("streamId"));
        ClientSettings settings;
        try {
            Config config = Configurations.read(Config.class, properties);
            name = config.name();
            TransportSettings transport = TransportSettings.of(Settings.aeronDirectory(config.aeronDirectory(), context),
                    config.embeddedDriver(), config.threading(), config.idleStrategy(), config.termLength(), config.driverTimeoutMs());
            settings = ClientSettings.of(config.name(), config.channel(), config.streamId(), config.responseChannel(),
                    Settings.list(config.features()), config.secret(), config.heartbeatIntervalMs(), config.suspectAfterMs(),
                    config.livenessTimeoutMs(), config.callTimeoutMs(), config.onLoss(), config.ranking(), transport);
            if (!config.useFanout()) {
                settings = settings.withoutFanout();
            }
        } catch (IllegalArgumentException e) {
            problem = Configurations.problem(properties, e);
            LOG.log(Level.WARNING, "IFW: remote client '" + name + "' (" + PID + ") is not started: " + problem);
            return;
        }
        // This process's feature models come from the runtime's catalog (the one feature-bundle tracker).
        watching = catalog.watch(new FeatureCatalog.Listener() {
            @Override
            public void added(FeatureCatalog.Entry feature) {
                if (client != null) {
                    client.featureModelsChanged();
                }
            }

            @Override
            public void removed(FeatureCatalog.Entry feature) {
                if (client != null) {
                    client.featureModelsChanged();
                }
            }
        });
        // OSGi service events (front ends rebinding) run on a thread of their own, never on the client's agent.
        registrar = new OffAgentRegistrar(name, new RemoteClient.Registrar() {
            @Override
            public Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties) {
                return context.registerService(Backend.class, backend, properties);
            }

            @Override
            public void update(Object registration, Dictionary<String, Object> properties) {
                ((ServiceRegistration<?>) registration).setProperties(properties);
            }

            @Override
            public void unregister(Object registration) {
                try {
                    ((ServiceRegistration<?>) registration).unregister();
                } catch (IllegalStateException e) {
                    // already gone with the bundle
                }
            }
        });
        client = new RemoteClient(settings, id -> catalog.find(id).orElse(null), registrar);
        client.start();
    }

    @Deactivate
    void deactivate() {
        if (client != null) {
            client.close();
        }
        if (registrar != null) {
            registrar.close();
        }
        if (watching != null) {
            try {
                watching.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "IFW: remote client '" + name + "': " + e);
            }
        }
    }

    @Override
    public Object report() {
        if (client == null) {
            return new RemoteReport.Client(name, configuredChannel, configuredStreamId, "FAILED", "not started: " + problem, "", "", 0, 0, 0, 0, List.of(), 0, Map.of(), null, null, 0, "");
        }
        return client.report();
    }
}
