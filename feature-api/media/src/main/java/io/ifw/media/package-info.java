/**
 * Media reference features: {@link io.ifw.media.MediaPlayer} with its play queue,
 * {@link io.ifw.media.MediaLibrary}, {@link io.ifw.media.MediaIndexer} and
 * {@link io.ifw.media.AmFmTuner}.
 */
@Export
@Version("1.0.0")
package io.ifw.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
