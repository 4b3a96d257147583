package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.RemoteEndpoint;
import io.ifw.backend.remote.aeron.RemoteReport;
import io.ifw.backend.remote.aeron.transport.Channels;
import io.ifw.backend.remote.aeron.transport.Settings;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.Configurations;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A remote server per factory configuration {@value #PID}: exports the backends registered in
 * this framework to other processes and hosts. A configuration with bad values is reported in
 * one line and in {@code ifw:remote}, and serves nothing.
 */
@Component(service = RemoteEndpoint.class, configurationPid = RemoteServerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = RemoteServerComponent.Config.class, factory = true)
public final class RemoteServerComponent implements RemoteEndpoint {

    /** The journal's history, where one runs: clients back after a restart catch up from it. */
    private volatile io.ifw.core.spi.ChangeHistory history;

    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY, unbind = "unbindHistory")
    void bindHistory(io.ifw.core.spi.ChangeHistory added) {
        history = added;
        if (server != null) {
            LOG.log(Level.INFO, "IFW: remote server '" + name + "': clients that come back catch up from the journal's history");
        }
    }

    void unbindHistory(io.ifw.core.spi.ChangeHistory removed) {
        if (history == removed) {
            history = null;
        }
    }

    /** The runtime's recovery barrier: a backend is exported only once its journaled state is restored (or none is coming). */
    private volatile io.ifw.core.spi.RecoveryBarrier barrier;
    private final Runnable retryHeld = this::retryHeld;

    private void retryHeld() {
        RemoteServer current = server;
        if (current != null) {
            current.recoveryMayBeReady();
        }
    }

    // Mandatory: a server that exported before the runtime's barrier was there would read logs a recovery then renumbers.
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MANDATORY,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY, unbind = "unbindBarrier")
    void bindBarrier(io.ifw.core.spi.RecoveryBarrier added) {
        barrier = added;
        added.onChange(retryHeld);
        retryHeld.run();
    }

    void unbindBarrier(io.ifw.core.spi.RecoveryBarrier removed) {
        removed.removeOnChange(retryHeld);
        if (barrier == removed) {
            barrier = null;
        }
    }

    static final String PID = "io.ifw.remote.server";
    private static final System.Logger LOG = System.getLogger(RemoteServerComponent.class.getName());

    @ObjectClassDefinition(name = "IFW remote server", description = "Serves this process's backends over Aeron")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "Names the server in logs and ifw:remote")
        String name() default "default";

        @AttributeDefinition(name = "Channel", description = "aeron:ipc, or aeron:udp?endpoint=HOST:PORT (aeron:udp alone listens on 127.0.0.1:40456)")
        String channel() default Channels.DEFAULT_CHANNEL;

        @AttributeDefinition(name = "Stream id")
        int streamId() default Channels.DEFAULT_STREAM_ID;

        @AttributeDefinition(name = "Features", description = "Feature ids (globs) to export; * for all")
        String[] features() default {"*"};

        @AttributeDefinition(name = "Secret", description = "Clients proving it get full access; required over UDP", type = AttributeType.PASSWORD)
        String secret() default "";

        @AttributeDefinition(name = "Read-only secret", description = "Clients proving it may subscribe but not write or call",
                type = AttributeType.PASSWORD)
        String readOnlySecret() default "";

        @AttributeDefinition(name = "Aeron directory", description = "Empty: ifw.aeron.dir, IFW_AERON_DIR, or Aeron's default")
        String aeronDirectory() default "";

        @AttributeDefinition(name = "Embedded driver", description = "Start a media driver when none is active in the directory")
        boolean embeddedDriver() default true;

        @AttributeDefinition(name = "Threading", description = "The embedded driver's threading: shared or dedicated")
        String threading() default "shared";

        @AttributeDefinition(name = "Idle strategy", description = "backoff, yielding, busy-spin or sleeping")
        String idleStrategy() default TransportSettings.DEFAULT_IDLE;

        @AttributeDefinition(name = "Term length", description = "Bytes per term of IFW's publications; the largest message is an eighth")
        int termLength() default TransportSettings.DEFAULT_TERM_LENGTH;

        @AttributeDefinition(name = "Driver timeout (ms)")
        long driverTimeoutMs() default TransportSettings.DEFAULT_DRIVER_TIMEOUT_MS;

        @AttributeDefinition(name = "Heartbeat interval (ms)")
        long heartbeatIntervalMs() default 500;

        @AttributeDefinition(name = "Liveness timeout (ms)", description = "A client silent this long is dropped")
        long livenessTimeoutMs() default 3000;

        @AttributeDefinition(name = "Largest client lag (ms)", description = "A client that takes no updates this long is cut off")
        long maxClientLagMs() default 2000;

        @AttributeDefinition(name = "Fan-out channel", description = "Empty: every client is sent every change on its own channel. Else every "
                + "change goes once to all clients: aeron:udp?endpoint=239.x.y.z:PORT|interface=SUBNET (multicast) or "
                + "aeron:udp?control=HOST:PORT|control-mode=dynamic (multi-destination-cast)")
        String fanoutChannel() default "";

        @AttributeDefinition(name = "Fan-out stream id")
        int fanoutStreamId() default Channels.DEFAULT_STREAM_ID + 2;
    }

    private volatile RemoteServer server;
    /** The backends Declarative Services has bound, in their order; guarded by this. */
    private final Map<Backend, Map<String, Object>> backends = new LinkedHashMap<>();
    /** Whether the server runs and is told of backends as they come and go; guarded by this. */
    private boolean exporting;
    private String name = "";
    private String problem = "";
    /** What the configuration asked for, shown even when the component could not start. */
    private String configuredChannel = "";
    private int configuredStreamId;

    @Activate
    void activate(Map<String, Object> properties, BundleContext context) {
        name = String.valueOf(properties.getOrDefault("name", "default"));
        configuredChannel = String.valueOf(properties.getOrDefault("channel", Channels.DEFAULT_CHANNEL));
        configuredStreamId = Settings.streamIdForDisplay(properties.get("streamId"));
        ServerSettings settings;
        try {
            Config config = Configurations.read(Config.class, properties);
            name = config.name();
            TransportSettings transport = TransportSettings.of(Settings.aeronDirectory(config.aeronDirectory(), context),
                    config.embeddedDriver(), config.threading(), config.idleStrategy(), config.termLength(), config.driverTimeoutMs());
            settings = ServerSettings.of(config.name(), config.channel(), config.streamId(), Settings.list(config.features()),
                    config.secret(), config.readOnlySecret(), config.heartbeatIntervalMs(), config.livenessTimeoutMs(),
                    config.maxClientLagMs(), transport).withFanout(config.fanoutChannel(), config.fanoutStreamId());
        } catch (IllegalArgumentException e) {
            problem = Configurations.problem(properties, e);
            LOG.log(Level.WARNING, "IFW: remote server '" + name + "' (" + PID + ") is not started: " + problem);
            return;
        }
        server = new RemoteServer(settings);
        server.history(() -> history);
        if (history != null) {
            LOG.log(Level.INFO, "IFW: remote server '" + name + "': clients that come back catch up from the journal's history");
        }
        server.barrier(() -> barrier);
        server.start();
        synchronized (this) {
            exporting = true;
            backends.forEach((backend, serviceProperties) -> server.backendAdded(backend, new HashMap<>(serviceProperties)));
        }
    }

    /**
     * Every backend of this framework, as Declarative Services hands them over (also before
     * {@link #activate}); the server exports the ones its configuration names once it runs.
     */
    @Reference(name = "backends", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "backendModified", unbind = "backendRemoved")
    synchronized void backendAdded(Backend backend, Map<String, Object> serviceProperties) {
        backends.put(backend, serviceProperties);
        if (exporting) {
            server.backendAdded(backend, new HashMap<>(serviceProperties));
        }
    }

    synchronized void backendModified(Backend backend, Map<String, Object> serviceProperties) {
        backends.put(backend, serviceProperties);
        if (exporting) {
            server.backendModified(backend, new HashMap<>(serviceProperties));
        }
    }

    synchronized void backendRemoved(Backend backend) {
        if (backends.remove(backend) != null && exporting) {
            server.backendRemoved(backend);
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            exporting = false;
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public Object report() {
        if (server == null) {
            return new RemoteReport.Server(name, configuredChannel, configuredStreamId, "FAILED", "not started: " + problem, "", List.of(), List.of(), 0, 0, Map.of(), null, null, 0, "");
        }
        return server.report();
    }
}
