/**
 * Annotations that turn a Java interface into an IFW feature: {@link io.ifw.core.annotations.Feature}
 * on the interface, {@link io.ifw.core.annotations.Zones} for zoned features, and attributes on
 * property methods ({@link io.ifw.core.annotations.Range}, {@link io.ifw.core.annotations.Domain},
 * {@link io.ifw.core.annotations.Default}, {@link io.ifw.core.annotations.Unsupported}).
 */
@Export
@Version("1.0.0")
package io.ifw.core.annotations;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
