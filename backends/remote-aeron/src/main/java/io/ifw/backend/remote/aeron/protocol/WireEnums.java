package io.ifw.backend.remote.aeron.protocol;

import io.ifw.core.ErrorCode;
import io.ifw.core.ModelChange;
import io.ifw.remote.protocol.sbe.ModelChangeKind;

/**
 * The IFW enums that cross the wire, mapped to the protocol's SBE enums, whose values are fixed in
 * the schema. Each mapping is an exhaustive switch: a constant added to an IFW enum does not
 * compile until it has a wire value of its own, and no constant's wire value depends on where it
 * stands in its Java enum.
 */
public final class WireEnums {

    private WireEnums() {
    }

    static io.ifw.remote.protocol.sbe.ErrorCode toWire(ErrorCode code) {
        return switch (code) {
            case PERMISSION_DENIED -> io.ifw.remote.protocol.sbe.ErrorCode.PERMISSION_DENIED;
            case INVALID_OPERATION -> io.ifw.remote.protocol.sbe.ErrorCode.INVALID_OPERATION;
            case TIMEOUT -> io.ifw.remote.protocol.sbe.ErrorCode.TIMEOUT;
            case INVALID_ZONE -> io.ifw.remote.protocol.sbe.ErrorCode.INVALID_ZONE;
            case UNKNOWN -> io.ifw.remote.protocol.sbe.ErrorCode.UNKNOWN;
            case NOT_CONNECTED -> io.ifw.remote.protocol.sbe.ErrorCode.NOT_CONNECTED;
            case INCOMPATIBLE -> io.ifw.remote.protocol.sbe.ErrorCode.INCOMPATIBLE;
            case OUT_OF_RANGE -> io.ifw.remote.protocol.sbe.ErrorCode.OUT_OF_RANGE;
            case UNSUPPORTED -> io.ifw.remote.protocol.sbe.ErrorCode.UNSUPPORTED;
            case BACKEND_GONE -> io.ifw.remote.protocol.sbe.ErrorCode.BACKEND_GONE;
            case NO_BACKEND -> io.ifw.remote.protocol.sbe.ErrorCode.NO_BACKEND;
            case INVALID_ARGUMENT -> io.ifw.remote.protocol.sbe.ErrorCode.INVALID_ARGUMENT;
        };
    }

    /** The error code of a raw wire value; {@code null} for NONE (success); a value this side does not know is UNKNOWN. */
    public static ErrorCode errorCode(short raw) {
        io.ifw.remote.protocol.sbe.ErrorCode code;
        try {
            code = io.ifw.remote.protocol.sbe.ErrorCode.get(raw);
        } catch (IllegalArgumentException newerPeer) {
            return ErrorCode.UNKNOWN;
        }
        return fromWire(code);
    }

    /** The error code of a wire value; {@code null} for NONE (success). */
    static ErrorCode fromWire(io.ifw.remote.protocol.sbe.ErrorCode code) {
        return switch (code) {
            case NONE -> null;
            case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
            case INVALID_OPERATION -> ErrorCode.INVALID_OPERATION;
            case TIMEOUT -> ErrorCode.TIMEOUT;
            case INVALID_ZONE -> ErrorCode.INVALID_ZONE;
            case NOT_CONNECTED -> ErrorCode.NOT_CONNECTED;
            case INCOMPATIBLE -> ErrorCode.INCOMPATIBLE;
            case OUT_OF_RANGE -> ErrorCode.OUT_OF_RANGE;
            case UNSUPPORTED -> ErrorCode.UNSUPPORTED;
            case BACKEND_GONE -> ErrorCode.BACKEND_GONE;
            case NO_BACKEND -> ErrorCode.NO_BACKEND;
            case INVALID_ARGUMENT -> ErrorCode.INVALID_ARGUMENT;
            case UNKNOWN, NULL_VAL -> ErrorCode.UNKNOWN;
        };
    }

    static ModelChangeKind toWire(ModelChange.Kind kind) {
        return switch (kind) {
            case INSERTED -> ModelChangeKind.INSERTED;
            case REMOVED -> ModelChangeKind.REMOVED;
            case MOVED -> ModelChangeKind.MOVED;
            case CHANGED -> ModelChangeKind.CHANGED;
            case RESET -> ModelChangeKind.RESET;
        };
    }

    /** The kind of a raw wire value; {@code null} for a value this side does not know. */
    public static ModelChange.Kind changeKind(short raw) {
        try {
            return fromWire(ModelChangeKind.get(raw));
        } catch (IllegalArgumentException newerPeer) {
            return null;
        }
    }

    static ModelChange.Kind fromWire(ModelChangeKind kind) {
        return switch (kind) {
            case INSERTED -> ModelChange.Kind.INSERTED;
            case REMOVED -> ModelChange.Kind.REMOVED;
            case MOVED -> ModelChange.Kind.MOVED;
            case CHANGED -> ModelChange.Kind.CHANGED;
            case RESET -> ModelChange.Kind.RESET;
            case NULL_VAL -> null;
        };
    }
}
