package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a backend reports to a connected front end. Implemented by the runtime. Methods return
 * quickly and never call back into the backend, so a backend may call them while holding its own
 * lock (which keeps its reports in order). An {@link AbstractBackend} calls them from its
 * {@link ChangeLog}, one thread at a time, in sequence order, never under its lock.
 */
@ProviderType
public interface BackendListener {

    /** The zones changed (or, during the initial push, are these). */
    void zonesChanged(List<String> zones);

    /** A property's value in a zone changed (or, during the initial push, is this). */
    void valueChanged(int property, String zone, Object value);

    /** A property's value in a zone became available, unavailable or stale. */
    void availabilityChanged(int property, String zone, ValueAvailability availability);

    /** A property's constraints in a zone changed. */
    void attributeChanged(int property, String zone, Attribute<?> attribute);

    /** A signal was raised in a zone. */
    void signalled(int signal, String zone, Object payload);

    /** The initial push is complete; everything after is a change. */
    void initialized();

    /**
     * This listener fell so far behind the backend's {@link ChangeLog} that changes it had not
     * been told of were overwritten: the whole state follows, as changes, and signals raised
     * meanwhile are lost. {@code reason} says how far behind it was.
     */
    default void resynced(String reason) {
    }

    /** The connection to the real backend changed (remote backends). */
    void connectionChanged(ConnectionStatus status);

    /** The backend's error changed; {@code null} clears it. */
    void errorChanged(FeatureError error);

    /** The items of an open model instance changed. */
    void modelChanged(long instance, ModelChange change);
}
