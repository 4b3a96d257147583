/**
 * Vehicle reference features: {@link io.ifw.vehicle.ClimateControl} and
 * {@link io.ifw.vehicle.WindowControl}.
 */
@Export
@Version("1.0.0")
package io.ifw.vehicle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
