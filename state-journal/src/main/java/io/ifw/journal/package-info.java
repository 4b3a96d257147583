/**
 * The state journal's API: recording what a feature's front end sees into a journal, and
 * replaying a recording through the simulator. The journal itself (restart recovery) is
 * configured, not called: factory configurations {@code io.ifw.journal}.
 */
@Export
@Version("1.0.0")
package io.ifw.journal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
