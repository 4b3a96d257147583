package io.ifw.core.testing;

import io.ifw.core.Feature;
import io.ifw.core.ModelCapability;
import io.ifw.core.PagingModel;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.ListModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A test feature with two paging models: a searchable library and an editable queue. */
@io.ifw.core.annotations.Feature(id = "io.ifw.test.Jukebox")
public interface Jukebox extends Feature {

    record Track(String title, String artist, int year) {
    }

    PagingModel<Track> library();

    PagingModel<Track> queue();

    /** A backend with {@code size} library tracks ("Track 0" ...; artist Queen for even numbers). */
    final class Backend extends AbstractBackend<Jukebox> {
        public final ListModel<Track> library;
        public final ListModel<Track> queue = new ListModel<>(EnumSet.of(ModelCapability.INSERT, ModelCapability.REMOVE, ModelCapability.MOVE));

        public Backend(int size, Set<ModelCapability> libraryCapabilities) {
            super(Jukebox.class);
            library = new ListModel<>(libraryCapabilities);
            List<Track> tracks = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                tracks.add(new Track("Track " + i, i % 2 == 0 ? "Queen" : "Abba", 1970 + i % 30));
            }
            library.replaceAll(tracks);
            serveModel(Jukebox::library, library);
            serveModel(Jukebox::queue, queue);
        }

        public static Set<ModelCapability> searchable() {
            return EnumSet.of(ModelCapability.FILTERING, ModelCapability.SORTING, ModelCapability.AND_CONJUNCTION,
                    ModelCapability.OR_CONJUNCTION);
        }
    }
}
