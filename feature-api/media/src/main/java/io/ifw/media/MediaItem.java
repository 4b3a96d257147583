package io.ifw.media;

/**
 * An entry of the media library's browse model: an artist, an album or a track, as the content
 * type being browsed says.
 *
 * @param type        {@code artist}, {@code album} or {@code track}
 * @param name        the artist's name, the album's or the track's title
 * @param artist      the artist (of an album or track; the name itself for an artist)
 * @param album       the album of a track (the name itself for an album); empty for an artist
 * @param trackNumber of a track; 0 otherwise
 * @param durationMs  of a track, or the sum of an album's or artist's tracks
 * @param count       how many tracks the entry holds (1 for a track)
 * @param trackId     of a track, its {@link AudioTrack#id()}; empty otherwise
 */
public record MediaItem(String type, String name, String artist, String album, int trackNumber, long durationMs, int count,
                        String trackId) {
}
