package io.ifw.backend.local.media;

import io.ifw.media.MediaIndexer;

/**
 * Where the catalog's indexing is.
 *
 * @param state    idle, indexing, paused or error
 * @param progress of the current (or last) run, 0.0 to 1.0
 * @param indexed  files read into the catalog by that run
 * @param skipped  files skipped by that run (not audio, or unreadable)
 * @param error    what went wrong in state ERROR; else empty
 */
record IndexerStatus(MediaIndexer.State state, double progress, int indexed, int skipped, String error) {

    static final IndexerStatus IDLE = new IndexerStatus(MediaIndexer.State.IDLE, 0, 0, 0, "");
}
