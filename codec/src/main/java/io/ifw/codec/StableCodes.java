package io.ifw.codec;

import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.ModelEdit;

/**
 * The one-byte codes of the IFW enums that the codec writes into payloads, which go over the wire
 * and into journal files. A constant's code is fixed here and never depends on where the constant
 * stands in its Java enum, so inserting a constant changes nothing that old peers and old journals
 * mean. Each mapping is an exhaustive switch: a new constant does not compile until it has a code.
 * The codes are the ordinals of the first format, so files and peers of that format still agree.
 * (Feature enums, the values of properties, go by name: see {@link ValueCodec}.)
 */
public final class StableCodes {

    private StableCodes() {
    }

    /** The code of an availability state. */
    public static int code(ValueAvailability.State state) {
        return switch (state) {
            case AVAILABLE -> 0;
            case NOT_AVAILABLE -> 1;
            case STALE -> 2;
        };
    }

    /** The availability state of {@code code}; a code this side does not know is a {@link CodecException}. */
    public static ValueAvailability.State availabilityState(int code) {
        return switch (code) {
            case 0 -> ValueAvailability.State.AVAILABLE;
            case 1 -> ValueAvailability.State.NOT_AVAILABLE;
            case 2 -> ValueAvailability.State.STALE;
            default -> throw new CodecException("unknown availability state " + code);
        };
    }

    /** The code of a model edit kind. */
    public static int code(ModelEdit.Kind kind) {
        return switch (kind) {
            case INSERT -> 0;
            case REMOVE -> 1;
            case MOVE -> 2;
        };
    }

    /** The model edit kind of {@code code}; a code this side does not know is a {@link CodecException}. */
    public static ModelEdit.Kind editKind(int code) {
        return switch (code) {
            case 0 -> ModelEdit.Kind.INSERT;
            case 1 -> ModelEdit.Kind.REMOVE;
            case 2 -> ModelEdit.Kind.MOVE;
            default -> throw new CodecException("unknown model edit kind " + code);
        };
    }
}
