package io.ifw.journal;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** Records features and replays recordings (an OSGi service of the journal bundle). */
@ProviderType
public interface Recorder {

    /**
     * Starts recording every value the feature's shared front end shows, per zone, with its
     * time, into a journal directory of its own (created if need be; one writer at a time).
     *
     * @throws IllegalArgumentException naming an unknown feature id
     * @throws IllegalStateException    when the directory cannot be written, or another writer holds it
     */
    Recording record(String featureId, Path directory);

    /**
     * Replays a recording of a feature through that feature's simulator: every recorded value is
     * set, in order, at its recorded time divided by {@code speed}, on the simulator's clock (real
     * time, or the virtual time of a test's ticker). Front ends bound to the simulator see the
     * recorded sequence.
     *
     * @param speed 1 for the original timing, 10 for ten times faster
     * @throws IllegalArgumentException naming a directory without a recording of that feature, or a speed not above 0
     */
    Replay replay(String featureId, Path directory, double speed);
}
