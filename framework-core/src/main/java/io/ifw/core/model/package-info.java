/**
 * The feature model: what the runtime reads from a feature interface, once, by reflection —
 * members, value types, attributes, zones — with a schema fingerprint and a name-based
 * compatibility check. Everything else (front end, simulator, codecs, journal) works from it.
 */
@Export
@Version("1.0.0")
package io.ifw.core.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
