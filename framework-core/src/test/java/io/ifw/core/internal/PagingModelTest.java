package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ModelChange;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.ModelOptions.LoadingType;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.testing.Jukebox;
import io.ifw.core.testing.Jukebox.Track;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

/** Paging models through a real front end: loading types, queries, capabilities, edits, swaps. */
class PagingModelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FeatureFrontEnd frontEnd = new FeatureFrontEnd(FeatureModel.of(Jukebox.class), DiscoveryMode.AUTO,
            Runnable::run, true, timer, 5_000);
    private final Jukebox jukebox = (Jukebox) FeatureView.create(frontEnd, this);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private Jukebox.Backend bind(String name, int size, java.util.Set<ModelCapability> capabilities) {
        Jukebox.Backend backend = new Jukebox.Backend(size, capabilities);
        frontEnd.bind(new BackendCandidate(new BackendInfo(name, "production", false, 0, name.hashCode()), backend),
                DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        return backend;
    }

    @Test
    void shouldGrowChunkByChunkInFetchMoreLoading() throws Exception {
        bind("box", 50, Jukebox.Backend.searchable());
        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        ModelInstance<Track> library = jukebox.library().open(ModelOptions.DEFAULTS.withChunkSize(20).withFetchMoreThreshold(4));
        library.onChange(changes::add);

        await().atMost(WAIT).until(() -> library.size() == 20);
        assertThat(library.get(3)).isEqualTo(new Track("Track 3", "Abba", 1973));
        library.get(16); // within 4 of the end: loads the next chunk
        await().atMost(WAIT).until(() -> library.size() == 40);
        library.get(39);
        await().atMost(WAIT).until(() -> library.size() == 50);

        assertThat(library.canFetchMore()).isFalse();
        assertThat(library.capabilities()).contains(ModelCapability.GET_SIZE, ModelCapability.FILTERING);
        assertThat(changes).containsExactly(ModelChange.inserted(0, 20), ModelChange.inserted(20, 20), ModelChange.inserted(40, 10));
    }

    @Test
    void shouldKnowTheSizeAtOnceAndLoadChunksOnReadInDataChangedLoading() throws Exception {
        bind("box", 10_000, Jukebox.Backend.searchable());
        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        ModelInstance<Track> library = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED).withChunkSize(100));
        library.onChange(changes::add);
        library.ready().getValue();

        assertThat(library.size()).isEqualTo(10_000);
        assertThat(library.isLoaded(5_555)).isFalse();
        assertThat(library.get(5_555)).isNull(); // starts loading chunk 55
        await().atMost(WAIT).until(() -> library.isLoaded(5_555));

        assertThat(library.get(5_555).title()).isEqualTo("Track 5555");
        assertThat(library.isLoaded(5_500)).isTrue();
        assertThat(library.isLoaded(5_600)).isFalse();
        assertThat(changes).contains(ModelChange.changed(5_500, 100));
    }

    @Test
    void shouldFilterAndSortEachInstanceByItsOwnQuery() throws Exception {
        bind("box", 40, Jukebox.Backend.searchable());
        ModelInstance<Track> queen = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withQuery("artist='Queen' & year>=1990 [\\title]"));
        ModelInstance<Track> all = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED));
        queen.ready().getValue();
        all.ready().getValue();

        List<Track> fetched = queen.fetch(0, 100).getValue();

        assertThat(queen.size()).isEqualTo(fetched.size()).isEqualTo(5);
        assertThat(fetched).extracting(Track::title).containsExactly("Track 28", "Track 26", "Track 24", "Track 22", "Track 20");
        assertThat(all.size()).isEqualTo(40);
    }

    @Test
    void shouldRefuseQueriesTheBackendCannotServe() throws Exception {
        bind("box", 10, EnumSet.of(ModelCapability.FILTERING));

        assertFailure(jukebox.library().open(ModelOptions.DEFAULTS.withQuery("artist='Queen' & year>1970")).ready(),
                ErrorCode.INVALID_OPERATION, "library does not support '&' in filters (query \"artist=Queen & year>1970\")");
        assertFailure(jukebox.library().open(ModelOptions.DEFAULTS.withQuery("[/title]")).ready(),
                ErrorCode.INVALID_OPERATION, "library does not support sorting");
        assertFailure(jukebox.library().open(ModelOptions.DEFAULTS.withQuery("album='x'")).ready(),
                ErrorCode.INVALID_ARGUMENT, "library: unknown field 'album' (fields: artist, title, year)");
    }

    @Test
    void shouldEditWithinTheCapabilitiesAndTellEveryInstance() throws Exception {
        Jukebox.Backend backend = bind("box", 0, Jukebox.Backend.searchable());
        ModelInstance<Track> mine = jukebox.queue().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED));
        ModelInstance<Track> other = jukebox.queue().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED));
        List<ModelChange> otherSaw = new CopyOnWriteArrayList<>();
        other.onChange(otherSaw::add);
        mine.ready().getValue();
        other.ready().getValue();

        assertThat(mine.insert(0, new Track("A", "x", 2000)).getFailure()).isNull();
        assertThat(mine.insert(1, new Track("B", "x", 2001)).getFailure()).isNull();
        assertThat(mine.insert(2, new Track("C", "x", 2002)).getFailure()).isNull();
        assertThat(mine.move(2, 0).getFailure()).isNull();
        assertThat(mine.remove(1).getFailure()).isNull();

        assertThat(backend.queue.snapshot()).extracting(Track::title).containsExactly("C", "B");
        assertThat(otherSaw).containsExactly(ModelChange.inserted(0, 1), ModelChange.inserted(1, 1), ModelChange.inserted(2, 1),
                ModelChange.moved(2, 0), ModelChange.removed(1, 1));
        assertThat(other.size()).isEqualTo(2);
        other.get(0); // reading starts loading in DATA_CHANGED
        await().atMost(WAIT).until(() -> other.isLoaded(0) && other.isLoaded(1));
        assertThat(List.of(other.get(0), other.get(1))).extracting(Track::title).containsExactly("C", "B");
        assertFailure(mine.remove(7), ErrorCode.INVALID_ARGUMENT, "queue: index 7 is out of range [0, 2)");
        assertFailure(jukebox.library().open().insert(0, new Track("Z", "z", 1)), ErrorCode.INVALID_OPERATION, "");
    }

    @Test
    void shouldRefuseEditsTheCapabilitiesDoNotAllowAndEditsOfFilteredInstances() throws Exception {
        bind("box", 10, Jukebox.Backend.searchable());
        ModelInstance<Track> library = jukebox.library().open();
        library.ready().getValue();

        assertFailure(library.insert(0, new Track("Z", "z", 1)), ErrorCode.INVALID_OPERATION,
                "insert in library of io.ifw.test.Jukebox: the backend does not support INSERT");
        ModelInstance<Track> filtered = jukebox.queue().open(ModelOptions.DEFAULTS.withQuery("title='x'"));
        assertFailure(filtered.ready(), ErrorCode.INVALID_OPERATION, "queue does not support filtering");
    }

    @Test
    void shouldTellInstancesOfBackendChangesExactlyOrAsAReset() throws Exception {
        Jukebox.Backend backend = bind("box", 4, Jukebox.Backend.searchable());
        ModelInstance<Track> all = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED));
        ModelInstance<Track> abba = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED)
                .withQuery("artist='Abba'"));
        List<ModelChange> allSaw = new CopyOnWriteArrayList<>();
        List<ModelChange> abbaSaw = new CopyOnWriteArrayList<>();
        all.onChange(allSaw::add);
        abba.onChange(abbaSaw::add);
        all.ready().getValue();
        abba.ready().getValue();

        backend.library.add(new Track("Waterloo", "Abba", 1974));

        assertThat(allSaw).containsExactly(ModelChange.inserted(4, 1));
        assertThat(abbaSaw).containsExactly(ModelChange.reset(3));
        assertThat(all.size()).isEqualTo(5);
        assertThat(abba.size()).isEqualTo(3);
    }

    @Test
    void shouldOpenInstancesAgainOnTheNewBackendAfterASwap() throws Exception {
        Jukebox.Backend first = bind("first", 30, Jukebox.Backend.searchable());
        ModelInstance<Track> library = jukebox.library().open(ModelOptions.DEFAULTS.withLoadingType(LoadingType.DATA_CHANGED));
        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        library.onChange(changes::add);
        library.ready().getValue();
        assertThat(library.size()).isEqualTo(30);

        bind("second", 12, Jukebox.Backend.searchable());

        await().atMost(WAIT).until(() -> library.size() == 12);
        assertThat(changes).contains(ModelChange.reset(12));
        assertThat(library.fetch(0, 1).getValue()).extracting(Track::title).containsExactly("Track 0");
        library.close();
        assertThat(frontEnd.openModelInstances()).isZero();
        assertThat(first.library.snapshot()).hasSize(30);
    }

    @Test
    void shouldFailModelCallsWithNoBackend() throws Exception {
        ModelInstance<Track> library = jukebox.library().open();

        assertFailure(library.ready(), ErrorCode.NO_BACKEND, "open library of io.ifw.test.Jukebox: no backend is bound");
    }

    private static void assertFailure(Promise<?> promise, ErrorCode code, String messagePart) throws InterruptedException {
        await().atMost(WAIT).until(promise::isDone);
        Throwable failure = promise.getFailure();
        assertThat(failure).isInstanceOf(FeatureException.class);
        assertThat(((FeatureException) failure).code()).isEqualTo(code);
        assertThat(failure.getMessage()).contains(messagePart);
    }
}
