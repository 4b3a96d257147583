package io.ifw.core.internal;

import io.ifw.core.Feature;
import io.ifw.core.FeatureHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A private feature object with its own front end and discovery. */
final class FeatureHandleImpl<F extends Feature> implements FeatureHandle<F> {

    private final F feature;
    private final FeatureFrontEnd frontEnd;
    private final FeatureBinder binder;
    private final Consumer<FeatureHandleImpl<?>> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    FeatureHandleImpl(Class<F> type, FeatureFrontEnd frontEnd, FeatureBinder binder, Consumer<FeatureHandleImpl<?>> onClose) {
        this.frontEnd = frontEnd;
        this.binder = binder;
        this.onClose = onClose;
        this.feature = type.cast(FeatureView.create(frontEnd, this));
    }

    @Override
    public F feature() {
        return feature;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            binder.close("the feature handle was closed");
            frontEnd.releaseOwner(this);
            onClose.accept(this);
        }
    }
}
