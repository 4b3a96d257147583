package io.ifw.core;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A property the application reads and watches. Values are cached in the front end: {@link #get()}
 * never blocks and never calls the backend.
 *
 * @param <T> the value type (boxed for primitives)
 */
@ProviderType
public interface ReadOnlyProperty<T> {

    /** The member name, e.g. {@code targetTemperature}. */
    String name();

    /** The zone of this view; empty for the zone-less view. */
    String zone();

    /**
     * The last known value: from the bound backend, the previous backend (then
     * {@link #availability()} is STALE), or the {@code @Default}; {@code null} if there is none.
     */
    T get();

    /** Whether {@link #get()} is current, stale or not available, and why. */
    ValueAvailability availability();

    /** The live constraints (support, range, domain). */
    Attribute<T> attribute();

    /** Calls {@code listener} with each new value, once per change, in order. */
    Registration onChange(Consumer<? super T> listener);

    /** Calls {@code listener} when the attribute changes. */
    Registration onAttributeChange(Consumer<? super Attribute<T>> listener);

    /** Calls {@code listener} when the availability changes. */
    Registration onAvailabilityChange(Consumer<? super ValueAvailability> listener);
}
