package io.ifw.backend.local.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.testkit.FeatureTestKit;
import io.ifw.media.AudioTrack;
import io.ifw.media.MediaIndexer;
import io.ifw.media.MediaItem;
import io.ifw.media.MediaLibrary;
import io.ifw.media.MediaPlayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.promise.Promise;

class MediaBackendsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ModelOptions ALL = ModelOptions.DEFAULTS.withLoadingType(ModelOptions.LoadingType.DATA_CHANGED);

    @TempDir
    Path folder;

    private MediaCatalog catalog;

    @BeforeEach
    void createMedia() throws Exception {
        AudioFiles.taggedWav(folder.resolve("tagged/one.wav"), 2_000, "Bohemian Rhapsody", "Queen", "A Night at the Opera", 11, 1975);
        AudioFiles.wav(folder.resolve("Abba/Arrival/02 Dancing Queen.wav"), 1_000);
        AudioFiles.wav(folder.resolve("Abba/Arrival/01 When I Kissed the Teacher.wav"), 1_500);
        AudioFiles.wav(folder.resolve("Abba/Waterloo/01 Waterloo.wav"), 500);
        Files.writeString(folder.resolve("notes.txt"), "not audio");
        Files.write(folder.resolve("Abba/broken.wav"), new byte[] {1, 2, 3, 4, 5});
        catalog = new MediaCatalog(folder);
        catalog.reindex().getValue();
    }

    @AfterEach
    void stopCatalog() {
        catalog.stop();
    }

    @Test
    void shouldReadTagsAndElseTheFoldersAndFileNames() {
        AudioTrack tagged = catalog.find("tagged/one.wav").orElseThrow();
        assertThat(tagged.title()).isEqualTo("Bohemian Rhapsody");
        assertThat(tagged.artist()).isEqualTo("Queen");
        assertThat(tagged.album()).isEqualTo("A Night at the Opera");
        assertThat(tagged.trackNumber()).isEqualTo(11);
        assertThat(tagged.year()).isEqualTo(1975);
        assertThat(tagged.durationMs()).isBetween(1_900L, 2_100L);

        AudioTrack untagged = catalog.find("Abba/Arrival/02 Dancing Queen.wav").orElseThrow();
        assertThat(untagged.title()).isEqualTo("Dancing Queen");
        assertThat(untagged.artist()).isEqualTo("Abba");
        assertThat(untagged.album()).isEqualTo("Arrival");
        assertThat(untagged.trackNumber()).isEqualTo(2);
        assertThat(untagged.url()).startsWith("file:");
    }

    @Test
    void shouldCountSkippedFilesAndReportTheIndexerState() throws Exception {
        try (FeatureHandle<MediaIndexer> handle = FeatureTestKit.bind(MediaIndexer.class, new LocalMediaIndexer(catalog))) {
            MediaIndexer indexer = handle.feature();

            assertThat(indexer.state().get()).isEqualTo(MediaIndexer.State.IDLE);
            assertThat(indexer.indexedFiles().get()).isEqualTo(4);
            assertThat(indexer.skippedFiles().get()).isEqualTo(2);
            assertThat(indexer.progress().get()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldKeepWhatWasIndexedWhenAFileBecomesUnreadableAndAddWhatIsNew() throws Exception {
        Files.write(folder.resolve("Abba/Waterloo/01 Waterloo.wav"), new byte[] {9, 9, 9});
        AudioFiles.wav(folder.resolve("Abba/Waterloo/02 Sitting in the Palmtree.wav"), 700);
        Files.delete(folder.resolve("Abba/Arrival/01 When I Kissed the Teacher.wav"));

        catalog.reindex().getValue();

        assertThat(catalog.find("Abba/Waterloo/01 Waterloo.wav")).as("unreadable now, kept").isPresent();
        assertThat(catalog.find("Abba/Waterloo/02 Sitting in the Palmtree.wav")).isPresent();
        assertThat(catalog.find("Abba/Arrival/01 When I Kissed the Teacher.wav")).as("gone from the folder").isEmpty();
        assertThat(catalog.status().skipped()).isEqualTo(3);
    }

    @Test
    void shouldReportAMissingFolderAndKeepTheLibrary() throws Exception {
        MediaCatalog elsewhere = new MediaCatalog(folder.resolve("nowhere"));
        try (FeatureHandle<MediaIndexer> handle = FeatureTestKit.bind(MediaIndexer.class, new LocalMediaIndexer(elsewhere))) {
            Promise<Void> run = handle.feature().reindex();
            await().atMost(WAIT).until(run::isDone);

            FeatureException failure = (FeatureException) run.getFailure();
            assertThat(failure.getMessage()).endsWith("nowhere does not exist or is not a folder");
            assertThat(handle.feature().state().get()).isEqualTo(MediaIndexer.State.ERROR);
            assertThat(handle.feature().status().error().message()).endsWith("nowhere does not exist or is not a folder");
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void shouldPauseAndResumeAnIndexingRun() throws Exception {
        catalog.pause();
        Promise<Void> run = catalog.reindex();
        await().atMost(WAIT).until(() -> catalog.status().state() == MediaIndexer.State.PAUSED);
        assertThat(run.isDone()).isFalse();

        catalog.resume();

        await().atMost(WAIT).until(run::isDone);
        assertThat(catalog.status().state()).isEqualTo(MediaIndexer.State.IDLE);
    }

    @Test
    void shouldBrowseTracksAlbumsAndArtistsWithQueries() throws Exception {
        try (FeatureHandle<MediaLibrary> handle = FeatureTestKit.bind(MediaLibrary.class, new LocalMediaLibrary(catalog))) {
            MediaLibrary library = handle.feature();
            assertThat(library.trackCount().get()).isEqualTo(4);

            ModelInstance<MediaItem> abbaTracks = library.browse().open(ALL.withQuery("artist='Abba' [/album][/trackNumber]"));
            ModelInstance<MediaItem> albums = library.browse().open(ALL.withContentType("album").withQuery("[/name]"));
            ModelInstance<MediaItem> artists = library.browse().open(ALL.withContentType("artist").withQuery("[\\count]"));

            assertThat(abbaTracks.fetch(0, 10).getValue()).extracting(MediaItem::name)
                    .containsExactly("When I Kissed the Teacher", "Dancing Queen", "Waterloo");
            assertThat(albums.fetch(0, 10).getValue()).extracting(MediaItem::name, MediaItem::count)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("A Night at the Opera", 1),
                            org.assertj.core.groups.Tuple.tuple("Arrival", 2), org.assertj.core.groups.Tuple.tuple("Waterloo", 1));
            assertThat(artists.fetch(0, 10).getValue()).extracting(MediaItem::name).containsExactly("Abba", "Queen");
            assertThat(library.track("tagged/one.wav").getValue().title()).isEqualTo("Bohemian Rhapsody");
        }
    }

    @Test
    void shouldRefuseAnUnknownContentTypeAndAnUnknownTrack() throws Exception {
        try (FeatureHandle<MediaLibrary> handle = FeatureTestKit.bind(MediaLibrary.class, new LocalMediaLibrary(catalog))) {
            Promise<Void> genres = handle.feature().browse().open(ALL.withContentType("genre")).ready();
            await().atMost(WAIT).until(genres::isDone);

            assertThat(((FeatureException) genres.getFailure()).getMessage())
                    .isEqualTo("unknown content type 'genre' for browse of io.ifw.media.MediaLibrary (artist, album, track)");
            FeatureException unknown = (FeatureException) handle.feature().track("nope.wav").getFailure();
            assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(unknown.getMessage()).isEqualTo("no track 'nope.wav' in the library");
        }
    }

    @Test
    void shouldPlayTheQueueOnTheClockAndKeepTheCurrentTrackThroughEdits() throws Exception {
        ManualTicker ticker = new ManualTicker();
        LocalMediaPlayer backend = new LocalMediaPlayer(ticker, 500);
        try (FeatureHandle<MediaPlayer> handle = FeatureTestKit.bind(MediaPlayer.class, backend)) {
            MediaPlayer player = handle.feature();
            assertThat(((FeatureException) player.play().getFailure()).getMessage()).isEqualTo("play: the play queue is empty");
            ModelInstance<AudioTrack> queue = player.playQueue().open(ALL);
            queue.ready().getValue();
            List<AudioTrack> tracks = catalog.tracks().snapshot();
            for (int i = 0; i < tracks.size(); i++) {
                queue.insert(i, tracks.get(i)).getValue();
            }
            assertThat(player.currentIndex().get()).isEqualTo(0);

            player.play().getValue();
            ticker.advance(1_000);
            assertThat(player.playState().get()).isEqualTo(MediaPlayer.PlayState.PLAYING);
            assertThat(player.positionMs().get()).isEqualTo(1_000L);
            String first = player.currentTrack().get().id();

            queue.insert(0, tracks.get(3)).getValue();
            assertThat(player.currentIndex().get()).as("the current track moved to index 1").isEqualTo(1);
            assertThat(player.currentTrack().get().id()).isEqualTo(first);

            assertThat(((FeatureException) player.seek(999_999).getFailure()).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
            player.next().getValue();
            assertThat(player.currentIndex().get()).isEqualTo(2);
            queue.remove(2).getValue();
            assertThat(player.currentIndex().get()).as("the track after the removed one").isEqualTo(2);
            assertThat(((FeatureException) player.currentIndex().set(9).getFailure()).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
        } finally {
            backend.deactivate();
        }
    }
}
