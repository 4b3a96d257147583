package io.ifw.media;

import io.ifw.core.Feature;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Range;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * Plays the tracks of its play queue. The queue is a paging model that can be edited (insert,
 * remove, move); {@link #currentIndex()} is the queue index of the current track.
 */
@io.ifw.core.annotations.Feature(id = "io.ifw.media.MediaPlayer", version = "1.0")
@ProviderType
public interface MediaPlayer extends Feature {

    /** What happens at the end of a track. */
    enum PlayMode { NORMAL, REPEAT_TRACK, REPEAT_ALL, SHUFFLE }

    /** Whether the player plays. */
    enum PlayState { STOPPED, PLAYING, PAUSED }

    @Default("NORMAL")
    Property<PlayMode> playMode();

    @Default("STOPPED")
    ReadOnlyProperty<PlayState> playState();

    /** The current track, or none when the queue is empty. */
    ReadOnlyProperty<AudioTrack> currentTrack();

    /** The queue index of the current track; -1 when the queue is empty. */
    @Default("-1")
    Property<Integer> currentIndex();

    /** Where the current track is played, in ms. */
    @Default("0")
    ReadOnlyProperty<Long> positionMs();

    /** The current track's length, in ms. */
    @Default("0")
    ReadOnlyProperty<Long> durationMs();

    @Range(min = 0, max = 100)
    @Default("50")
    Property<Integer> volume();

    @Default("false")
    Property<Boolean> muted();

    /** The tracks to play, in order. */
    PagingModel<AudioTrack> playQueue();

    Promise<Void> play();

    Promise<Void> pause();

    Promise<Void> stop();

    Promise<Void> next();

    Promise<Void> previous();

    /** Moves the position in the current track; fails with OUT_OF_RANGE outside [0, duration]. */
    Promise<Void> seek(long positionMs);
}
