package io.ifw.simulator;

import io.ifw.core.spi.BackendProperties;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a feature's simulator does beyond its data. Register it as an OSGi service with the
 * property {@code ifw.feature} set to the feature id; it is attached to that feature's simulator
 * when both are there, and detached (its handlers and tasks removed) when either goes.
 */
@ConsumerType
public interface SimulationBehavior {

    /** The service property naming the feature a behaviour is for ({@link BackendProperties#FEATURE}). */
    String FEATURE = BackendProperties.FEATURE;

    /** Registers handlers and tasks on {@code context}. Called once per simulator the behaviour is attached to. */
    void attach(SimulationContext context);
}
