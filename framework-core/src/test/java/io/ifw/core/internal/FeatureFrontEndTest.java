package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureStatus;
import io.ifw.core.ValueAvailability;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.testing.Cabin;
import io.ifw.core.testing.Lamp;
import io.ifw.core.testing.TestBackends.LampBackend;
import io.ifw.core.spi.AbstractBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

/** The front end alone: binding, state handover on swaps, calls in flight, threading, muting. */
class FeatureFrontEndTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> new Thread(r, "test-delivery"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private FeatureFrontEnd frontEnd(Class<?> type, boolean direct, long timeoutMs) {
        return new FeatureFrontEnd(FeatureModel.of(type), DiscoveryMode.AUTO, new SerialExecutor(pool, "test"), direct, timer, timeoutMs);
    }

    private static BackendCandidate candidate(String name, String kind, AbstractBackend<?> backend) {
        return new BackendCandidate(new BackendInfo(name, kind, false, 0, name.hashCode()), backend);
    }

    @Test
    void shouldShowTheBackendsStateOnceBoundAndReportItInTheStatus() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, false, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        assertThat(lamp.status().valid()).isFalse();
        assertThat(lamp.brightness().availability().state()).isEqualTo(ValueAvailability.State.NOT_AVAILABLE);

        frontEnd.bind(candidate("hardware", "production", new LampBackend(true, 40)), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        assertThat(lamp.brightness().get()).isEqualTo(40);
        assertThat(lamp.on().get()).isEqualTo(true);
        assertThat(lamp.brightness().availability()).isEqualTo(ValueAvailability.AVAILABLE);
        FeatureStatus status = lamp.status();
        assertThat(status.valid()).isTrue();
        assertThat(status.initialized()).isTrue();
        assertThat(status.backend().name()).isEqualTo("hardware");
        assertThat(status.discoveryResult()).isEqualTo(DiscoveryResult.PRODUCTION_BACKEND_LOADED);
        assertThat(status.connection().state()).isEqualTo(io.ifw.core.ConnectionStatus.State.CONNECTED);
        assertThat(status.lastChange()).isEqualTo("bound hardware: test");
    }

    @Test
    void shouldKeepServingStaleValuesDuringASwapAndNotifyOnlyWhatDiffers() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        frontEnd.bind(candidate("hardware", "production", new LampBackend(true, 40)), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        List<Object> brightness = new CopyOnWriteArrayList<>();
        List<Object> on = new CopyOnWriteArrayList<>();
        List<Object> availability = new CopyOnWriteArrayList<>();
        List<FeatureStatus> statuses = new CopyOnWriteArrayList<>();
        lamp.brightness().onChange(brightness::add);
        lamp.on().onChange(on::add);
        lamp.brightness().onAvailabilityChange(availability::add);
        lamp.onStatusChange(statuses::add);

        frontEnd.unbind(DiscoveryResult.NO_BACKEND_FOUND, null, "hardware stopped");
        assertThat(lamp.brightness().get()).isEqualTo(40);
        assertThat(lamp.brightness().availability().state()).isEqualTo(ValueAvailability.State.STALE);
        assertThat(lamp.brightness().availability().reason()).isEqualTo("backend hardware is gone");

        frontEnd.bind(candidate("simulator", "simulation", new LampBackend(true, 70)), DiscoveryResult.SIMULATION_BACKEND_LOADED,
                "backend simulator registered");

        assertThat(brightness).containsExactly(70);
        assertThat(on).as("'on' is true on both backends").isEmpty();
        assertThat(lamp.brightness().availability()).isEqualTo(ValueAvailability.AVAILABLE);
        assertThat(availability).containsExactly(ValueAvailability.stale("backend hardware is gone"), ValueAvailability.AVAILABLE);
        assertThat(statuses).extracting(st -> st.valid() + "/" + st.initialized() + "/" + st.connection().state())
                .containsExactly("false/false/DISCONNECTED", "true/false/NEVER_CONNECTED", "true/false/CONNECTED", "true/true/CONNECTED");
        assertThat(lamp.status().discoveryResult()).isEqualTo(DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertThat(lamp.status().swaps()).as("a new backend after a gap is a swap too").isEqualTo(1);
    }

    @Test
    void shouldCountASwapFromOneBackendToAnotherAndSayWhy() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        frontEnd.bind(candidate("simulator", "simulation", new LampBackend(false, 1)), DiscoveryResult.SIMULATION_BACKEND_LOADED, "first");
        frontEnd.bind(candidate("hardware", "production", new LampBackend(false, 2)), DiscoveryResult.PRODUCTION_BACKEND_LOADED,
                "backend hardware registered");

        assertThat(lamp.status().swaps()).isEqualTo(1);
        assertThat(lamp.status().lastChange()).isEqualTo("swapped from simulator to hardware: backend hardware registered");
        assertThat(lamp.brightness().get()).isEqualTo(2);
    }

    @Test
    void shouldFailACallInFlightWithBackendGoneWhenTheBackendIsReplaced() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 60_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend slow = new LampBackend(false, 1);
        frontEnd.bind(candidate("slow", "production", slow), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        Promise<Integer> blinking = lamp.blink(3);
        assertThat(blinking.isDone()).isFalse();
        assertThat(frontEnd.inFlightCount()).isEqualTo(1);

        frontEnd.bind(candidate("other", "production", new LampBackend(false, 2)), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        assertThat(blinking.isDone()).isTrue();
        FeatureException failure = (FeatureException) blinking.getFailure();
        assertThat(failure.code()).isEqualTo(ErrorCode.BACKEND_GONE);
        assertThat(failure.getMessage()).isEqualTo("call blink of io.ifw.test.Lamp: backend slow went away before answering "
                + "(replaced by other: test)");
        slow.answerBlink(3); // a late answer changes nothing
        assertThat(blinking.getFailure()).isSameAs(failure);
        assertThat(lamp.blink(0).getValue()).isEqualTo(0);
    }

    @Test
    void shouldFailFastWithNoBackendWhenNoneIsBound() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 60_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);

        Promise<Void> write = lamp.brightness().set(10);

        assertThat(write.isDone()).isTrue();
        FeatureException failure = (FeatureException) write.getFailure();
        assertThat(failure.code()).isEqualTo(ErrorCode.NO_BACKEND);
        assertThat(failure.getMessage()).isEqualTo("set brightness of io.ifw.test.Lamp: no backend is bound "
                + "(discovery mode AUTO, result NO_BACKEND_FOUND)");
    }

    @Test
    void shouldFailACallWithTimeoutWhenTheBackendNeverAnswers() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 100);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        frontEnd.bind(candidate("mute", "production", new LampBackend(false, 1)), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        Promise<Integer> blinking = lamp.blink(2);

        await().atMost(WAIT).until(blinking::isDone);
        FeatureException failure = (FeatureException) blinking.getFailure();
        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("call blink of io.ifw.test.Lamp: backend mute did not answer within 100 ms");
        assertThat(frontEnd.inFlightCount()).isZero();
    }

    @Test
    void shouldTimeOutOneCallAtItsOwnTimeoutAndTellTheBackend() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 600_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 1);
        frontEnd.bind(candidate("mute", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        Promise<Integer> patient = lamp.blink(1);
        assertThat(backend.lastBlinkTimeoutMs).as("no timeout of its own").isZero();
        Promise<Integer> hurried = io.ifw.core.CallTimeout.within(Duration.ofMillis(100), () -> lamp.blink(2));
        assertThat(backend.lastBlinkTimeoutMs).as("the backend is told the call's timeout").isEqualTo(100);
        assertThat(io.ifw.core.CallTimeout.currentMs(0)).as("only inside within()").isZero();

        await().atMost(WAIT).until(hurried::isDone);
        FeatureException failure = (FeatureException) hurried.getFailure();
        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("call blink of io.ifw.test.Lamp: backend mute did not answer within 100 ms");
        assertThat(patient.isDone()).as("the feature's timeout is 10 minutes").isFalse();
        assertThat(frontEnd.inFlightCount()).isEqualTo(1);

        assertThatThrownBy(() -> lamp.brightness().set(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a call timeout must be positive, was PT0S");
        assertThat(lamp.brightness().set(7, Duration.ofSeconds(5)).getFailure()).isNull();
    }

    @Test
    void shouldShowIncompatibleWithTheDifferencesForABackendThatSaysItCannotServe() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        BackendCandidate remote = new BackendCandidate(new BackendInfo("car:local", "production", true, 0, 7), new LampBackend(true, 1),
                "incompatible; conflicts: brightness: property brightness:int here, property brightness:string there");
        FeatureModel own = frontEnd.model();

        String conflict = remote.conflictWith(own);
        assertThat(conflict).isEqualTo("backend car:local serves an incompatible io.ifw.test.Lamp: incompatible; conflicts: "
                + "brightness: property brightness:int here, property brightness:string there");
        assertThat(candidate("hardware", "production", new LampBackend(true, 1)).conflictWith(own)).isNull();

        frontEnd.unbind(DiscoveryResult.ERROR_WHILE_LOADING, new io.ifw.core.FeatureError(ErrorCode.INCOMPATIBLE, conflict), "test");
        FeatureStatus status = frontEnd.status();
        assertThat(status.valid()).isFalse();
        assertThat(status.connection().state()).isEqualTo(io.ifw.core.ConnectionStatus.State.INCOMPATIBLE);
        assertThat(status.connection().detail()).isEqualTo(conflict);
        assertThat(status.error().code()).isEqualTo(ErrorCode.INCOMPATIBLE);
    }

    /** A backend written straight against the SPI: it reports attributes and checks nothing itself. */
    private static final class TrustingBackend implements io.ifw.core.spi.Backend {
        final FeatureModel model = FeatureModel.of(Lamp.class);
        final List<Object> writes = new CopyOnWriteArrayList<>();
        volatile io.ifw.core.spi.BackendListener listener;

        @Override
        public FeatureModel model() {
            return model;
        }

        @Override
        public io.ifw.core.spi.BackendConnection connect(io.ifw.core.spi.BackendListener listener) {
            this.listener = listener;
            listener.valueChanged(model.member("brightness").index(), "", 10);
            listener.attributeChanged(model.member("brightness").index(), "", io.ifw.core.Attribute.range(0.0, 50.0));
            listener.initialized();
            return new io.ifw.core.spi.BackendConnection() {
                @Override
                public Promise<Void> set(int property, String zone, Object value) {
                    writes.add(value);
                    return org.osgi.util.promise.Promises.resolved(null);
                }

                @Override
                public Promise<Object> invoke(int operation, String zone, Object[] arguments) {
                    return org.osgi.util.promise.Promises.resolved(null);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void shouldRefuseAWriteOutsideTheBackendsLiveAttributeBeforeItLeavesTheFrontEnd() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        TrustingBackend backend = new TrustingBackend();
        List<String> attributes = new CopyOnWriteArrayList<>();
        lamp.brightness().onAttributeChange(attribute -> attributes.add(attribute.constraintText()));
        frontEnd.bind(new BackendCandidate(new BackendInfo("raw", "production", false, 0, 1), backend),
                DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        FeatureException refused = (FeatureException) lamp.brightness().set(80).getFailure();
        assertThat(refused.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
        assertThat(refused.getMessage()).isEqualTo("brightness of io.ifw.test.Lamp does not accept Integer 80: the constraint is [0-50]");
        assertThat(backend.writes).as("the write never reached the backend").isEmpty();
        assertThat(lamp.brightness().set(40).getFailure()).isNull();
        assertThat(backend.writes).containsExactly(40);

        // the backend widens the range at run time: the front end follows, and listeners hear it
        backend.listener.attributeChanged(backend.model.member("brightness").index(), "", io.ifw.core.Attribute.range(0.0, 100.0));
        await().atMost(WAIT).until(() -> attributes.contains("[0-100]"));
        assertThat(attributes).containsExactly("[0-50]", "[0-100]");
        assertThat(lamp.brightness().set(80).getFailure()).isNull();
        assertThat(backend.writes).containsExactly(40, 80);

        backend.listener.attributeChanged(backend.model.member("brightness").index(), "", io.ifw.core.Attribute.unsupported());
        await().atMost(WAIT).until(() -> attributes.contains("unsupported"));
        FeatureException unsupported = (FeatureException) lamp.brightness().set(5).getFailure();
        assertThat(unsupported.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(unsupported.getMessage()).isEqualTo("brightness of io.ifw.test.Lamp is unsupported");
        assertThat(backend.writes).containsExactly(40, 80);
    }

    @Test
    void shouldRefuseNumbersThatAreNotFiniteAsWrongValues() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Cabin.class, true, 5_000);
        Cabin cabin = (Cabin) FeatureView.create(frontEnd, this);
        frontEnd.bind(candidate("sim", "simulation", new CabinSim()), DiscoveryResult.SIMULATION_BACKEND_LOADED, "test");

        for (double notFinite : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            FeatureException refused = (FeatureException) cabin.zone("Rear").targetTemperature().set(notFinite).getFailure();
            assertThat(refused.code()).as(String.valueOf(notFinite)).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(refused.getMessage()).contains("takes double");
        }
        assertThat(io.ifw.core.Attribute.range(0.0, 10.0).check(Double.NaN).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
    }

    @Test
    void shouldCheckTypeAndZoneBeforeCallingTheBackend() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Cabin.class, true, 5_000);
        Cabin cabin = (Cabin) FeatureView.create(frontEnd, this);

        @SuppressWarnings({"unchecked", "rawtypes"})
        Promise<Void> wrongType = ((io.ifw.core.Property) cabin.fanSpeed()).set("fast");
        assertThat(((FeatureException) wrongType.getFailure()).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(wrongType.getFailure().getMessage()).isEqualTo("set fanSpeed of io.ifw.test.Cabin: fanSpeed takes int, not String \"fast\"");
        @SuppressWarnings("unchecked")
        Promise<Void> readOnly = ((io.ifw.core.Property<Object>) (Object) cabin.outsideTemperature()).set(1.0);
        assertThat(((FeatureException) readOnly.getFailure()).code()).isEqualTo(ErrorCode.INVALID_OPERATION);
        assertThatThrownBy(() -> cabin.zone("Trunk")).isInstanceOf(FeatureException.class)
                .hasMessage("unknown zone 'Trunk' for io.ifw.test.Cabin (zones: [FrontLeft, FrontRight, Rear])")
                .satisfies(e -> assertThat(((FeatureException) e).code()).isEqualTo(ErrorCode.INVALID_ZONE));
    }

    @Test
    void shouldGiveEachZoneItsOwnValuesAndSignals() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Cabin.class, true, 5_000);
        Cabin cabin = (Cabin) FeatureView.create(frontEnd, this);
        CabinSim backend = new CabinSim();
        frontEnd.bind(candidate("sim", "simulation", backend), DiscoveryResult.SIMULATION_BACKEND_LOADED, "test");
        List<Object> rearWarnings = new CopyOnWriteArrayList<>();
        cabin.zone("Rear").warning().subscribe(rearWarnings::add);

        assertThat(cabin.zone("Rear").fanSpeed().set(4).getFailure()).isNull();
        backend.warn("Rear", "belt");
        backend.warn("FrontLeft", "door");

        assertThat(cabin.zone("Rear").fanSpeed().get()).isEqualTo(4);
        assertThat(cabin.zone("FrontLeft").fanSpeed().get()).isNull();
        assertThat(cabin.zone("Rear").zoneName()).isEqualTo("Rear");
        assertThat(cabin.zone("Rear")).isSameAs(cabin.zone("Rear"));
        assertThat(rearWarnings).containsExactly(new Cabin.Warning("belt", 1));
        assertThat(cabin.targetTemperature().get()).as("the interface default").isEqualTo(21.5);
        assertThat(((FeatureException) cabin.zone("Rear").odometer().set(3L).getFailure()).code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    static final class CabinSim extends AbstractBackend<Cabin> {
        CabinSim() {
            super(Cabin.class);
        }

        void warn(String zone, String text) {
            emit(Cabin::warning, zone, new Cabin.Warning(text, 1));
        }

        void zonesNow(List<String> zones) {
            setZones(zones);
        }
    }

    @Test
    void shouldFollowZoneChangesOfTheBackend() {
        FeatureFrontEnd frontEnd = frontEnd(Cabin.class, true, 5_000);
        Cabin cabin = (Cabin) FeatureView.create(frontEnd, this);
        CabinSim backend = new CabinSim();
        frontEnd.bind(candidate("sim", "simulation", backend), DiscoveryResult.SIMULATION_BACKEND_LOADED, "test");
        List<Object> zones = new CopyOnWriteArrayList<>();
        cabin.onZonesChange(zones::add);

        backend.zonesNow(List.of("FrontLeft", "FrontRight", "Rear", "ThirdRow"));

        assertThat(cabin.zones()).containsExactly("FrontLeft", "FrontRight", "Rear", "ThirdRow");
        assertThat(zones).containsExactly(List.of("FrontLeft", "FrontRight", "Rear", "ThirdRow"));
        assertThat(cabin.zone("ThirdRow").zoneName()).isEqualTo("ThirdRow");
    }

    @Test
    void shouldDeliverOnTheSerialExecutorInOrderAndNeverOnTheCallersThread() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, false, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 0);
        frontEnd.bind(candidate("hardware", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        List<Object> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        lamp.brightness().onChange(value -> {
            threads.add(Thread.currentThread().getName());
            seen.add(value);
            assertThat(lamp.brightness().get()).isNotNull(); // reading inside a listener does not deadlock
        });

        for (int i = 1; i <= 200; i++) {
            backend.setBrightnessFromHardware(i % 101);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(seen).hasSize(200));
        for (int i = 1; i <= 200; i++) {
            assertThat(seen.get(i - 1)).isEqualTo(i % 101);
        }
        assertThat(threads).allMatch("test-delivery"::equals);
    }

    @Test
    void shouldNotLetASlowListenerHoldUpTheBackend() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, false, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 0);
        frontEnd.bind(candidate("hardware", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        CountDownLatch release = new CountDownLatch(1);
        lamp.brightness().onChange(value -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        backend.setBrightnessFromHardware(1);
        backend.setBrightnessFromHardware(2);

        assertThat(lamp.brightness().get()).isEqualTo(2);
        release.countDown();
    }

    @Test
    void shouldDeliverOnTheCallersThreadInDirectMode() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 0);
        frontEnd.bind(candidate("hardware", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        List<String> threads = new CopyOnWriteArrayList<>();
        lamp.brightness().onChange(value -> threads.add(Thread.currentThread().getName()));

        backend.setBrightnessFromHardware(9);

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void shouldFreezeValuesWhileMutedAndCatchUpWithTheDifferencesOnResume() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 10);
        frontEnd.bind(candidate("hardware", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        List<Object> seen = new CopyOnWriteArrayList<>();
        lamp.brightness().onChange(seen::add);

        lamp.setBackendUpdatesEnabled(false);
        backend.setBrightnessFromHardware(20);
        backend.setBrightnessFromHardware(30);
        assertThat(lamp.brightness().get()).isEqualTo(10);
        assertThat(seen).isEmpty();
        assertThat(lamp.backendUpdatesEnabled()).isFalse();

        lamp.setBackendUpdatesEnabled(true);

        assertThat(lamp.brightness().get()).isEqualTo(30);
        assertThat(seen).containsExactly(30);
    }

    @Test
    void shouldRemoveTheListenersOfAnOwnerThatReleasesTheFeature() {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Object consumer = new Object();
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, consumer);
        Lamp other = (Lamp) FeatureView.create(frontEnd, this);
        LampBackend backend = new LampBackend(false, 0);
        frontEnd.bind(candidate("hardware", "production", backend), DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");
        List<Object> consumerSaw = new CopyOnWriteArrayList<>();
        List<Object> otherSaw = new CopyOnWriteArrayList<>();
        lamp.brightness().onChange(consumerSaw::add);
        var registration = other.brightness().onChange(otherSaw::add);

        frontEnd.releaseOwner(consumer);
        backend.setBrightnessFromHardware(5);
        registration.close();
        backend.setBrightnessFromHardware(6);

        assertThat(consumerSaw).isEmpty();
        assertThat(otherSaw).containsExactly(5);
        assertThat(frontEnd.listeners().size()).isZero();
    }

    @Test
    void shouldReportAnErrorWhenTheBackendFailsToConnectAndStayUnbound() throws Exception {
        FeatureFrontEnd frontEnd = frontEnd(Lamp.class, true, 5_000);
        Lamp lamp = (Lamp) FeatureView.create(frontEnd, this);
        io.ifw.core.spi.Backend broken = new io.ifw.core.spi.Backend() {
            @Override
            public FeatureModel model() {
                return FeatureModel.of(Lamp.class);
            }

            @Override
            public io.ifw.core.spi.BackendConnection connect(io.ifw.core.spi.BackendListener listener) {
                throw new IllegalStateException("bus is down");
            }
        };

        frontEnd.bind(new BackendCandidate(new BackendInfo("broken", "production", false, 0, 1), broken),
                DiscoveryResult.PRODUCTION_BACKEND_LOADED, "test");

        assertThat(lamp.status().valid()).isFalse();
        assertThat(lamp.status().discoveryResult()).isEqualTo(DiscoveryResult.ERROR_WHILE_LOADING);
        assertThat(lamp.status().error().message()).isEqualTo(
                "backend broken of io.ifw.test.Lamp failed to connect: java.lang.IllegalStateException: bus is down");
        assertThat(((FeatureException) lamp.on().set(true).getFailure()).code()).isEqualTo(ErrorCode.NO_BACKEND);
    }
}
