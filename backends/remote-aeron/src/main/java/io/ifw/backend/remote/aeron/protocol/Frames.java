package io.ifw.backend.remote.aeron.protocol;

import io.ifw.remote.protocol.sbe.CallDecoder;
import io.ifw.remote.protocol.sbe.ChallengeDecoder;
import io.ifw.remote.protocol.sbe.GoodbyeDecoder;
import io.ifw.remote.protocol.sbe.HeartbeatDecoder;
import io.ifw.remote.protocol.sbe.HelloDecoder;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import io.ifw.remote.protocol.sbe.ModelChangedDecoder;
import io.ifw.remote.protocol.sbe.OfferDecoder;
import io.ifw.remote.protocol.sbe.ProofDecoder;
import io.ifw.remote.protocol.sbe.RefusedDecoder;
import io.ifw.remote.protocol.sbe.ResultDecoder;
import io.ifw.remote.protocol.sbe.SubscribeDecoder;
import io.ifw.remote.protocol.sbe.UpdateDecoder;
import io.ifw.remote.protocol.sbe.WelcomeDecoder;
import java.nio.ByteOrder;
import org.agrona.DirectBuffer;

/**
 * Checks a received frame before any SBE decoder reads it: the header, the schema, the message
 * type, the fixed block and every variable-length field must fit in the frame. A frame that passes
 * can be decoded without reading outside it; one that fails is dropped and counted by the
 * receiver, with the reason {@link #check} names.
 */
public final class Frames {

    /** The version of the protocol this build speaks; a Hello with another is refused. */
    public static final int PROTOCOL_VERSION = 3;

    /** The largest frame a receiver accepts; larger ones are dropped. */
    public static final int MAX_FRAME_BYTES = 1 << 20;

    static final int OK = 0;
    static final int TOO_SHORT = -1;
    static final int WRONG_SCHEMA = -2;
    static final int UNKNOWN_TYPE = -3;
    static final int BAD_BLOCK = -4;
    static final int BAD_LENGTH = -5;
    static final int TOO_LARGE = -6;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private Frames() {
    }

    /** Why a frame was dropped, for counters and logs. */
    public static String reason(int status) {
        switch (status) {
            case TOO_SHORT:
                return "shorter than a message header";
            case WRONG_SCHEMA:
                return "not of the IFW protocol schema";
            case UNKNOWN_TYPE:
                return "of an unknown message type";
            case BAD_BLOCK:
                return "with a fixed block shorter than its type's";
            case BAD_LENGTH:
                return "with a length field beyond the end of the frame";
            case TOO_LARGE:
                return "larger than " + MAX_FRAME_BYTES + " bytes";
            default:
                return "malformed";
        }
    }

    /**
     * Checks a frame.
     *
     * @return the message's template id when it can be decoded safely, else one of the negative
     *     statuses
     */
    public static int check(DirectBuffer buffer, int offset, int length) {
        if (length > MAX_FRAME_BYTES) {
            return TOO_LARGE;
        }
        if (length < HEADER) {
            return TOO_SHORT;
        }
        int blockLength = buffer.getShort(offset, ORDER) & 0xFFFF;
        int templateId = buffer.getShort(offset + 2, ORDER) & 0xFFFF;
        int schemaId = buffer.getShort(offset + 4, ORDER) & 0xFFFF;
        int version = buffer.getShort(offset + 6, ORDER) & 0xFFFF;
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID) {
            return WRONG_SCHEMA;
        }
        int end = offset + length;
        int at = offset + HEADER + blockLength;
        int expectedBlock;
        int varFields;
        switch (templateId) {
            case HelloDecoder.TEMPLATE_ID:
                expectedBlock = HelloDecoder.BLOCK_LENGTH;
                varFields = version >= 3 ? 3 : 2; // a Hello of an older version is still read, to be refused with the reason
                break;
            case ChallengeDecoder.TEMPLATE_ID:
                expectedBlock = ChallengeDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;
            case ProofDecoder.TEMPLATE_ID:
                expectedBlock = ProofDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;
            case WelcomeDecoder.TEMPLATE_ID:
                expectedBlock = WelcomeDecoder.BLOCK_LENGTH;
                varFields = version >= 3 ? 3 : 1;
                break;
            case RefusedDecoder.TEMPLATE_ID:
                expectedBlock = RefusedDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;
            case OfferDecoder.TEMPLATE_ID:
                expectedBlock = OfferDecoder.BLOCK_LENGTH;
                varFields = -1;
                break;
            case SubscribeDecoder.TEMPLATE_ID:
                expectedBlock = SubscribeDecoder.BLOCK_LENGTH;
                varFields = 0;
                break;
            case UpdateDecoder.TEMPLATE_ID:
                expectedBlock = UpdateDecoder.BLOCK_LENGTH;
                varFields = 2;
                break;
            case ModelChangedDecoder.TEMPLATE_ID:
                expectedBlock = ModelChangedDecoder.BLOCK_LENGTH;
                varFields = 0;
                break;
            case CallDecoder.TEMPLATE_ID:
                expectedBlock = CallDecoder.BLOCK_LENGTH;
                varFields = 2;
                break;
            case ResultDecoder.TEMPLATE_ID:
                expectedBlock = ResultDecoder.BLOCK_LENGTH;
                varFields = 2;
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                expectedBlock = HeartbeatDecoder.BLOCK_LENGTH;
                varFields = 0;
                break;
            case GoodbyeDecoder.TEMPLATE_ID:
                expectedBlock = GoodbyeDecoder.BLOCK_LENGTH;
                varFields = 1;
                break;
            default:
                return UNKNOWN_TYPE;
        }
        if (blockLength < expectedBlock) {
            return BAD_BLOCK;
        }
        if (at > end) {
            return BAD_LENGTH;
        }
        if (varFields < 0) {
            at = offerGroup(buffer, at, end);
        } else {
            at = varFields(buffer, at, end, varFields);
        }
        return at < 0 ? at : templateId;
    }

    /** An Offer's features group: dimensions, then per entry its block and five strings. */
    private static int offerGroup(DirectBuffer buffer, int at, int end) {
        if (end - at < 4) {
            return BAD_LENGTH;
        }
        int entryBlock = buffer.getShort(at, ORDER) & 0xFFFF;
        int count = buffer.getShort(at + 2, ORDER) & 0xFFFF;
        at += 4;
        if (entryBlock < OfferDecoder.FeaturesDecoder.sbeBlockLength()) {
            return BAD_BLOCK;
        }
        for (int i = 0; i < count; i++) {
            if (end - at < entryBlock) {
                return BAD_LENGTH;
            }
            at = varFields(buffer, at + entryBlock, end, 5);
            if (at < 0) {
                return at;
            }
        }
        return at;
    }

    private static int varFields(DirectBuffer buffer, int at, int end, int count) {
        for (int i = 0; i < count; i++) {
            if (end - at < 4) {
                return BAD_LENGTH;
            }
            long length = buffer.getInt(at, ORDER) & 0xFFFF_FFFFL;
            at += 4;
            if (length > end - at) {
                return BAD_LENGTH;
            }
            at += (int) length;
        }
        return at;
    }
}
