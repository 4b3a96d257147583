package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.ModelOptions.LoadingType;
import io.ifw.media.MediaIndexer;
import io.ifw.media.MediaItem;
import io.ifw.media.MediaLibrary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The container's media library over a real folder of 10,000 audio files (50 artists × 20 albums
 * × 10 tracks, WAV, named Artist/Album/NN Title), indexed by the local backends, paged through the
 * MediaLibrary front end with both loading types, filtered and sorted by queries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MediaLibraryIT {

    private static final Duration INDEXING = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int TRACKS = 10_000;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private MediaLibrary library;

    @Inject
    private MediaIndexer indexer;

    private Path folder;
    private org.osgi.service.cm.Configuration configuration;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Before
    public void indexTenThousandTracks() throws Exception {
        folder = Files.createTempDirectory("ifw-media-");
        byte[] wav = wav(40);
        for (int artist = 0; artist < 50; artist++) {
            for (int album = 0; album < 20; album++) {
                Path albumFolder = folder.resolve(String.format("Artist %02d/Album %02d-%02d", artist, artist, album));
                Files.createDirectories(albumFolder);
                for (int track = 1; track <= 10; track++) {
                    Files.write(albumFolder.resolve(String.format("%02d Song %d-%d-%d.wav", track, artist, album, track)), wav);
                }
            }
        }
        configuration = configurationAdmin.getConfiguration("io.ifw.backend.local.media", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("folder", folder.toString());
        properties.put("indexOnStart", true);
        configuration.update(properties);
        await().atMost(INDEXING).until(() -> Integer.valueOf(TRACKS).equals(indexer.indexedFiles().get())
                && indexer.state().get() == MediaIndexer.State.IDLE && Integer.valueOf(TRACKS).equals(library.trackCount().get()));
    }

    @After
    public void removeTheFolder() throws IOException {
        configuration.delete();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    public void shouldPageTheLibraryInBothLoadingTypesWithQueries() throws Exception {
        assertEquals(Integer.valueOf(0), indexer.skippedFiles().get());
        assertEquals(Double.valueOf(1.0), indexer.progress().get());

        ModelInstance<MediaItem> growing = library.browse().open(ModelOptions.DEFAULTS.withChunkSize(500).withFetchMoreThreshold(50));
        HotSwapIT.assertResolved(growing.ready());
        HotSwapIT.assertResolved(growing.fetchMore());
        assertEquals(500, growing.size());
        while (growing.size() < TRACKS) {
            int size = growing.size();
            growing.get(size - 1); // reading near the end loads the next chunk
            await().atMost(WAIT).until(() -> growing.size() > size);
        }
        assertFalse(growing.canFetchMore());
        assertEquals("Song 49-19-10", growing.get(TRACKS - 1).name());

        ModelInstance<MediaItem> sized = library.browse().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withChunkSize(200).withQuery("[\\name]"));
        HotSwapIT.assertResolved(sized.ready());
        assertEquals(TRACKS, sized.size());
        assertEquals(null, sized.get(9_999));
        await().atMost(WAIT).until(() -> sized.isLoaded(9_999));
        assertEquals("Song 0-0-1", sized.get(9_999).name());
        assertFalse("only the chunk read was loaded", sized.isLoaded(5_000));

        ModelInstance<MediaItem> oneAlbum = library.browse().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withQuery("artist='Artist 07' & album='Album 07-13' [\\trackNumber]"));
        HotSwapIT.assertResolved(oneAlbum.ready());
        List<MediaItem> tracks = HotSwapIT.value(oneAlbum.fetch(0, 20));
        assertEquals(10, tracks.size());
        assertEquals(10, tracks.get(0).trackNumber());
        assertEquals("Song 7-13-10", tracks.get(0).name());

        ModelInstance<MediaItem> albums = library.browse().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withContentType("album").withQuery("artist~='ARTIST 3*'"));
        ModelInstance<MediaItem> artists = library.browse().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withContentType("artist"));
        HotSwapIT.assertResolved(albums.ready());
        HotSwapIT.assertResolved(artists.ready());
        assertEquals(200, albums.size());
        assertEquals(50, artists.size());
        assertTrue(HotSwapIT.value(artists.fetch(0, 1)).get(0).count() == 200);
        for (ModelInstance<MediaItem> instance : List.of(growing, sized, oneAlbum, albums, artists)) {
            instance.close();
        }
    }

    /** A PCM WAV file of {@code durationMs} (8 kHz, mono, 8 bit). */
    private static byte[] wav(int durationMs) throws IOException {
        int samples = 8 * durationMs;
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8_000).putInt(8_000).putShort((short) 1).putShort((short) 8)
                .put("data".getBytes()).putInt(samples);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = bytes) {
            out.write(header.array());
            out.write(new byte[samples]);
        }
        return bytes.toByteArray();
    }
}
