package io.ifw.media;

import io.ifw.core.Feature;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.annotations.Default;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/** Indexes the media folder into the library, in the background. */
@io.ifw.core.annotations.Feature(id = "io.ifw.media.MediaIndexer", version = "1.0")
@ProviderType
public interface MediaIndexer extends Feature {

    /** What the indexer does. */
    enum State { IDLE, INDEXING, PAUSED, ERROR }

    @Default("IDLE")
    ReadOnlyProperty<State> state();

    /** How far the current run is, 0.0 to 1.0. */
    @Default("0")
    ReadOnlyProperty<Double> progress();

    /** Files indexed by the last (or current) run. */
    @Default("0")
    ReadOnlyProperty<Integer> indexedFiles();

    /** Files skipped by the last (or current) run: unreadable, or not audio. */
    @Default("0")
    ReadOnlyProperty<Integer> skippedFiles();

    Promise<Void> pause();

    Promise<Void> resume();

    /** Indexes the folder again; resolves when the run is complete. */
    Promise<Void> reindex();
}
