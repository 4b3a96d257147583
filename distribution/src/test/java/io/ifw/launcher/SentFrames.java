package io.ifw.launcher;

import io.aeron.LogBuffers;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.protocol.DataHeaderFlyweight;
import io.aeron.protocol.HeaderFlyweight;
import io.ifw.remote.protocol.sbe.MessageHeaderDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a tap on a host's link saw it send: the messages in the log buffers of its media driver's
 * publications. Aeron puts the bytes of these buffers on the wire as they are, so this is what an
 * attacker who listens on the network has to replay — read without a packet capture tool.
 */
final class SentFrames {

    /** One whole (unfragmented) IFW message: its SBE template and its bytes, header included. */
    record Message(int templateId, byte[] bytes, int termId, int termOffset) {
    }

    private SentFrames() {
    }

    /**
     * The messages of the publication that last sent one of {@code templateId}, in the order
     * they were sent (as far as the log buffer still holds them).
     */
    static List<Message> ofPublicationThatSent(Path aeronDirectory, int templateId) throws IOException {
        List<Message> chosen = List.of();
        int newestTerm = Integer.MIN_VALUE;
        try (Stream<Path> files = Files.list(aeronDirectory.resolve("publications"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".logbuffer")).toList()) {
                List<Message> messages = read(file);
                for (Message message : messages) {
                    if (message.templateId() == templateId && message.termId() >= newestTerm) {
                        newestTerm = message.termId();
                        chosen = messages;
                    }
                }
            }
        }
        return chosen;
    }

    /** The last message of {@code templateId} among {@code messages}. */
    static Message last(List<Message> messages, int templateId) {
        Message last = null;
        for (Message message : messages) {
            if (message.templateId() == templateId) {
                last = message;
            }
        }
        if (last == null) {
            throw new AssertionError("the tap saw no message of template " + templateId + " among " + messages.size());
        }
        return last;
    }

    private static List<Message> read(Path file) {
        List<Message> messages = new ArrayList<>();
        LogBuffers logBuffers = new LogBuffers(file.toString());
        try {
            for (UnsafeBuffer term : logBuffers.duplicateTermBuffers()) {
                int offset = 0;
                while (offset < term.capacity()) {
                    int frameLength = FrameDescriptor.frameLengthVolatile(term, offset);
                    if (frameLength <= 0) {
                        break;
                    }
                    if (FrameDescriptor.frameType(term, offset) == HeaderFlyweight.HDR_TYPE_DATA
                            && (FrameDescriptor.frameFlags(term, offset) & FrameDescriptor.UNFRAGMENTED) == FrameDescriptor.UNFRAGMENTED
                            && frameLength >= DataHeaderFlyweight.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH) {
                        byte[] bytes = new byte[frameLength - DataHeaderFlyweight.HEADER_LENGTH];
                        term.getBytes(offset + DataHeaderFlyweight.HEADER_LENGTH, bytes);
                        MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(new UnsafeBuffer(bytes), 0);
                        messages.add(new Message(header.templateId(), bytes, term.getInt(offset + DataHeaderFlyweight.TERM_ID_FIELD_OFFSET,
                                java.nio.ByteOrder.LITTLE_ENDIAN), offset));
                    }
                    offset += BitUtil.align(frameLength, FrameDescriptor.FRAME_ALIGNMENT);
                }
            }
        } finally {
            logBuffers.close();
        }
        messages.sort(Comparator.comparingInt(Message::termId).thenComparingInt(Message::termOffset));
        return messages;
    }
}
