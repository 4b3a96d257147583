/**
 * Behaviour for the simulator beyond its data: a {@link io.ifw.simulator.SimulationBehavior}
 * service, registered with the property {@code ifw.feature}, is attached to that feature's
 * simulator and may handle operations, move values over time and raise signals, through a
 * {@link io.ifw.simulator.SimulationContext}.
 */
@Export
@Version("1.0.0")
package io.ifw.simulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
