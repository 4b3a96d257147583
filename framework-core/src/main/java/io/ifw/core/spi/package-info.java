/**
 * The backend service provider interface: what a backend registers and the service properties
 * that discovery reads.
 */
@Export
@Version("0.1.0")
package io.ifw.core.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
