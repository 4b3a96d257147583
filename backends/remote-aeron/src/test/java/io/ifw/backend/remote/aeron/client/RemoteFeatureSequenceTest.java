package io.ifw.backend.remote.aeron.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.transport.TransportSettings;
import io.ifw.codec.FeatureCodec;
import io.ifw.core.model.FeatureModel;
import io.ifw.remote.protocol.sbe.UpdateKind;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

/** A client's view of one feature's sequence: snapshot, deltas in order, replays dropped, gaps resynced. */
class RemoteFeatureSequenceTest {

    private final FeatureModel model = FeatureModel.of(Thermostat.class);
    private final List<String> registered = new ArrayList<>();
    private final RemoteClient client = new RemoteClient(ClientSettings.of("unit", "aeron:ipc", 4100, "", List.of("*"), "", 100, 400,
            1_000, 1_000, "stay-bound", 0, TransportSettings.of("/tmp/unused-aeron-dir", false, "shared", "backoff", 1 << 20, 5_000)),
            id -> model, new RemoteClient.Registrar() {
                @Override
                public Object register(RemoteFeature.RemoteBackendService backend, Dictionary<String, Object> properties) {
                    registered.add(String.valueOf(properties.get("ifw.feature")));
                    return "registration";
                }

                @Override
                public void update(Object registration, Dictionary<String, Object> properties) {
                }

                @Override
                public void unregister(Object registration) {
                    registered.remove(0);
                }
            });
    private final RemoteFeature feature = new RemoteFeature("io.ifw.test.Thermostat", client);
    private final ExpandableDirectByteBuffer payload = new ExpandableDirectByteBuffer(64);
    private final FeatureCodec payloads = new FeatureCodec(model);
    private final int target = model.member("target").index();

    private String value(long sequence, double value) {
        int length = payloads.putValue(target, value, payload, 0);
        return feature.update(sequence, UpdateKind.VALUE, target, "Front", payload, 0, length);
    }

    private String marker(long sequence, UpdateKind kind) {
        return feature.update(sequence, kind, -1, "", payload, 0, 0);
    }

    @Test
    void shouldApplyASnapshotThenDeltasInOrderAndDropReplays() {
        feature.adopt(model, 0, model.fingerprint(), "production", "local", model.schemaText());
        feature.resync();

        assertThat(value(3, 30.0)).as("a delta before the snapshot asked for").isNull();
        assertThat(marker(5, UpdateKind.SNAPSHOT_BEGIN)).isNull();
        assertThat(value(5, 21.0)).isNull();
        assertThat(marker(5, UpdateKind.SNAPSHOT_END)).isNull();
        assertThat(feature.state).isEqualTo(RemoteFeature.State.LIVE);
        assertThat(registered).containsExactly("io.ifw.test.Thermostat");
        assertThat(feature.lastSequence).isEqualTo(5);

        assertThat(value(6, 22.0)).isNull();
        assertThat(feature.lastSequence).isEqualTo(6);
        assertThat(value(6, 99.0)).isEqualTo("replayed sequence 6 (last 6)");
        assertThat(value(4, 99.0)).isEqualTo("replayed sequence 4 (last 6)");
        assertThat(marker(6, UpdateKind.SNAPSHOT_END)).isEqualTo("snapshot end without a snapshot");
        assertThat(feature.lastSequence).isEqualTo(6);
    }

    private String fanoutValue(long sequence, double value) {
        int length = payloads.putValue(target, value, payload, 0);
        return feature.update(sequence, UpdateKind.VALUE, target, "Front", payload, 0, length, true);
    }

    @Test
    void shouldTakeEachChangeFromWhicheverChannelBringsItFirstOnceTheFanoutIsHeard() {
        feature.adopt(model, 0, model.fingerprint(), "production", "local", model.schemaText());
        feature.resync();
        marker(5, UpdateKind.SNAPSHOT_BEGIN);
        assertThat(fanoutValue(6, 60.0)).as("a fan-out change while the snapshot comes in").isNull();
        value(5, 21.0);
        marker(5, UpdateKind.SNAPSHOT_END);
        assertThat(feature.lastSequence).as("the fan-out change during the snapshot was left to a catch-up").isEqualTo(5);

        assertThat(fanoutValue(6, 22.0)).isNull();
        assertThat(value(6, 22.0)).as("the answer channel's copy of a change the fan-out brought").isNull();
        assertThat(value(7, 23.0)).isNull();
        assertThat(fanoutValue(7, 23.0)).as("the fan-out's copy of a change the answer channel brought").isNull();
        assertThat(feature.lastSequence).isEqualTo(7);
        assertThat(marker(8, UpdateKind.CATCH_UP_END)).isEqualTo("catch-up end without a catch-up");
        assertThat(feature.update(9, UpdateKind.SNAPSHOT_BEGIN, -1, "", payload, 0, 0, true)).isEqualTo("SNAPSHOT_BEGIN on the fan-out publication");

        // a gap on the fan-out: a catch-up whose end the fan-out may pass before it comes
        assertThat(fanoutValue(9, 25.0)).isNull();
        assertThat(value(8, 24.0)).as("a missed change, caught up").isNull();
        assertThat(fanoutValue(9, 25.0)).isNull();
        assertThat(fanoutValue(10, 26.0)).isNull();
        assertThat(marker(9, UpdateKind.CATCH_UP_END)).as("the catch-up's end, passed by the fan-out").isNull();
        assertThat(feature.state).isEqualTo(RemoteFeature.State.LIVE);
        assertThat(feature.lastSequence).isEqualTo(10);
        assertThat(marker(12, UpdateKind.CATCH_UP_END)).isEqualTo("catch-up end without a catch-up");
    }

    @Test
    void shouldAskForASnapshotAfterAGapAndIgnoreDeltasUntilItComes() {
        feature.adopt(model, 0, model.fingerprint(), "production", "local", model.schemaText());
        feature.resync();
        marker(1, UpdateKind.SNAPSHOT_BEGIN);
        marker(1, UpdateKind.SNAPSHOT_END);

        assertThat(value(4, 25.0)).isNull();

        assertThat(client.gaps()).isEqualTo(1);
        assertThat(feature.awaitingSnapshot).isTrue();
        assertThat(value(5, 26.0)).as("deltas while waiting are ignored").isNull();
        marker(7, UpdateKind.SNAPSHOT_BEGIN);
        assertThat(value(6, 27.0)).isEqualTo("snapshot item with sequence 6 inside a snapshot at 7");
        value(7, 27.5);
        marker(7, UpdateKind.SNAPSHOT_END);
        assertThat(feature.awaitingSnapshot).isFalse();
        assertThat(feature.lastSequence).isEqualTo(7);
    }

    @Test
    void shouldIgnoreMembersOnlyTheServerHasAndRefuseIndexesBeyondItsOffer() {
        String schema = model.schemaText() + "property zzzExtra:int\n";
        feature.adopt(model, 0, "other", "production", "local", schema);
        feature.resync();
        marker(1, UpdateKind.SNAPSHOT_BEGIN);
        marker(1, UpdateKind.SNAPSHOT_END);
        int extra = model.members().size();

        assertThat(feature.update(2, UpdateKind.VALUE, extra, "Front", payload, 0, 0)).isNull();
        assertThat(feature.update(3, UpdateKind.VALUE, extra + 5, "Front", payload, 0, 0))
                .isEqualTo("member " + (extra + 5) + " beyond the " + (extra + 1) + " members the server offered");
    }

    @Test
    void shouldCatchUpWithTheMissedChangesAfterAGap() {
        feature.adopt(model, 0, model.fingerprint(), "production", "local", model.schemaText());
        feature.resync();
        marker(1, UpdateKind.SNAPSHOT_BEGIN);
        value(1, 20.0);
        marker(1, UpdateKind.SNAPSHOT_END);

        value(4, 23.0); // 2 and 3 were missed: the client asks for the changes since 1

        assertThat(feature.catchUpRequested).isTrue();
        assertThat(value(2, 21.0)).isNull();
        assertThat(value(3, 22.0)).isNull();
        assertThat(value(4, 23.0)).isNull();
        assertThat(feature.update(4, UpdateKind.CATCH_UP_END, -1, "", payload, 0, 0)).isNull();
        assertThat(feature.awaitingSnapshot).isFalse();
        assertThat(feature.state).isEqualTo(RemoteFeature.State.LIVE);
        assertThat(value(5, 24.0)).isNull();
        assertThat(feature.lastSequence).isEqualTo(5);
        assertThat(feature.update(5, UpdateKind.CATCH_UP_END, -1, "", payload, 0, 0)).isEqualTo("catch-up end without a catch-up");
    }
}
