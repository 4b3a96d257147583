package io.ifw.core;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An event a backend raises, with a payload (a record, an enum, a value; {@code Void} for none).
 *
 * @param <T> the payload type
 */
@ProviderType
public interface Signal<T> {

    /** The member name. */
    String name();

    /** Calls {@code listener} with the payload of each signal raised in this view's zone. */
    Registration subscribe(Consumer<? super T> listener);
}
