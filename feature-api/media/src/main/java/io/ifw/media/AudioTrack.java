package io.ifw.media;

/**
 * A track of the media library or the play queue.
 *
 * @param id          unique in the library (the file's path relative to the library folder)
 * @param title       from the tags, else the file name
 * @param artist      from the tags; empty when unknown
 * @param album       from the tags; empty when unknown
 * @param genre       from the tags; empty when unknown
 * @param year        from the tags; 0 when unknown
 * @param trackNumber from the tags; 0 when unknown
 * @param durationMs  the length; 0 when unknown
 * @param url         where to play it from ({@code file:} URL)
 */
public record AudioTrack(String id, String title, String artist, String album, String genre, int year, int trackNumber,
                         long durationMs, String url) {
}
