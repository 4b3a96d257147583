package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.Attribute;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.testing.Cabin;
import io.ifw.core.testing.Lamp;
import io.ifw.core.testing.RecordingListener;
import io.ifw.core.testing.TestBackends.LampBackend;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

class AbstractBackendTest {

    private static final FeatureModel CABIN = FeatureModel.of(Cabin.class);
    private static final int TARGET = CABIN.property("targetTemperature").index();
    private static final int FAN = CABIN.property("fanSpeed").index();
    private static final int PROFILE = CABIN.property("profile").index();
    private static final int ODOMETER = CABIN.property("odometer").index();
    private static final int OUTSIDE = CABIN.property("outsideTemperature").index();
    private static final int AIRFLOW = CABIN.property("airflow").index();
    private static final int BOOST = CABIN.operation("boost").index();
    private static final int RESET = CABIN.operation("resetToDefaults").index();
    private static final int WARNING = CABIN.member("warning").index();

    /** A cabin backend written as a backend author would write it. */
    static final class CabinBackend extends AbstractBackend<Cabin> {
        final AtomicReference<String> lastHeaterWrite = new AtomicReference<>();
        int resets;

        CabinBackend() {
            super(Cabin.class);
            update(Cabin::outsideTemperature, 12.5);
            update(Cabin::targetTemperature, "FrontLeft", 22.0);
            onSet(Cabin::heater, (zone, on) -> {
                lastHeaterWrite.set(zone + "=" + on);
                update(Cabin::heater, zone, on);
                return Promises.resolved(null);
            });
        }

        public Promise<Void> resetToDefaults() {
            resets++;
            update(Cabin::targetTemperature, "FrontLeft", 21.5);
            return Promises.resolved(null);
        }

        public Promise<Integer> boost(String zone, int level, String reason) {
            return Promises.resolved(zone.length() * 100 + level);
        }

        void warn(String zone, String text) {
            emit(Cabin::warning, zone, new Cabin.Warning(text, 2));
        }

        void shrinkTo(List<String> zones) {
            setZones(zones);
        }

        void narrowTarget(String zone) {
            setAttribute(Cabin::targetTemperature, zone, Attribute.range(18.0, 24.0));
        }
    }

    @Test
    void shouldPushTheWholeStateThenInitializedOnConnect() {
        RecordingListener listener = new RecordingListener();
        new CabinBackend().connect(listener);

        assertThat(listener.events.get(0)).isEqualTo("zones [FrontLeft, FrontRight, Rear]");
        assertThat(listener.events).contains("value " + TARGET + "@=21.5", "value " + TARGET + "@FrontLeft=22.0",
                "value " + TARGET + "@Rear=21.5", "value " + OUTSIDE + "@=12.5", "value " + PROFILE + "@=comfort",
                "attribute " + TARGET + "@FrontLeft=[16-30]", "attribute " + ODOMETER + "@Rear=unsupported",
                "connection CONNECTED");
        assertThat(listener.events.get(listener.events.size() - 1)).isEqualTo("initialized");
        assertThat(listener.valuesOf(FAN)).as("no default, no value").isEmpty();
    }

    @Test
    void shouldBroadcastChangesToEveryConnectionButNotRepeatedValues() {
        CabinBackend backend = new CabinBackend();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        backend.connect(first);
        BackendConnection connection = backend.connect(second);
        first.events.clear();
        second.events.clear();

        backend.update(Cabin::fanSpeed, "Rear", 3);
        backend.update(Cabin::fanSpeed, "Rear", 3);
        connection.close();
        backend.update(Cabin::fanSpeed, "Rear", 4);

        assertThat(first.events).containsExactly("value " + FAN + "@Rear=3", "value " + FAN + "@Rear=4");
        assertThat(second.events).containsExactly("value " + FAN + "@Rear=3");
        assertThat(backend.connectionCount()).isEqualTo(1);
    }

    @Test
    void shouldStoreAWriteWithoutHandlerAndRunTheHandlerWhereThereIsOne() throws Exception {
        CabinBackend backend = new CabinBackend();
        RecordingListener listener = new RecordingListener();
        BackendConnection connection = backend.connect(listener);

        assertThat(connection.set(FAN, "FrontRight", 5).getFailure()).isNull();
        assertThat(connection.set(CABIN.property("heater").index(), "Rear", true).getFailure()).isNull();

        assertThat(backend.value(Cabin::fanSpeed, "FrontRight")).isEqualTo(5);
        assertThat(backend.lastHeaterWrite.get()).isEqualTo("Rear=true");
        assertThat(listener.events).contains("value " + FAN + "@FrontRight=5");
    }

    @Test
    void shouldFailWritesOutsideTheRangeNamingTheConstraint() throws Exception {
        BackendConnection connection = new CabinBackend().connect(new RecordingListener());

        assertFailure(connection.set(TARGET, "FrontLeft", 35.0), ErrorCode.OUT_OF_RANGE,
                "targetTemperature of io.ifw.test.Cabin in zone FrontLeft does not accept Double 35.0: the constraint is [16-30]");
        assertFailure(connection.set(PROFILE, "", "sport"), ErrorCode.OUT_OF_RANGE,
                "profile of io.ifw.test.Cabin does not accept String \"sport\": the constraint is [\"eco\",\"comfort\"]");
    }

    @Test
    void shouldFailWritesOfUnsupportedMembersInTheirZone() throws Exception {
        BackendConnection connection = new CabinBackend().connect(new RecordingListener());

        assertFailure(connection.set(ODOMETER, "Rear", 10L), ErrorCode.UNSUPPORTED,
                "odometer of io.ifw.test.Cabin is unsupported in zone Rear");
        assertThat(connection.set(ODOMETER, "FrontLeft", 10L).getFailure()).isNull();
    }

    @Test
    void shouldFailWritesToUnknownZonesReadOnlyPropertiesAndOfWrongType() throws Exception {
        BackendConnection connection = new CabinBackend().connect(new RecordingListener());

        assertFailure(connection.set(TARGET, "Rear2", 20.0), ErrorCode.INVALID_ZONE,
                "unknown zone 'Rear2' for io.ifw.test.Cabin (zones: [FrontLeft, FrontRight, Rear])");
        assertFailure(connection.set(OUTSIDE, "", 3.0), ErrorCode.INVALID_OPERATION, "outsideTemperature of io.ifw.test.Cabin is read-only");
        assertFailure(connection.set(TARGET, "", "hot"), ErrorCode.INVALID_ARGUMENT, "targetTemperature takes double, not String \"hot\"");
        assertFailure(connection.set(AIRFLOW, "", Set.of("FLOOR")), ErrorCode.INVALID_ARGUMENT,
                "airflow takes set<enum Direction>, not Set [FLOOR]");
        assertFailure(connection.set(BOOST, "", 1), ErrorCode.INVALID_OPERATION, "member " + BOOST + " of io.ifw.test.Cabin is not a property");
    }

    @Test
    void shouldAcceptAWholeNumberOfAnotherNumericTypeAndLeaveTheValueUnchangedOnRefusal() throws Exception {
        CabinBackend backend = new CabinBackend();
        BackendConnection connection = backend.connect(new RecordingListener());

        assertThat(connection.set(TARGET, "Rear", 20).getFailure()).isNull();
        assertThat(backend.value(Cabin::targetTemperature, "Rear")).isEqualTo(20.0);
        connection.set(TARGET, "Rear", 99);
        assertThat(backend.value(Cabin::targetTemperature, "Rear")).isEqualTo(20.0);
    }

    @Test
    void shouldDispatchOperationsToMethodsOfTheSameNameWithOrWithoutZone() throws Exception {
        CabinBackend backend = new CabinBackend();
        BackendConnection connection = backend.connect(new RecordingListener());

        assertThat(connection.invoke(BOOST, "Rear", new Object[] {3, "cold"}).getValue()).isEqualTo(403);
        assertThat(connection.invoke(RESET, "", new Object[0]).getFailure()).isNull();
        assertThat(backend.resets).isEqualTo(1);
        assertFailure(connection.invoke(BOOST, "", new Object[] {"three", "cold"}), ErrorCode.INVALID_ARGUMENT,
                "boost(level) takes int, not String \"three\"");
        assertFailure(connection.invoke(BOOST, "", new Object[] {3}), ErrorCode.INVALID_ARGUMENT, "boost takes 2 argument(s), not 1");
        assertFailure(connection.invoke(BOOST, "Nowhere", new Object[] {3, "x"}), ErrorCode.INVALID_ZONE, "unknown zone 'Nowhere'");
    }

    @Test
    void shouldFailAnOperationTheBackendDoesNotImplement() throws Exception {
        LamplessCabin backend = new LamplessCabin();
        BackendConnection connection = backend.connect(new RecordingListener());

        assertFailure(connection.invoke(RESET, "", new Object[0]), ErrorCode.INVALID_OPERATION,
                "operation resetToDefaults of io.ifw.test.Cabin is not implemented by LamplessCabin");
    }


    static final class LamplessCabin extends AbstractBackend<Cabin> {
        LamplessCabin() {
            super(Cabin.class);
        }
    }

    static final class MisfitBackend extends AbstractBackend<Lamp> {
        MisfitBackend() {
            super(Lamp.class);
        }

        public Promise<Integer> blink(String times) {
            return Promises.resolved(0);
        }
    }

    @Test
    void shouldRefuseAMethodThatLooksLikeAnOperationButDoesNotFit() {
        assertThatThrownBy(MisfitBackend::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MisfitBackend.blink does not fit the operation operation blink(times:int):int");
    }

    @Test
    void shouldTurnAnExceptionOfAnOperationIntoAFailedPromise() throws Exception {
        BackendConnection connection = new LampBackend(true, 5).connect(new RecordingListener());
        int blink = FeatureModel.of(Lamp.class).operation("blink").index();

        assertFailure(connection.invoke(blink, "", new Object[] {-1}), ErrorCode.INVALID_ARGUMENT, "times must not be negative, was -1");
    }

    @Test
    void shouldReportSignalsZonesAttributesAvailabilityAndErrors() {
        CabinBackend backend = new CabinBackend();
        RecordingListener listener = new RecordingListener();
        backend.connect(listener);
        listener.events.clear();

        backend.warn("Rear", "window open");
        backend.narrowTarget("FrontLeft");
        backend.setAvailability(Cabin::outsideTemperature, "", ValueAvailability.notAvailable("sensor disconnected"));
        backend.shrinkTo(List.of("FrontLeft", "FrontRight"));
        backend.reportError(new io.ifw.core.FeatureError(ErrorCode.UNKNOWN, "bus off"));

        assertThat(listener.events).containsExactly(
                "signal " + WARNING + "@Rear=Warning[text=window open, severity=2]",
                "attribute " + TARGET + "@FrontLeft=[18-24]",
                "availability " + OUTSIDE + "@=NOT_AVAILABLE (sensor disconnected)",
                "zones [FrontLeft, FrontRight]",
                "error UNKNOWN: bus off");
        assertThatThrownBy(() -> backend.update(Cabin::fanSpeed, "Rear", 1)).hasMessageContaining("unknown zone 'Rear'");
    }

    @Test
    void shouldRefuseUpdatesOfTheWrongTypeFromBackendCode() {
        CabinBackend backend = new CabinBackend();
        @SuppressWarnings({"unchecked", "rawtypes"})
        java.util.function.Function<Cabin, io.ifw.core.ReadOnlyProperty<Object>> raw = (java.util.function.Function) (java.util.function.Function<Cabin, ?>) Cabin::fanSpeed;

        assertThatThrownBy(() -> backend.update(raw, "", "fast")).hasMessage("fanSpeed takes int, not String \"fast\"");
    }

    private static void assertFailure(Promise<?> promise, ErrorCode code, String messageStart) throws InterruptedException {
        Throwable failure = promise.getFailure();
        assertThat(failure).isInstanceOf(FeatureException.class);
        assertThat(((FeatureException) failure).code()).isEqualTo(code);
        assertThat(failure.getMessage()).startsWith(messageStart);
    }

    @Test
    void shouldRestoreJournaledValuesByMemberAndCountWhatItCannotUse() {
        CabinBackend backend = new CabinBackend();
        int target = CABIN.member("targetTemperature").index();
        int fan = CABIN.member("fanSpeed").index();
        List<String> asked = new java.util.ArrayList<>();
        StateRecovery recovery = (model, backendName) -> {
            asked.add(model.id() + " " + backendName);
            return new RecoveredState("journal /tmp/j", 41, List.of("FrontLeft", "Rear"),
                    java.util.Map.of("FrontLeft", java.util.Map.of(target, 19.5, fan, "not a number"), "Rear", java.util.Map.of(target, 23.0)), 2);
        };

        int restored = backend.recover(recovery, "cabin-local");

        assertThat(restored).isEqualTo(2);
        assertThat(asked).containsExactly("io.ifw.test.Cabin cabin-local");
        assertThat(backend.recovered()).isTrue();
        assertThat(backend.recover(recovery, "cabin-local")).as("asked once per backend").isZero();
        assertThat(asked).hasSize(1);
        RecordingListener listener = new RecordingListener();
        backend.connect(listener);
        assertThat(listener.events).contains("zones [FrontLeft, Rear]", "value " + target + "@FrontLeft=19.5", "value " + target + "@Rear=23.0");
        assertThat(listener.events).noneMatch(event -> event.startsWith("value " + fan + "@FrontLeft"));
    }

    @Test
    void shouldMakeASecondRecoveryWaitUntilTheFirstIsDoneSoNobodySeesAHalfRestoredBackend() throws Exception {
        CabinBackend backend = new CabinBackend();
        int target = CABIN.member("targetTemperature").index();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        StateRecovery slow = (model, name) -> {
            reading.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RecoveredState("journal /tmp/j", 7, List.of("FrontLeft", "Rear"), java.util.Map.of("Rear", java.util.Map.of(target, 27.5)), 0);
        };
        Thread first = new Thread(() -> backend.recover(slow, "cabin-local"));
        first.start();
        assertThat(reading.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(backend.recovered()).as("not while it reads").isFalse();

        java.util.concurrent.atomic.AtomicReference<Object> seenBySecond = new java.util.concurrent.atomic.AtomicReference<>();
        Thread second = new Thread(() -> {
            backend.recover((model, name) -> null, "cabin-local");
            RecordingListener listener = new RecordingListener();
            backend.connect(listener);
            seenBySecond.set(listener.events);
        });
        second.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (second.getState() != Thread.State.BLOCKED && second.getState() != Thread.State.TERMINATED && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the second caller is waiting for the first (or, wrongly, went ahead)
        }
        release.countDown();
        first.join(30_000);
        second.join(30_000);

        assertThat(backend.recovered()).isTrue();
        assertThat(seenBySecond.get().toString()).as("the second caller connected only after the first had restored")
                .contains("value " + target + "@Rear=27.5");
    }

    @Test
    void shouldKeepItsOwnStateWhenNothingWasJournaledOrRecoveryFails() {
        CabinBackend backend = new CabinBackend();

        assertThat(backend.recover((model, name) -> null, "cabin-local")).isZero();
        assertThat(new CabinBackend().recover((model, name) -> {
            throw new IllegalStateException("journal unreadable");
        }, "cabin-local")).isZero();

        RecordingListener listener = new RecordingListener();
        backend.connect(listener);
        assertThat(listener.events).contains("value " + CABIN.member("targetTemperature").index() + "@FrontLeft=22.0");
    }
}
