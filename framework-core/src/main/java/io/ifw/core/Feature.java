package io.ifw.core;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The base of every feature interface. A feature interface extends this (or {@link ZonedFeature})
 * and declares properties ({@link Property}, {@link ReadOnlyProperty}), operations (methods
 * returning {@code org.osgi.util.promise.Promise}), signals ({@link Signal}) and paging models
 * ({@link PagingModel}); the runtime implements it.
 *
 * <p>Threading: every method may be called from any thread. Listeners run on the feature's own
 * serial executor, in the order of the changes, never while a runtime lock is held.
 */
@ProviderType
public interface Feature {

    /** The feature id of {@code @Feature(id = ...)}. */
    String featureId();

    /** The current status: bound backend, initialization, discovery, connection, error. */
    FeatureStatus status();

    /** Calls {@code listener} with the new status after every change of it. */
    Registration onStatusChange(Consumer<? super FeatureStatus> listener);

    /** Whether backend changes reach this feature's values and listeners (true by default). */
    boolean backendUpdatesEnabled();

    /**
     * Mutes ({@code false}) or resumes ({@code true}) backend updates. While muted, values stay as
     * they are and listeners hear nothing; on resume, values catch up with the backend and
     * listeners hear of those that differ. Signals raised while muted are dropped. Affects every
     * user of this feature object.
     */
    void setBackendUpdatesEnabled(boolean enabled);
}
