/**
 * What every {@code ifw:} shell command of every IFW bundle shares: failures worded as IFW's own
 * messages with their error code ({@link io.ifw.core.shell.CommandFailures}), whatever the shell
 * (interactive Gogo, {@code bin/ifw --exec}) prints of them.
 */
@Export
@Version("0.1.0")
package io.ifw.core.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
