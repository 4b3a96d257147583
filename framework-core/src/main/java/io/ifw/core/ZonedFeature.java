package io.ifw.core;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A feature with zones (for example the seats of a car). The feature object itself is the
 * zone-less view ({@link #zoneName()} is empty); {@link #zone(String)} gives the view of one zone,
 * with the same interface.
 *
 * @param <F> the feature interface itself
 */
@ProviderType
public interface ZonedFeature<F extends ZonedFeature<F>> extends Feature {

    /** The zones known now: the backend's, or {@code @Zones} before a backend said otherwise. */
    List<String> zones();

    /**
     * The view of one zone.
     *
     * @throws FeatureException with {@link ErrorCode#INVALID_ZONE} naming the zone and the feature
     *     when the zone is not one of {@link #zones()}
     */
    F zone(String name);

    /** This view's zone; empty for the zone-less view. */
    String zoneName();

    /** Calls {@code listener} with the new zones when the backend changes them. */
    Registration onZonesChange(Consumer<? super List<String>> listener);
}
