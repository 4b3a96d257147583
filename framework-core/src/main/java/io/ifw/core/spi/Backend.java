package io.ifw.core.spi;

import io.ifw.core.model.FeatureModel;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A backend of one feature, registered as an OSGi service under this interface with the
 * properties of {@link BackendProperties}. Front ends {@link #connect} to it; many may be
 * connected at once (consumers in this process, a remote server exporting it).
 *
 * <p>Most backends extend {@link AbstractBackend} instead of implementing this directly.
 */
@ConsumerType
public interface Backend {

    /** The model of the feature this backend serves. */
    FeatureModel model();

    /**
     * Attaches a front end. Before returning — or soon after, for a remote backend — the backend
     * pushes its whole state to {@code listener} (zones, every value it has, attributes,
     * availability) and then calls {@link BackendListener#initialized()}; afterwards it reports
     * every change.
     *
     * @return the connection through which the front end writes and calls, until it closes it
     */
    BackendConnection connect(BackendListener listener);
}
