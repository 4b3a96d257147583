/**
 * Data transfer objects of the runtime's state: what the Gogo commands return and what tools and
 * tests read. Public fields, as OSGi DTOs; a snapshot, never updated.
 */
@Export
@Version("1.0.0")
package io.ifw.core.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
