package io.ifw.backend.local.media;

import io.ifw.media.AudioTrack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.audio.exceptions.ReadOnlyFileException;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagException;

/**
 * Reads one audio file into an {@link AudioTrack}: its tags (with jaudiotagger, a well-kept tag
 * library for MP3, FLAC, Ogg, M4A, WAV, AIFF, WMA, DSF), and where a tag is missing, what the path
 * says: {@code Artist/Album/03 Title.ext}.
 */
final class TrackReader {

    static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "flac", "ogg", "oga", "m4a", "m4b", "mp4", "wav", "wma", "aif",
            "aiff", "dsf", "opus");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,3})[\\s._-]+(.+)$");
    // jaudiotagger reports every oddity at INFO and WARNING; one line per skipped file is enough.
    private static final Logger TAG_LIBRARY_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        TAG_LIBRARY_LOG.setLevel(Level.SEVERE);
    }

    /** Why a file is not a track. */
    static final class NotATrackException extends Exception {
        private static final long serialVersionUID = 1L;

        NotATrackException(String reason) {
            super(reason);
        }
    }

    private TrackReader() {
    }

    static boolean looksLikeAudio(Path file) {
        return AUDIO_EXTENSIONS.contains(extension(file));
    }

    /**
     * @throws NotATrackException saying why: not an audio file, or unreadable (with the library's reason)
     */
    static AudioTrack read(Path folder, Path file) throws NotATrackException {
        if (!looksLikeAudio(file)) {
            throw new NotATrackException("not an audio file (." + extension(file) + ")");
        }
        AudioFile audio;
        try {
            audio = AudioFileIO.read(file.toFile());
        } catch (CannotReadException | IOException | TagException | ReadOnlyFileException | InvalidAudioFrameException
                 | RuntimeException e) {
            throw new NotATrackException("unreadable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        Tag tag = audio.getTag();
        Path relative = folder.relativize(file);
        String fileTitle = stripExtension(file.getFileName().toString());
        Matcher numbered = NUMBERED.matcher(fileTitle);
        String title = field(tag, FieldKey.TITLE, numbered.matches() ? numbered.group(2).trim() : fileTitle);
        String album = field(tag, FieldKey.ALBUM, relative.getNameCount() >= 2 ? relative.getName(relative.getNameCount() - 2).toString() : "");
        String artist = field(tag, FieldKey.ARTIST, relative.getNameCount() >= 3 ? relative.getName(relative.getNameCount() - 3).toString() : "");
        int trackNumber = number(field(tag, FieldKey.TRACK, numbered.matches() ? numbered.group(1) : "0"));
        int year = number(field(tag, FieldKey.YEAR, "0"));
        AudioHeader header = audio.getAudioHeader();
        long durationMs = header == null ? 0 : Math.round(header.getPreciseTrackLength() * 1000);
        return new AudioTrack(relative.toString().replace('\\', '/'), title, artist, album, field(tag, FieldKey.GENRE, ""), year,
                trackNumber, durationMs, file.toUri().toString());
    }

    private static String field(Tag tag, FieldKey key, String fallback) {
        if (tag == null) {
            return fallback;
        }
        try {
            String value = tag.getFirst(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        } catch (RuntimeException unsupportedByThisFormat) {
            return fallback;
        }
    }

    /** The leading number of a text such as {@code 3}, {@code 3/12} or {@code 1975-06-01}; 0 when none. */
    private static int number(String text) {
        Matcher digits = Pattern.compile("^\\s*(\\d{1,9})").matcher(text);
        return digits.find() ? Integer.parseInt(digits.group(1)) : 0;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
