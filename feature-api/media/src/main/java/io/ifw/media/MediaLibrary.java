package io.ifw.media;

import io.ifw.core.Feature;
import io.ifw.core.PagingModel;
import io.ifw.core.ReadOnlyProperty;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * The media library as a filter-and-browse model. Open {@link #browse()} with the content type
 * {@code artist}, {@code album} or {@code track} (the default) and a query over
 * {@link MediaItem}'s fields, e.g. content type {@code album} with {@code artist='Queen' [/name]}
 * for the albums of an artist, then {@code track} with {@code album='A Night at the Opera'
 * [/trackNumber]} for its tracks.
 */
@io.ifw.core.annotations.Feature(id = "io.ifw.media.MediaLibrary", version = "1.0")
@ProviderType
public interface MediaLibrary extends Feature {

    /** The artists, albums or tracks of the library. */
    PagingModel<MediaItem> browse();

    /** How many tracks the library holds. */
    ReadOnlyProperty<Integer> trackCount();

    /** The track with the given id; fails with INVALID_ARGUMENT for an unknown id. */
    Promise<AudioTrack> track(String id);
}
