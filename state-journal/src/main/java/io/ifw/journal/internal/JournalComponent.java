package io.ifw.journal.internal;

import io.ifw.core.spi.Configurations;
import io.ifw.core.spi.Globs;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.ChangeLogFeed;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.spi.StateRecovery;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.queue.RollCycle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A journal per factory configuration {@value #PID}: every non-remote backend of the features it
 * names is journaled in its directory, and restored from it when it starts again (through the
 * bundle's {@link JournalRecovery}). A configuration that cannot be used (no directory, a
 * directory another process writes) is reported in one line and journals nothing.
 */
@Component(service = JournalEndpoint.class, configurationPid = JournalComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = JournalComponent.Config.class, factory = true)
public final class JournalComponent implements JournalEndpoint {

    static final String PID = "io.ifw.journal";
    private static final System.Logger LOG = System.getLogger(JournalComponent.class.getName());

    @ObjectClassDefinition(name = "IFW state journal", description = "Journals the state of features' backends in Chronicle Queue files")
    public @interface Config {
        @AttributeDefinition(name = "Directory", description = "The journal's directory; empty: the framework property ifw.journal.dir")
        String directory() default "";

        @AttributeDefinition(name = "Features", description = "Feature ids (globs) to journal; * for all")
        String[] features() default {"*"};

        @AttributeDefinition(name = "Roll cycle", description = "How often a new file starts: FAST_HOURLY, FAST_DAILY, FIVE_MINUTELY, ...")
        String rollCycle() default "FAST_DAILY";

        @AttributeDefinition(name = "Retained cycles", description = "How many files to keep (0: all); each new one starts with a snapshot")
        int retainCycles() default 14;

        @AttributeDefinition(name = "Snapshot every", description = "A backend's full state is journaled again after this many changes")
        int snapshotEvery() default 10_000;
    }

    private final Map<ServiceReference<Backend>, Journaled> journaled = new ConcurrentHashMap<>();

    @Reference(target = JournalRecovery.TARGET)
    private StateRecovery recovery;

    private String name = "";
    private String problem = "";
    private List<String> features = List.of();
    private int snapshotEvery;
    private JournalWriter writer;
    /** The backends Declarative Services has bound (also before {@link #activate}); guarded by this. */
    private final Set<ServiceReference<Backend>> backends = new LinkedHashSet<>();
    /** The bundle context while the journal writes, else null; guarded by this. */
    private BundleContext journaling;
    private JournalAppender appender;

    /** A journaled backend: its stream, and the feed that gives it a change log when it has none of its own. */
    private record Journaled(BackendStream stream, ChangeLogFeed feed, JournalWriter.RollListener onRoll) {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        name = pid == null ? PID : pid.toString();
        try {
            Config config = Configurations.read(Config.class, properties);
            String directory = config.directory() == null || config.directory().isBlank()
                    ? context.getProperty(JournalRecovery.DIRECTORY_PROPERTY) : config.directory().trim();
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("no directory: set 'directory', or the framework property " + JournalRecovery.DIRECTORY_PROPERTY);
            }
            if (config.snapshotEvery() < 1) {
                throw new IllegalArgumentException("snapshotEvery " + config.snapshotEvery() + " is below 1");
            }
            if (config.retainCycles() < 0) {
                throw new IllegalArgumentException("retainCycles " + config.retainCycles() + " is below 0");
            }
            RollCycle rollCycle = Queues.rollCycle(config.rollCycle());
            features = Arrays.stream(config.features() == null ? new String[0] : config.features())
                    .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(value -> !value.isEmpty()).toList();
            snapshotEvery = config.snapshotEvery();
            writer = new JournalWriter(Path.of(directory), rollCycle, config.retainCycles());
        } catch (IllegalArgumentException e) {
            problem = Configurations.problem(properties, e);
            LOG.log(Level.WARNING, "IFW: journal " + name + " (" + PID + ") is not started: " + problem);
            return;
        } catch (JournalException e) {
            // not a bad value but the directory's state (another writer, no space): its message says which
            problem = e.getMessage();
            LOG.log(Level.WARNING, "IFW: journal " + name + " (" + PID + ") is not started: " + problem);
            return;
        }
        ((JournalRecovery) recovery).add(writer);
        writer.retentionGuard(() -> journaled.values().stream().mapToInt(j -> j.stream().snapshotCycle()).min().orElse(Integer.MAX_VALUE));
        appender = new JournalAppender(name);
        synchronized (this) {
            journaling = context;
            new ArrayList<>(backends).forEach(reference -> journal(context, reference));
        }
        LOG.log(Level.INFO, "IFW: journal " + name + " writes " + writer.directory() + " (features " + features + ", sequence "
                + writer.lastSequence() + ")");
    }

    /**
     * Every backend service, as a reference: the journal takes the service itself only for the
     * backends its configuration names (so it activates no other), once it writes.
     */
    @Reference(name = "backends", service = Backend.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "backendRemoved")
    synchronized void backendAdded(ServiceReference<Backend> reference) {
        backends.add(reference);
        if (journaling != null) {
            journal(journaling, reference);
        }
    }

    synchronized void backendRemoved(ServiceReference<Backend> reference) {
        backends.remove(reference);
        Journaled entry = journaled.get(reference);
        if (entry != null && journaling != null) {
            stop(reference, entry);
            journaling.ungetService(reference);
        }
    }

    private Journaled journal(BundleContext context, ServiceReference<Backend> reference) {
        Object featureId = reference.getProperty(BackendProperties.FEATURE);
        if (featureId == null || Boolean.parseBoolean(String.valueOf(reference.getProperty(BackendProperties.BACKEND_REMOTE)))
                || features.stream().noneMatch(glob -> Globs.matches(glob, featureId.toString()))) {
            return null;
        }
        Backend backend = context.getService(reference);
        if (backend == null) {
            return null;
        }
        String backendName = BackendProperties.recoveryName(reference.getProperty(BackendProperties.BACKEND_NAME), backend);
        Object kind = reference.getProperty(BackendProperties.BACKEND_KIND);
        if (backend instanceof AbstractBackend<?> recoverable) {
            // Restored before it is journaled (the runtime has usually done it before binding; then this does nothing).
            recoverable.recover(recovery, backendName);
        }
        BackendStream stream = new BackendStream(writer, featureId.toString(), backendName, backend.getClass().getName(),
                kind == null ? BackendProperties.KIND_PRODUCTION : kind.toString(), backend.model(), snapshotEvery);
        JournalWriter.RollListener onRoll = stream::snapshotDue;
        writer.onRoll(onRoll);
        try {
            ChangeLog log = ChangeLogFeed.logOf(backend);
            ChangeLogFeed feed = log == null ? ChangeLogFeed.follow(backend) : null;
            // A backend restored from this journal's directory: the journal goes on after the restored change.
            appender.attach(stream, log == null ? feed.changeLog() : log,
                    ((JournalRecovery) recovery).takeRestored(writer.directory(), featureId.toString(), backendName));
            Journaled entry = new Journaled(stream, feed, onRoll);
            journaled.put(reference, entry);
            return entry;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IFW: journal " + name + " cannot connect backend " + backendName + " of " + featureId + ": " + e);
            writer.removeRollListener(onRoll);
            context.ungetService(reference);
            return null;
        }
    }

    private void stop(ServiceReference<Backend> reference, Journaled entry) {
        journaled.remove(reference);
        writer.removeRollListener(entry.onRoll());
        appender.detach(entry.stream());
        if (entry.feed() != null) {
            try {
                entry.feed().close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "IFW: closing a journaled backend's connection: " + e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (journaling != null) {
                for (Map.Entry<ServiceReference<Backend>, Journaled> entry : new ArrayList<>(journaled.entrySet())) {
                    stop(entry.getKey(), entry.getValue());
                    journaling.ungetService(entry.getKey());
                }
            }
            journaling = null;
        }
        if (appender != null) {
            appender.close();
        }
        if (writer != null) {
            ((JournalRecovery) recovery).remove(writer);
            writer.close();
        }
    }

    @Override
    public String report() {
        if (writer == null) {
            return "journal " + name + ": FAILED (not started: " + problem + ")";
        }
        StringBuilder text = new StringBuilder("journal ").append(name).append(": writing ").append(writer.directory())
                .append(", sequence ").append(writer.lastSequence());
        if (!appender.running()) {
            text.append(", STOPPED appending (").append(appender.lastError()).append(')');
        } else if (appender.errors() > 0) {
            text.append(", ").append(appender.errors()).append(" streams failed (last: ").append(appender.lastError()).append(')');
        }
        if (writer.failures() > 0) {
            text.append(", ").append(writer.failures()).append(" appends failed (last: ").append(writer.lastFailure()).append(')');
        }
        text.append('\n');
        List<Journaled> entries = new ArrayList<>(journaled.values());
        entries.sort(java.util.Comparator.comparing((Journaled j) -> j.stream().featureId()).thenComparing(j -> j.stream().source()));
        for (Journaled entry : entries) {
            text.append("  ").append(entry.stream().featureId()).append(" from ").append(entry.stream().source()).append(": ")
                    .append(entry.stream().changes()).append(" changes journaled");
            io.ifw.core.spi.ChangeLog.Reader reader = entry.stream().reader();
            if (reader != null && reader.lag() > 0) {
                text.append(", ").append(reader.lag()).append(" behind");
            }
            if (entry.stream().resyncs() > 0) {
                text.append(", ").append(entry.stream().resyncs()).append(" resyncs (fell behind the backend's change log)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public Path directory() {
        return writer == null ? null : writer.directory();
    }
}
