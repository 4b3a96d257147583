package io.ifw.backend.local.media;

import io.ifw.core.FeatureError;
import io.ifw.core.ErrorCode;
import io.ifw.core.Registration;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendService;
import io.ifw.media.MediaIndexer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** The catalog's indexing, as the MediaIndexer feature: state, progress and counts, pause, resume, re-index. */
@Component(service = Backend.class)
@BackendService(feature = "io.ifw.media.MediaIndexer", backend_name = "indexer-local")
public final class LocalMediaIndexer extends AbstractBackend<MediaIndexer> {

    private final MediaCatalog catalog;
    private final Registration watching;

    @Activate
    public LocalMediaIndexer(@Reference MediaCatalog catalog) {
        super(MediaIndexer.class);
        this.catalog = catalog;
        show(catalog.status());
        this.watching = catalog.onStatus(this::show);
    }

    private void show(IndexerStatus status) {
        update(MediaIndexer::state, status.state());
        update(MediaIndexer::progress, status.progress());
        update(MediaIndexer::indexedFiles, status.indexed());
        update(MediaIndexer::skippedFiles, status.skipped());
        reportError(status.error().isEmpty() ? null : new FeatureError(ErrorCode.UNKNOWN, status.error()));
    }

    public Promise<Void> pause() {
        catalog.pause();
        return Promises.resolved(null);
    }

    public Promise<Void> resume() {
        catalog.resume();
        return Promises.resolved(null);
    }

    public Promise<Void> reindex() {
        return catalog.reindex();
    }

    @Deactivate
    public void stop() {
        watching.close();
    }
}
