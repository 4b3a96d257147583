/**
 * Testing a backend without a framework: bind it to a feature object that behaves as in a
 * container (checks, promises, listeners on the caller's thread).
 */
@Export
@Version("1.0.0")
package io.ifw.core.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
