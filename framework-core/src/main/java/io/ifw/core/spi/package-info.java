/**
 * The backend service provider interface: the generic {@link io.ifw.core.spi.Backend} contract
 * that front ends bind, the service properties discovery reads ({@link
 * io.ifw.core.spi.BackendProperties}), and {@link io.ifw.core.spi.AbstractBackend}, the typed base
 * class a backend author extends.
 */
@Export
@Version("1.1.0")
package io.ifw.core.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
