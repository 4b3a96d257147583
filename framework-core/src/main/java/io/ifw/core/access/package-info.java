/**
 * Every feature by id and model member, without its Java interface: for gateways, consoles, shells
 * and tools ({@link io.ifw.core.access.FeatureAccess}).
 */
@Export
@Version("1.0.0")
package io.ifw.core.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
