package io.ifw.journal.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.RecoveredState;
import io.ifw.core.spi.ChangeHistory;
import io.ifw.core.spi.StateRecovery;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.openhft.chronicle.queue.ChronicleQueue;

/**
 * The journal's {@link StateRecovery}: gives a backend, before it is first bound, the state it had
 * when its process stopped, from the journal being written in this process or, before that
 * journal is open, from the default directory (framework property {@value #DIRECTORY_PROPERTY}).
 * The bundle declares the {@value StateRecovery#CAPABILITY} capability, so the runtime holds the
 * backends back until this component is registered, whatever order the bundles start in.
 */
@Component(service = {StateRecovery.class, ChangeHistory.class}, immediate = true, property = JournalRecovery.MARKER + "=true")
public final class JournalRecovery implements StateRecovery, ChangeHistory {

    /** The framework property naming the default journal directory. */
    public static final String DIRECTORY_PROPERTY = "ifw.journal.dir";

    /** The service property that tells the journal's own recovery service from other StateRecovery services. */
    public static final String MARKER = "ifw.journal.recovery";

    /** The target filter that selects the journal's own recovery service. */
    public static final String TARGET = "(" + MARKER + "=true)";
    private static final System.Logger LOG = System.getLogger(JournalRecovery.class.getName());

    private final List<JournalWriter> writers = new CopyOnWriteArrayList<>();
    private final List<Path> directories = new CopyOnWriteArrayList<>();
    private final Map<Path, ChronicleQueue> readers = new LinkedHashMap<>();
    /** What was restored from which journal directory: directory, feature id and backend name to the state. */
    private final Map<List<Object>, RecoveredState> restored = new java.util.concurrent.ConcurrentHashMap<>();

    public JournalRecovery(List<Path> defaultDirectories) {
        directories.addAll(defaultDirectories);
    }

    /** As a component: the default directory from the framework property {@value #DIRECTORY_PROPERTY}. */
    @Activate
    public JournalRecovery(BundleContext context) {
        String directory = context.getProperty(DIRECTORY_PROPERTY);
        if (directory != null && !directory.isBlank()) {
            directories.add(Path.of(directory.trim()));
        }
    }

    /** A journal opened in this process: recovery reads it through its writer. */
    public void add(JournalWriter writer) {
        writers.add(writer);
        synchronized (readers) {
            ChronicleQueue reader = readers.remove(writer.directory());
            if (reader != null) {
                reader.close();
            }
        }
    }

    public void remove(JournalWriter writer) {
        writers.remove(writer);
    }

    @Override
    public RecoveredState recover(FeatureModel model, String backendName) {
        List<Path> seen = new ArrayList<>();
        for (JournalWriter writer : writers) {
            seen.add(writer.directory());
            RecoveredState state = Queues.withChronicleLoader(() -> JournalReader.recover(writer.queue(), "the journal in "
                    + writer.directory(), model, backendName));
            if (state != null) {
                return remember(writer.directory(), model, backendName, state);
            }
        }
        for (Path directory : directories) {
            Path normalized = directory.toAbsolutePath().normalize();
            if (seen.contains(normalized)) {
                continue;
            }
            ChronicleQueue queue = reader(normalized);
            if (queue != null) {
                RecoveredState state = Queues.withChronicleLoader(() -> JournalReader.recover(queue, "the journal in " + normalized, model,
                        backendName));
                if (state != null) {
                    return remember(normalized, model, backendName, state);
                }
            }
        }
        return null;
    }

    private RecoveredState remember(Path directory, FeatureModel model, String backendName, RecoveredState state) {
        restored.put(List.of(directory.toAbsolutePath().normalize(), model.id(), backendName), state);
        return state;
    }

    /**
     * The state last restored from the journal in {@code directory} for the backend named
     * {@code backendName} of {@code featureId}, or {@code null}; taken once. The journal that opens
     * that directory next holds the changes up to the restored one and goes on after it; a journal
     * that attaches the backend later (after a reconfiguration) starts from a snapshot.
     */
    public RecoveredState takeRestored(Path directory, String featureId, String backendName) {
        return restored.remove(List.of(directory.toAbsolutePath().normalize(), featureId, backendName));
    }

    /**
     * Reads the history from the journals being written, then from the journal folders state is
     * recovered from: a backend restored from a folder whose journal has not started writing yet
     * (the journal component activates a moment after the backend's state is back) is caught up
     * from what the earlier runs wrote there.
     */
    @Override
    public Replay changesSince(FeatureModel model, String backendName, long logId, long since, long until, int limit,
                               io.ifw.core.spi.ChangeLog.Handler handler) {
        Replay best = new Replay(since, "no journal of this process holds " + model.id() + " (" + backendName + ")");
        List<ChronicleQueue> sources = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        for (JournalWriter writer : writers) {
            seen.add(writer.directory());
            sources.add(writer.queue());
        }
        for (Path directory : directories) {
            Path normalized = directory.toAbsolutePath().normalize();
            ChronicleQueue queue = seen.contains(normalized) ? null : reader(normalized);
            if (queue != null) {
                sources.add(queue);
            }
        }
        for (ChronicleQueue queue : sources) {
            // A source's changes reach the handler only when it holds all of them: one that stops at a gap hands nothing.
            List<Handed> changes = new ArrayList<>();
            Replay replay = Queues.withChronicleLoader(() -> JournalReader.changesSince(queue, model, backendName, logId, since, until, limit,
                    new io.ifw.core.spi.ChangeLog.Handler() {
                        @Override
                        public void snapshot(long at, io.ifw.core.spi.StateTable state, String reason) {
                        }

                        @Override
                        public void change(long at, io.ifw.core.spi.ChangeLog.Kind kind, int member, String zone, Object value) {
                            changes.add(new Handed(at, kind, member, zone, value));
                        }
                    }));
            if (replay.complete()) {
                for (Handed change : changes) {
                    handler.change(change.at(), change.kind(), change.member(), change.zone(), change.value());
                }
                return replay;
            }
            if (best.refusal().startsWith("no journal of this process") || !replay.refusal().startsWith("the journal has no record of this change log")) {
                best = replay;
            }
        }
        return best;
    }

    private record Handed(long at, io.ifw.core.spi.ChangeLog.Kind kind, int member, String zone, Object value) {
    }

    private ChronicleQueue reader(Path directory) {
        synchronized (readers) {
            ChronicleQueue queue = readers.get(directory);
            if (queue == null) {
                try {
                    queue = Queues.openForReading(directory);
                } catch (JournalException e) {
                    return null; // nothing journaled there yet
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "IFW: cannot read the journal in " + directory + " to recover state: " + e);
                    return null;
                }
                readers.put(directory, queue);
            }
            return queue;
        }
    }

    /** Closes the journals opened for reading. */
    @Deactivate
    public void close() {
        synchronized (readers) {
            readers.values().forEach(ChronicleQueue::close);
            readers.clear();
        }
    }
}
