/**
 * The IFW API that applications use: {@link io.ifw.core.Feature features} with
 * {@link io.ifw.core.Property properties}, operations and {@link io.ifw.core.Signal signals}, their
 * {@link io.ifw.core.FeatureStatus status} and errors, and the {@link io.ifw.core.FeatureRegistry}
 * for code that does not use Declarative Services.
 */
@Export
@Version("1.0.0")
package io.ifw.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
