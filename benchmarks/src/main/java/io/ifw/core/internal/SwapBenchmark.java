package io.ifw.core.internal;

import io.ifw.core.BackendInfo;
import io.ifw.core.DiscoveryMode;
import io.ifw.core.DiscoveryResult;
import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Zones;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.AbstractBackend;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hot swap with state handover: the bound backend goes away and the front end binds the next
 * one, until the feature is initialized on it — connect, the new backend's initial push, the
 * diff against the values on show, and the notifications of what differs (one listener per
 * property and zone, direct delivery so their cost is inside the measurement). What it leaves
 * out: the OSGi service event that starts a swap in a container.
 *
 * <p>The feature has 8 properties in 3 zones plus the zone-less view (32 values).
 * {@code differing} is how many of the 8 properties differ between the two backends.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SwapBenchmark {

    @Feature(id = "io.ifw.bench.Cabin")
    @Zones({"FrontLeft", "FrontRight", "Rear"})
    public interface BenchCabin extends ZonedFeature<BenchCabin> {
        @Range(min = 16, max = 30)
        Property<Double> targetTemperature();

        Property<Integer> fanSpeed();

        Property<Boolean> airConditioning();

        Property<Boolean> heater();

        Property<Boolean> recirculation();

        Property<Integer> seatHeater();

        Property<String> profile();

        Property<Long> odometer();
    }

    /** A backend whose values are a function of a seed: the first {@code differing} properties differ. */
    public static final class CabinBackend extends AbstractBackend<BenchCabin> {
        public CabinBackend(int seed, int differing) {
            super(BenchCabin.class);
            for (String zone : zones()) {
                update(BenchCabin::targetTemperature, zone, 20.0 + (differing > 0 ? seed : 0));
                update(BenchCabin::fanSpeed, zone, 2 + (differing > 1 ? seed : 0));
                update(BenchCabin::airConditioning, zone, differing > 2 && seed == 1);
                update(BenchCabin::heater, zone, differing > 3 && seed == 1);
                update(BenchCabin::recirculation, zone, differing > 4 && seed == 1);
                update(BenchCabin::seatHeater, zone, differing > 5 ? seed : 0);
                update(BenchCabin::profile, zone, differing > 6 ? "profile-" + seed : "comfort");
                update(BenchCabin::odometer, zone, differing > 7 ? 1000L + seed : 1000L);
            }
        }
    }

    @Param({"0", "4", "8"})
    public int differing;

    private ScheduledExecutorService timer;
    private FeatureFrontEnd frontEnd;
    private BackendCandidate[] candidates;
    private final LongAdder notifications = new LongAdder();
    private int next;

    @Setup(Level.Trial)
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor();
        FeatureModel model = FeatureModel.of(BenchCabin.class);
        frontEnd = new FeatureFrontEnd(model, DiscoveryMode.AUTO, Runnable::run, true, timer, 30_000);
        BenchCabin cabin = (BenchCabin) FeatureView.create(frontEnd, this);
        for (String zone : new String[] {"FrontLeft", "FrontRight", "Rear"}) {
            BenchCabin view = cabin.zone(zone);
            view.targetTemperature().onChange(v -> notifications.increment());
            view.fanSpeed().onChange(v -> notifications.increment());
            view.airConditioning().onChange(v -> notifications.increment());
            view.heater().onChange(v -> notifications.increment());
            view.recirculation().onChange(v -> notifications.increment());
            view.seatHeater().onChange(v -> notifications.increment());
            view.profile().onChange(v -> notifications.increment());
            view.odometer().onChange(v -> notifications.increment());
        }
        candidates = new BackendCandidate[] {
            new BackendCandidate(new BackendInfo("production", "production", false, 0, 1), new CabinBackend(0, differing)),
            new BackendCandidate(new BackendInfo("simulation", "simulation", false, 0, 2), new CabinBackend(1, differing))};
        frontEnd.bind(candidates[0], DiscoveryResult.PRODUCTION_BACKEND_LOADED, "start");
    }

    @Benchmark
    public boolean swap() {
        frontEnd.unbind(DiscoveryResult.NO_BACKEND_FOUND, null, "backend unregistered");
        next ^= 1;
        frontEnd.bind(candidates[next], DiscoveryResult.SIMULATION_BACKEND_LOADED, "backend registered");
        return frontEnd.status().initialized();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (!frontEnd.status().initialized()) {
            throw new IllegalStateException("the swap did not leave the feature initialized");
        }
        if ((differing > 0) != (notifications.sum() > 0)) {
            throw new IllegalStateException(differing + " differing properties gave " + notifications.sum() + " notifications");
        }
        timer.shutdownNow();
    }
}
