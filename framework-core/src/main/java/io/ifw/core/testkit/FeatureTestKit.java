package io.ifw.core.testkit;

import io.ifw.core.Feature;
import io.ifw.core.FeatureHandle;
import io.ifw.core.internal.DirectBinding;
import io.ifw.core.spi.Backend;

/**
 * Binds a backend to a feature object without an OSGi framework, for unit tests of backends:
 * <pre>{@code
 * try (FeatureHandle<ClimateControl> climate = FeatureTestKit.bind(ClimateControl.class, new LocalClimate(ticker))) {
 *     climate.feature().zone("Rear").targetTemperature().set(22.0);
 *     ticker.advance(10_000);
 *     assertThat(climate.feature().zone("Rear").cabinTemperature().get()).isEqualTo(22.0);
 * }
 * }</pre>
 * Listeners run on the thread that causes a change (direct delivery); the call timeout is {@link io.ifw.core.FeatureOptions#DEFAULT_CALL_TIMEOUT_MS} (30 s; a {@link io.ifw.core.CallTimeout} sets one call's own).
 */
public final class FeatureTestKit {

    private FeatureTestKit() {
    }

    /** A feature object bound to {@code backend}, as a production backend named {@code test}. */
    public static <F extends Feature> FeatureHandle<F> bind(Class<F> featureInterface, Backend backend) {
        return DirectBinding.bind(featureInterface, backend);
    }
}
