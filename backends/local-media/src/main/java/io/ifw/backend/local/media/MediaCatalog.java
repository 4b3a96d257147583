package io.ifw.backend.local.media;

import io.ifw.core.spi.Configurations;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.Registration;
import io.ifw.core.spi.ListModel;
import io.ifw.media.AudioTrack;
import io.ifw.media.MediaIndexer.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * The tracks of a media folder, indexed in the background on a thread of its own, so the front
 * ends never wait for it. A run reads every file, adds what is new, replaces what changed, counts
 * what it skips (not audio, unreadable) and at its end removes the tracks whose files are gone:
 * what was indexed before stays until then. Shared by the library, indexer and player backends.
 */
@Component(service = MediaCatalog.class, configurationPid = MediaCatalog.PID)
@Designate(ocd = MediaCatalog.Config.class)
public final class MediaCatalog {

    static final String PID = "io.ifw.backend.local.media";
    private static final System.Logger LOG = System.getLogger(MediaCatalog.class.getName());
    private static final int BATCH = 250;

    @ObjectClassDefinition(name = "IFW local media catalog", description = "The folder of audio files the library is built from")
    public @interface Config {
        @AttributeDefinition(name = "Media folder", description = "Empty: the system property ifw.media.folder, else ~/Music",
                required = false)
        String folder() default "";

        @AttributeDefinition(name = "Index on start")
        boolean indexOnStart() default true;
    }

    private final Path folder;
    private final ListModel<AudioTrack> tracks = new ListModel<>(EnumSet.of(ModelCapability.FILTERING, ModelCapability.SORTING,
            ModelCapability.AND_CONJUNCTION, ModelCapability.OR_CONJUNCTION));
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<Consumer<IndexerStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker;
    private final Object pauseLock = new Object();
    private volatile IndexerStatus status = IndexerStatus.IDLE;
    private volatile boolean paused;
    private volatile boolean stopped;
    private Deferred<Void> running;

    @Activate
    public MediaCatalog(Map<String, Object> properties) {
        this(Configurations.readOrFail(PID, Config.class, properties, config -> { }));
    }

    private MediaCatalog(Config config) {
        this(folderOf(config.folder()));
        if (config.indexOnStart()) {
            reindex();
        }
    }

    MediaCatalog(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ifw-media-indexer");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Path folderOf(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String property = System.getProperty("ifw.media.folder");
        return property != null && !property.isBlank() ? Path.of(property) : Path.of(System.getProperty("user.home"), "Music");
    }

    Path folder() {
        return folder;
    }

    /** Every track, in the order they were found. */
    ListModel<AudioTrack> tracks() {
        return tracks;
    }

    synchronized Optional<AudioTrack> find(String id) {
        Integer position = positions.get(id);
        return position == null ? Optional.empty() : Optional.of(tracks.get(position));
    }

    IndexerStatus status() {
        return status;
    }

    /** Calls {@code listener} with each new status, on the indexer's thread. */
    Registration onStatus(Consumer<IndexerStatus> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /** Starts a run (or joins the one under way); resolves when it is complete. */
    synchronized Promise<Void> reindex() {
        if (stopped) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_OPERATION, "the media catalog is stopped"));
        }
        if (running != null) {
            return running.getPromise();
        }
        Deferred<Void> run = new Deferred<>();
        running = run;
        worker.execute(() -> {
            FeatureException failure = null;
            try {
                index();
            } catch (FeatureException e) {
                failure = e;
            } catch (RuntimeException e) {
                publish(new IndexerStatus(State.ERROR, status.progress(), status.indexed(), status.skipped(), e.toString()));
                failure = new FeatureException(ErrorCode.UNKNOWN, "indexing " + folder + " failed: " + e, e);
            }
            // the run is over before anyone hears so: a reindex() called on the news starts a new one
            synchronized (this) {
                running = null;
            }
            if (failure == null) {
                run.resolve(null);
            } else {
                run.fail(failure);
            }
        });
        return run.getPromise();
    }

    void pause() {
        paused = true;
        IndexerStatus now = status;
        if (now.state() == State.INDEXING) {
            publish(new IndexerStatus(State.PAUSED, now.progress(), now.indexed(), now.skipped(), ""));
        }
    }

    void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        IndexerStatus now = status;
        if (now.state() == State.PAUSED) {
            publish(new IndexerStatus(State.INDEXING, now.progress(), now.indexed(), now.skipped(), ""));
        }
    }

    private void index() {
        if (!Files.isDirectory(folder)) {
            String message = "the media folder " + folder + " does not exist or is not a folder";
            publish(new IndexerStatus(State.ERROR, 0, 0, 0, message));
            LOG.log(Level.WARNING, "IFW: " + message + "; the library keeps " + tracks.size() + " tracks");
            throw new FeatureException(ErrorCode.INVALID_OPERATION, message);
        }
        List<Path> files = listFiles();
        publish(new IndexerStatus(paused ? State.PAUSED : State.INDEXING, 0, 0, 0, ""));
        Set<String> seen = new HashSet<>();
        List<AudioTrack> batch = new ArrayList<>(BATCH);
        int indexed = 0;
        int skipped = 0;
        for (int i = 0; i < files.size() && !stopped; i++) {
            waitWhilePaused();
            Path file = files.get(i);
            try {
                AudioTrack track = TrackReader.read(folder, file);
                seen.add(track.id());
                batch.add(track);
                indexed++;
            } catch (TrackReader.NotATrackException e) {
                skipped++;
                // a file indexed before and unreadable now keeps its track: nothing indexed is lost
                seen.add(folder.relativize(file).toString().replace('\\', '/'));
                LOG.log(Level.DEBUG, "IFW: skipped " + file + ": " + e.getMessage());
            }
            if (batch.size() == BATCH || i == files.size() - 1) {
                store(batch);
                batch.clear();
                publish(new IndexerStatus(paused ? State.PAUSED : State.INDEXING, (i + 1.0) / files.size(), indexed, skipped, ""));
            }
        }
        store(batch);
        removeAllBut(seen);
        publish(new IndexerStatus(State.IDLE, 1.0, indexed, skipped, ""));
        LOG.log(Level.INFO, "IFW: indexed " + indexed + " tracks in " + folder + ", skipped " + skipped + " files");
    }

    private List<Path> listFiles() {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            String message = "cannot list the media folder " + folder + ": " + e.getMessage();
            publish(new IndexerStatus(State.ERROR, 0, 0, 0, message));
            throw new FeatureException(ErrorCode.INVALID_OPERATION, message, e);
        }
    }

    private synchronized void store(List<AudioTrack> batch) {
        List<AudioTrack> added = new ArrayList<>();
        for (AudioTrack track : batch) {
            Integer position = positions.get(track.id());
            if (position == null) {
                positions.put(track.id(), tracks.size() + added.size());
                added.add(track);
            } else if (!tracks.get(position).equals(track)) {
                tracks.set(position, track);
            }
        }
        tracks.addAll(added);
    }

    private synchronized void removeAllBut(Set<String> seen) {
        for (int position = tracks.size() - 1; position >= 0; position--) {
            if (!seen.contains(tracks.get(position).id())) {
                tracks.remove(position);
            }
        }
        positions.clear();
        List<AudioTrack> all = tracks.snapshot();
        for (int i = 0; i < all.size(); i++) {
            positions.put(all.get(i).id(), i);
        }
    }

    private void waitWhilePaused() {
        synchronized (pauseLock) {
            while (paused && !stopped) {
                try {
                    pauseLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publish(IndexerStatus next) {
        status = next;
        statusListeners.forEach(listener -> listener.accept(next));
    }

    @Deactivate
    public void stop() {
        stopped = true;
        resume();
        worker.shutdownNow();
    }
}
