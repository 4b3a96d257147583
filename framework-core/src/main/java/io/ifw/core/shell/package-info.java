/**
 * What every {@code ifw:} shell command of every IFW bundle shares: failures worded as IFW's own
 * messages with their error code ({@link io.ifw.core.shell.CommandFailures}), whatever the shell
 * (interactive Gogo, {@code bin/ifw --exec}) prints of them; feature, zone and member names read
 * as a user types them, short names and "did you mean" included ({@link io.ifw.core.shell.ShellNames});
 * aligned tables ({@link io.ifw.core.shell.TextTable}) and {@code --json} text
 * ({@link io.ifw.core.shell.ShellJson}).
 */
@Export
@Version("1.0.0")
package io.ifw.core.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
