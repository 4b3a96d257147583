package io.ifw.core;

import java.time.Duration;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Feature objects for code outside Declarative Services:
 * {@code ClimateControl climate = Features.await(context, ClimateControl.class, Duration.ofSeconds(5));}
 */
public final class Features {

    private Features() {
    }

    /**
     * Waits for the shared feature object of {@code featureInterface} (registered when the bundle
     * declaring the interface is active).
     *
     * @throws FeatureException {@link ErrorCode#TIMEOUT} when it does not appear within {@code timeout}
     */
    public static <F extends Feature> F await(BundleContext context, Class<F> featureInterface, Duration timeout)
            throws InterruptedException {
        return awaitService(context, featureInterface, timeout, "feature " + featureInterface.getName());
    }

    /**
     * Opens a private feature object with its own options (see {@link FeatureRegistry#open}),
     * waiting up to {@code timeout} for the IFW runtime.
     */
    public static <F extends Feature> FeatureHandle<F> open(BundleContext context, Class<F> featureInterface,
                                                            FeatureOptions options, Duration timeout)
            throws InterruptedException {
        FeatureRegistry registry = awaitService(context, FeatureRegistry.class, timeout, "the IFW runtime");
        return registry.open(featureInterface, options);
    }

    private static <S> S awaitService(BundleContext context, Class<S> type, Duration timeout, String what)
            throws InterruptedException {
        Objects.requireNonNull(context, "context");
        ServiceTracker<S, S> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + type.getName() + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open();
        try {
            S service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new FeatureException(ErrorCode.TIMEOUT, what + " did not appear within " + timeout.toMillis() + " ms");
            }
            return service;
        } finally {
            tracker.close();
        }
    }
}
