package io.ifw.backend.local.media;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ModelChange;
import io.ifw.core.Registration;
import io.ifw.core.model.ModelMember;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendService;
import io.ifw.core.spi.ListModel;
import io.ifw.media.AudioTrack;
import io.ifw.media.MediaItem;
import io.ifw.media.MediaLibrary;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * The catalog as the MediaLibrary feature: the browse model serves the content types
 * {@code track} (the default), {@code album} and {@code artist}, each filtered and sorted by the
 * instance's query over {@link MediaItem}'s fields.
 */
@Component(service = Backend.class)
@BackendService(feature = "io.ifw.media.MediaLibrary", backend_name = "library-local")
public final class LocalMediaLibrary extends AbstractBackend<MediaLibrary> {

    private static final EnumSet<ModelCapability> BROWSING = EnumSet.of(ModelCapability.FILTERING, ModelCapability.SORTING,
            ModelCapability.AND_CONJUNCTION, ModelCapability.OR_CONJUNCTION);

    private final MediaCatalog catalog;
    private final ListModel<MediaItem> trackItems = new ListModel<>(BROWSING);
    private final ListModel<MediaItem> albums = new ListModel<>(BROWSING);
    private final ListModel<MediaItem> artists = new ListModel<>(BROWSING);
    private final Registration watching;

    @Activate
    public LocalMediaLibrary(@Reference MediaCatalog catalog) {
        super(MediaLibrary.class);
        this.catalog = catalog;
        serveModel(MediaLibrary::browse, trackItems);
        // Under the catalog list's own lock, so that no change slips between the first build and
        // the watching; changes then arrive under that same lock, so the lock order is always the
        // catalog list's, then this library's lists'.
        synchronized (catalog.tracks()) {
            this.watching = catalog.tracks().onChange(this::catalogChanged);
            rebuild();
        }
    }

    /** Track items follow the catalog change by change; albums and artists are counted again. */
    private void catalogChanged(ModelChange change) {
        switch (change.kind()) {
            case INSERTED:
                List<AudioTrack> all = catalog.tracks().snapshot();
                trackItems.addAll(all.subList(change.index(), change.index() + change.count()).stream().map(LocalMediaLibrary::item).toList());
                break;
            case REMOVED:
                for (int i = 0; i < change.count(); i++) {
                    trackItems.remove(change.index());
                }
                break;
            case CHANGED:
                trackItems.set(change.index(), item(catalog.tracks().get(change.index())));
                break;
            default:
                trackItems.replaceAll(catalog.tracks().snapshot().stream().map(LocalMediaLibrary::item).toList());
                break;
        }
        aggregate();
    }

    private void rebuild() {
        trackItems.replaceAll(catalog.tracks().snapshot().stream().map(LocalMediaLibrary::item).toList());
        aggregate();
    }

    private void aggregate() {
        Map<String, MediaItem> byAlbum = new LinkedHashMap<>();
        Map<String, MediaItem> byArtist = new LinkedHashMap<>();
        for (AudioTrack track : catalog.tracks().snapshot()) {
            byAlbum.merge(track.artist() + "\u0000" + track.album(), new MediaItem("album", track.album(), track.artist(), track.album(), 0,
                    track.durationMs(), 1, ""), LocalMediaLibrary::sum);
            byArtist.merge(track.artist(), new MediaItem("artist", track.artist(), track.artist(), "", 0, track.durationMs(), 1, ""),
                    LocalMediaLibrary::sum);
        }
        albums.replaceAll(List.copyOf(byAlbum.values()));
        artists.replaceAll(List.copyOf(byArtist.values()));
        update(MediaLibrary::trackCount, catalog.tracks().size());
    }

    private static MediaItem sum(MediaItem a, MediaItem b) {
        return new MediaItem(a.type(), a.name(), a.artist(), a.album(), 0, a.durationMs() + b.durationMs(), a.count() + b.count(), "");
    }

    static MediaItem item(AudioTrack track) {
        return new MediaItem("track", track.title(), track.artist(), track.album(), track.trackNumber(), track.durationMs(), 1, track.id());
    }

    @Override
    protected ListModel<?> modelFor(ModelMember member, String zone, String contentType) {
        switch (contentType) {
            case "":
            case "track":
                return trackItems;
            case "album":
                return albums;
            case "artist":
                return artists;
            default:
                throw new FeatureException(ErrorCode.INVALID_ARGUMENT, "unknown content type '" + contentType
                        + "' for browse of io.ifw.media.MediaLibrary (artist, album, track)");
        }
    }

    /** The operation {@code track(id)}. */
    public Promise<AudioTrack> track(String id) {
        return catalog.find(id).map(Promises::resolved)
                .orElseGet(() -> Promises.failed(new FeatureException(ErrorCode.INVALID_ARGUMENT, "no track '" + id + "' in the library")));
    }

    @Deactivate
    public void stop() {
        watching.close();
    }
}
