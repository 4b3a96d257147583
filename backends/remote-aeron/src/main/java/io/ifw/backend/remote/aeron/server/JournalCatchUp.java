package io.ifw.backend.remote.aeron.server;

import io.ifw.backend.remote.aeron.protocol.Messages;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.Attribute;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ChangeHistory;
import io.ifw.core.spi.ChangeLog;
import io.ifw.core.spi.StateTable;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's part of a catch-up: reading the changes a client missed beyond the server's
 * memory (on the call thread, it is I/O) and encoding them as the updates they were.
 */
final class JournalCatchUp {

    /** The most changes a catch-up reads from the journal; a client further behind takes a snapshot. */
    static final int LIMIT = 100_000;

    /** A change read from the journal, to be sent as an update. */
    record Missed(long sequence, ChangeLog.Kind kind, int member, String zone, Object value) {
    }

    /** What was read: the journal's answer and the changes, in order. */
    record Read(ChangeHistory.Replay replay, List<Missed> missed) {
    }

    private JournalCatchUp() {
    }

    /** Reads changes {@code since + 1} to {@code until} of log {@code logId}; a journal that fails to read is a refusal with its error. */
    static Read read(ChangeHistory journal, FeatureModel model, String backendName, long logId, long since, long until) {
        List<Missed> missed = new ArrayList<>();
        ChangeHistory.Replay replay;
        try {
            replay = journal.changesSince(model, backendName, logId, since, until, LIMIT, new ChangeLog.Handler() {
                @Override
                public void snapshot(long at, StateTable state, String reason) {
                }

                @Override
                public void change(long at, ChangeLog.Kind kind, int member, String zone, Object value) {
                    missed.add(new Missed(at, kind, member, zone, value));
                }
            });
        } catch (RuntimeException e) {
            replay = new ChangeHistory.Replay(since, "the journal could not be read: " + e);
        }
        return new Read(replay, missed);
    }

    /** Encodes a change read from the journal as an update into {@code out}; one the codec cannot take goes as SKIPPED. */
    static int encode(Messages out, int index, FeatureCodec payloads, Missed change) {
        UpdateKind kind;
        int payloadLength;
        try {
            switch (change.kind()) {
                case ZONES -> {
                    kind = UpdateKind.ZONES;
                    @SuppressWarnings("unchecked")
                    List<String> zones = (List<String>) change.value();
                    payloadLength = FeatureCodec.putZones(zones, out.payload, 0);
                }
                case VALUE -> {
                    kind = UpdateKind.VALUE;
                    payloadLength = payloads.putValue(change.member(), change.value(), out.payload, 0);
                }
                case AVAILABILITY -> {
                    kind = UpdateKind.AVAILABILITY;
                    payloadLength = FeatureCodec.putAvailability((ValueAvailability) change.value(), out.payload, 0);
                }
                case ATTRIBUTE -> {
                    kind = UpdateKind.ATTRIBUTE;
                    payloadLength = payloads.putAttribute(change.member(), (Attribute<?>) change.value(), out.payload, 0);
                }
                case ERROR -> {
                    kind = UpdateKind.ERROR;
                    payloadLength = FeatureCodec.putError((FeatureError) change.value(), out.payload, 0);
                }
                default -> {
                    kind = UpdateKind.SKIPPED;
                    payloadLength = 0;
                }
            }
        } catch (RuntimeException e) {
            kind = UpdateKind.SKIPPED;
            payloadLength = 0;
        }
        boolean noMember = kind == UpdateKind.ZONES || kind == UpdateKind.ERROR || kind == UpdateKind.SKIPPED;
        return out.update(index, change.sequence(), kind, noMember ? -1 : change.member(), noMember ? "" : change.zone(), payloadLength);
    }
}
