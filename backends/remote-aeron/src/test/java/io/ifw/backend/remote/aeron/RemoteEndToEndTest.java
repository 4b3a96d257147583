package io.ifw.backend.remote.aeron;

import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.server.RemoteServer;
import io.ifw.backend.remote.aeron.testing.Thermostat;
import io.ifw.backend.remote.aeron.testing.ThermostatBackend;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.ModelChange;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendProperties;
import java.lang.reflect.InvocationTargetException;
import java.net.DatagramSocket;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.util.promise.Promise;

/**
 * A server and clients in this JVM, over a real embedded media driver, on aeron:ipc and on
 * aeron:udp over loopback: every kind of member works remotely.
 */
class RemoteEndToEndTest {

    @RegisterExtension
    final RemoteHarness harness = new RemoteHarness();

    static String channel(String media) throws Exception {
        if (media.equals("ipc")) {
            return "aeron:ipc";
        }
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return "aeron:udp?endpoint=127.0.0.1:" + socket.getLocalPort();
        }
    }

    static Throwable failureOf(Promise<?> promise) throws InterruptedException {
        return promise.getFailure();
    }

    static <T> T valueOf(Promise<T> promise) throws InterruptedException, InvocationTargetException {
        return promise.getValue();
    }

    private ThermostatBackend export(RemoteServer server, double front) {
        ThermostatBackend backend = new ThermostatBackend(front, 20.0);
        server.backendAdded(backend, RemoteHarness.properties("io.ifw.test.Thermostat", "local", BackendProperties.KIND_PRODUCTION, 0));
        return backend;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldServeValuesWritesAndAttributesRemotely(String media) throws Exception {
        String channel = channel(media);
        ThermostatBackend backend = export(harness.server(channel), 21.5);
        harness.client("car", channel);

        Thermostat thermostat = harness.thermostat("car").feature();
        Thermostat front = thermostat.zone("Front");

        assertThat(front.target().get()).isEqualTo(21.5);
        assertThat(thermostat.zone("Rear").target().get()).isEqualTo(20.0);
        assertThat(front.mode().get()).isEqualTo(Thermostat.Mode.HEAT);
        assertThat(front.vents().get()).containsExactly(Thermostat.Vent.FACE);
        assertThat(front.schedule().get()).isEqualTo(new Thermostat.Schedule("morning", 22.0, Thermostat.Mode.HEAT));
        assertThat(thermostat.status().connection().state()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(harness.registeredProperties.get("car/io.ifw.test.Thermostat").get(BackendProperties.BACKEND_NAME)).isEqualTo("car:local");
        assertThat(harness.registeredProperties.get("car/io.ifw.test.Thermostat").get(BackendProperties.BACKEND_REMOTE)).isEqualTo(true);

        assertThat(failureOf(front.target().set(23.0))).isNull();
        assertThat(backend.target("Front")).isEqualTo(23.0);
        await(() -> front.target().get() == 23.0, "the written value comes back");

        Throwable refused = failureOf(front.target().set(31.0));
        assertThat(refused).isInstanceOf(FeatureException.class);
        assertThat(((FeatureException) refused).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
        assertThat(refused.getMessage()).contains("[16-30]");
        assertThat(backend.target("Front")).isEqualTo(23.0);

        assertThat(failureOf(front.vents().set(EnumSet.of(Thermostat.Vent.FEET, Thermostat.Vent.WINDSHIELD)))).isNull();
        await(() -> front.vents().get().equals(EnumSet.of(Thermostat.Vent.FEET, Thermostat.Vent.WINDSHIELD)), "the set of vents arrives");

        backend.measure("Front", 20.25);
        await(() -> front.measured().get() == 20.25, "a change of the backend arrives");
        backend.sensorLost("Front");
        await(() -> front.measured().availability().equals(ValueAvailability.notAvailable("sensor lost")), "availability arrives");
        backend.limitTarget("Rear", 17.0, 25.0);
        await(() -> thermostat.zone("Rear").target().attribute().maximum() != null
                && thermostat.zone("Rear").target().attribute().maximum() == 25.0, "the attribute arrives");
        Throwable outside = failureOf(thermostat.zone("Rear").target().set(26.0));
        assertThat(((FeatureException) outside).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldCompleteCallsOutOfOrderAndDeliverSignals(String media) throws Exception {
        String channel = channel(media);
        ThermostatBackend backend = export(harness.server(channel), 21.5);
        harness.client("car", channel);
        Thermostat front = harness.thermostat("car").feature().zone("Front");

        List<String> alarms = new CopyOnWriteArrayList<>();
        front.alarm().subscribe(alarms::add);
        Promise<Integer> first = front.calibrate(1, "first");
        Promise<Integer> second = front.calibrate(2, "second");
        await(() -> backend.calibrationsInFlight().size() == 2, "both calls reach the backend");

        backend.finishCalibration("second", 22);
        await(second::isDone, "the second call is answered");
        assertThat(first.isDone()).isFalse();
        assertThat(valueOf(second)).isEqualTo(22);
        backend.failCalibration("first", new FeatureException(ErrorCode.UNSUPPORTED, "no sensor to calibrate"));
        await(first::isDone, "the first call is answered");
        assertThat(((FeatureException) failureOf(first)).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(failureOf(first).getMessage()).isEqualTo("no sensor to calibrate");

        Throwable invalid = failureOf(front.calibrate(-1, "negative"));
        assertThat(((FeatureException) invalid).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(invalid.getMessage()).isEqualTo("steps must not be negative, was -1");

        backend.alarm("Front", "frost");
        backend.alarm("Front", "overheat");
        await(() -> alarms.size() == 2, "both signals arrive");
        assertThat(alarms).containsExactly("frost", "overheat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldPageModelsWithIndependentInstancesPerClient(String media) throws Exception {
        String channel = channel(media);
        ThermostatBackend backend = export(harness.server(channel), 21.5);
        harness.client("a", channel);
        harness.client("b", channel);
        Thermostat a = harness.thermostat("a").feature();
        Thermostat b = harness.thermostat("b").feature();

        ModelInstance<Thermostat.Schedule> all = a.schedules().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.DATA_CHANGED).withChunkSize(100));
        ModelInstance<Thermostat.Schedule> cool = b.schedules().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.DATA_CHANGED).withChunkSize(50).withQuery("mode='COOL' [\\target]"));
        assertThat(failureOf(all.ready())).isNull();
        assertThat(failureOf(cool.ready())).isNull();
        assertThat(all.size()).isEqualTo(1000);
        assertThat(cool.size()).isEqualTo(333);

        List<Thermostat.Schedule> page = valueOf(all.fetch(500, 3));
        assertThat(page).extracting(Thermostat.Schedule::name).containsExactly("schedule 500", "schedule 501", "schedule 502");
        Thermostat.Schedule warmestCool = valueOf(cool.fetch(0, 1)).get(0);
        assertThat(warmestCool.mode()).isEqualTo(Thermostat.Mode.COOL);
        assertThat(warmestCool.target()).isEqualTo(30.0);

        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        all.onChange(changes::add);
        assertThat(failureOf(all.insert(0, new Thermostat.Schedule("first", 18.0, Thermostat.Mode.OFF)))).isNull();
        assertThat(backend.schedules.get(0).name()).isEqualTo("first");
        await(() -> changes.contains(ModelChange.inserted(0, 1)), "the insertion is reported");
        assertThat(all.size()).isEqualTo(1001);
        await(() -> valueOfQuietly(all.fetch(0, 1)).get(0).name().equals("first"), "the inserted item is served");

        cool.close();
        all.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldPageWithFetchMoreRemotelyWithAQueryAndEditsThroughTheRemoteModel(String media) throws Exception {
        String channel = channel(media);
        ThermostatBackend backend = export(harness.server(channel), 21.5);
        harness.client("car", channel);
        Thermostat thermostat = harness.thermostat("car").feature();

        ModelInstance<Thermostat.Schedule> all = thermostat.schedules().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.FETCH_MORE).withChunkSize(100));
        assertThat(failureOf(all.ready())).isNull();
        assertThat(all.size()).as("nothing loaded before it is asked for").isZero();
        assertThat(all.canFetchMore()).isTrue();
        assertThat(failureOf(all.fetchMore())).isNull();
        assertThat(all.size()).isEqualTo(100);
        assertThat(all.get(99).name()).isEqualTo("schedule 99");
        assertThat(failureOf(all.fetchMore())).isNull();
        assertThat(all.size()).isEqualTo(200);
        all.get(199); // reading near the end loads the next chunk
        await(() -> all.size() == 300, "reading near the end loads the next chunk");
        assertThat(all.get(250).name()).isEqualTo("schedule 250");

        ModelInstance<Thermostat.Schedule> cool = thermostat.schedules().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.FETCH_MORE).withChunkSize(50).withQuery("mode='COOL' [\\target]"));
        assertThat(failureOf(cool.ready())).isNull();
        for (int chunk = 0; chunk < 20 && cool.canFetchMore(); chunk++) {
            assertThat(failureOf(cool.fetchMore())).isNull();
        }
        assertThat(cool.canFetchMore()).isFalse();
        assertThat(cool.size()).isEqualTo(333);
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < cool.size(); i++) {
            Thermostat.Schedule item = cool.get(i);
            assertThat(item.mode()).isEqualTo(Thermostat.Mode.COOL);
            assertThat(item.target()).isLessThanOrEqualTo(previous);
            previous = item.target();
        }
        Throwable filteredEdit = failureOf(cool.remove(0));
        assertThat(((FeatureException) filteredEdit).code()).isEqualTo(ErrorCode.INVALID_OPERATION);
        assertThat(filteredEdit.getMessage()).contains("edits need an instance without filter or order");

        List<ModelChange> changes = new CopyOnWriteArrayList<>();
        all.onChange(changes::add);
        assertThat(failureOf(all.insert(0, new Thermostat.Schedule("first", 18.0, Thermostat.Mode.OFF)))).isNull();
        assertThat(backend.schedules.get(0).name()).isEqualTo("first");
        await(() -> changes.contains(ModelChange.inserted(0, 1)), "the insertion is reported");
        await(() -> nameAt(all, 0).equals("first"), "the inserted item is served");
        assertThat(failureOf(all.remove(1))).isNull();
        assertThat(backend.schedules.get(1).name()).as("schedule 0 removed").isEqualTo("schedule 1");
        assertThat(failureOf(all.move(0, 2))).isNull();
        assertThat(backend.schedules.get(2).name()).isEqualTo("first");
        // CHANGED events (items loading as they are read) may come between; the edits come in order
        await(() -> changes.stream().filter(c -> c.kind() != ModelChange.Kind.CHANGED).count() >= 3, "the removal and the move are reported");
        assertThat(changes).filteredOn(c -> c.kind() != ModelChange.Kind.CHANGED)
                .containsExactly(ModelChange.inserted(0, 1), ModelChange.removed(1, 1), ModelChange.moved(0, 2));
        await(() -> nameAt(all, 2).equals("first"), "the moved item is served at its new place");

        cool.close();
        all.close();
    }

    /** The name at {@code index} once loaded (reading it asks for it), else empty. */
    private static String nameAt(ModelInstance<Thermostat.Schedule> instance, int index) {
        Thermostat.Schedule item = index < instance.size() ? instance.get(index) : null;
        return item == null ? "" : item.name();
    }

    private static <T> T valueOfQuietly(Promise<T> promise) {
        try {
            return promise.getValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "udp"})
    void shouldShowOneClientsWriteToTheOther(String media) throws Exception {
        String channel = channel(media);
        export(harness.server(channel), 21.5);
        harness.client("a", channel);
        harness.client("b", channel);
        FeatureHandle<Thermostat> a = harness.thermostat("a");
        FeatureHandle<Thermostat> b = harness.thermostat("b");

        assertThat(failureOf(a.feature().zone("Rear").target().set(24.5))).isNull();

        await(() -> b.feature().zone("Rear").target().get() == 24.5, "client b sees client a's write");
    }

    @Test
    void shouldShowAnAcknowledgedWriteWhenItsAcknowledgementArrives() throws Exception {
        export(harness.server("aeron:ipc"), 21.5);
        harness.client("car", "aeron:ipc");
        Thermostat front = harness.thermostat("car").feature().zone("Front");
        for (int i = 0; i < 200; i++) {
            double value = 16.0 + (i % 100) / 10.0;
            assertThat(failureOf(front.target().set(value))).isNull();
            // the server sends the changes a write made before its answer: no wait needed
            assertThat(front.target().get()).as("write " + i).isEqualTo(value);
        }
    }
}
