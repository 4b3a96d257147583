/**
 * The binary encoding of feature values, driven by the feature model: one {@link
 * io.ifw.codec.ValueCodec} per value type, over Agrona buffers, shared by the remote protocol and
 * the state journal.
 */
@Export
@Version("1.0.0")
package io.ifw.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
