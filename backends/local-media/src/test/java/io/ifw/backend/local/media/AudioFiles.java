package io.ifw.backend.local.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/** Real audio files for tests: PCM WAV (8 kHz, mono, 8 bit), with tags written by jaudiotagger. */
public final class AudioFiles {

    private static final int SAMPLE_RATE = 8_000;

    private AudioFiles() {
    }

    /** A WAV file of {@code durationMs} of a quiet tone, without tags. */
    public static Path wav(Path file, long durationMs) throws IOException {
        Files.createDirectories(file.getParent());
        int samples = (int) (SAMPLE_RATE * durationMs / 1000);
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE)
                .putShort((short) 1).putShort((short) 8)
                .put("data".getBytes()).putInt(samples);
        byte[] data = new byte[samples];
        for (int i = 0; i < samples; i++) {
            data[i] = (byte) (128 + 20 * Math.sin(i * 2 * Math.PI * 440 / SAMPLE_RATE));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(data);
        }
        return file;
    }

    /** A WAV file with title, artist, album, track number and year tags. */
    public static Path taggedWav(Path file, long durationMs, String title, String artist, String album, int track, int year)
            throws Exception {
        wav(file, durationMs);
        AudioFile audio = AudioFileIO.read(file.toFile());
        Tag tag = audio.getTagOrCreateAndSetDefault();
        tag.setField(FieldKey.TITLE, title);
        tag.setField(FieldKey.ARTIST, artist);
        tag.setField(FieldKey.ALBUM, album);
        tag.setField(FieldKey.TRACK, Integer.toString(track));
        tag.setField(FieldKey.YEAR, Integer.toString(year));
        audio.commit();
        return file;
    }
}
