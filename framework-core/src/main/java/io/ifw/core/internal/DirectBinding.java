package io.ifw.core.internal;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.Feature;
import io.ifw.core.FeatureHandle;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import java.util.concurrent.ScheduledExecutorService;

/** A front end bound to one backend without a framework (for {@code FeatureTestKit}). */
public final class DirectBinding<F extends Feature> implements FeatureHandle<F> {

    private static final long CALL_TIMEOUT_MS = io.ifw.core.FeatureOptions.DEFAULT_CALL_TIMEOUT_MS;

    private final F feature;
    private final FeatureFrontEnd frontEnd;
    private final ScheduledExecutorService timer;

    private DirectBinding(Class<F> type, Backend backend) {
        this.timer = CallTimers.create(runnable -> {
            Thread thread = new Thread(runnable, "ifw-testkit-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.frontEnd = new FeatureFrontEnd(FeatureModel.of(type), DiscoveryMode.AUTO, Runnable::run, true, timer, CALL_TIMEOUT_MS);
        this.feature = type.cast(FeatureView.create(frontEnd, this));
        frontEnd.bind(new BackendCandidate(new BackendInfo("test", "production", false, 0, -1), backend),
                DiscoveryResult.PRODUCTION_BACKEND_LOADED, "bound by the test kit");
    }

    public static <F extends Feature> DirectBinding<F> bind(Class<F> type, Backend backend) {
        return new DirectBinding<>(type, backend);
    }

    @Override
    public F feature() {
        return feature;
    }

    @Override
    public void close() {
        frontEnd.unbind(DiscoveryResult.NO_RESULT, null, "the test kit binding was closed");
        frontEnd.releaseOwner(this);
        timer.shutdownNow();
    }
}
