package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.Feature;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.spi.Ticker;
import io.ifw.media.AmFmTuner;
import io.ifw.media.TunerStation;
import io.ifw.vehicle.ClimateControl;
import io.ifw.vehicle.WindowControl;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;

/**
 * The reference vehicle and tuner features, served by the container's local backends, driven
 * through their front end services on a manual ticker registered by the test (the backends take
 * it greedily, so time is the test's).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LocalBackendsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    private ClimateControl climate;

    @Inject
    private WindowControl windows;

    @Inject
    private AmFmTuner tuner;

    @Inject
    private io.ifw.media.MediaPlayer player;

    private final ManualTicker ticker = new ManualTicker();
    private ServiceRegistration<Ticker> tickerRegistration;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Before
    public void takeOverTime() {
        long swapsBefore = climate.status().swaps();
        tickerRegistration = context.registerService(Ticker.class, ticker, null);
        // the local backends are re-created on the manual ticker: each feature swaps once
        await().atMost(WAIT).until(() -> climate.status().swaps() > swapsBefore && climate.status().initialized());
        awaitLocal(climate, "climate-local");
        awaitLocal(windows, "windows-local");
        awaitLocal(tuner, "tuner-local");
        awaitLocal(player, "player-local");
    }

    @After
    public void giveBackTime() {
        tickerRegistration.unregister();
    }

    /**
     * The cabin's start is whatever the backend had when the test took over time: it ran on the
     * system clock before (the fan on, the cabin drifting) and the instance on the manual ticker
     * restores its journaled value. So the target is set relative to the start the test reads,
     * and the ticks needed are counted from it; nothing depends on how fast the test got here.
     */
    @Test
    public void shouldWarmTheRearCabinTowardItsTarget() throws Exception {
        ClimateControl rear = climate.zone("Rear");
        double start = rear.cabinTemperature().get();
        double target = Math.min(30.0, Math.max(16.0, Math.round(start) + 1.0));
        int ticks = (int) Math.ceil(Math.abs(target - start) / 0.2) + 1; // 0.2 °C per tick of 1 s
        HotSwapIT.assertResolved(rear.targetTemperature().set(target));
        HotSwapIT.assertResolved(rear.fanSpeedLevel().set(3));

        ticker.advance(ticks * 1_000L);

        await().atMost(WAIT).until(() -> Double.valueOf(target).equals(rear.cabinTemperature().get()));
        HotSwapIT.assertFailsWith(rear.targetTemperature().set(40.0), ErrorCode.OUT_OF_RANGE, "the constraint is [16-30]");
    }

    @Test
    public void shouldOpenTheRoofInStepsAndResolve() throws Exception {
        WindowControl roof = windows.zone("Roof");
        Promise<Void> opening = roof.open();

        ticker.advance(1_000); // 10 % per tick of 200 ms
        await().atMost(WAIT).until(() -> Integer.valueOf(50).equals(roof.openPercent().get()));
        assertEquals(WindowControl.State.OPENING, roof.state().get());
        ticker.advance(1_000);

        HotSwapIT.assertResolved(opening);
        await().atMost(WAIT).until(() -> roof.state().get() == WindowControl.State.FULLY_OPEN);
        Promise<Void> closing = roof.close();
        ticker.advance(2_000);
        HotSwapIT.assertResolved(closing);
        await().atMost(WAIT).until(() -> roof.state().get() == WindowControl.State.CLOSED);
    }

    @Test
    public void shouldSeekAndScanThroughTheConfiguredStations() throws Exception {
        HotSwapIT.assertResolved(tuner.band().set(AmFmTuner.Band.FM));
        await().atMost(WAIT).until(() -> tuner.station().get() != null && "Classic FM".equals(tuner.station().get().name()));

        assertEquals("Radio One", HotSwapIT.value(tuner.seekUp()).name());
        HotSwapIT.assertResolved(tuner.startScan());
        ticker.advance(5_000);
        await().atMost(WAIT).until(() -> "Jazz FM".equals(tuner.station().get().name()));
        HotSwapIT.assertResolved(tuner.stopScan());

        ModelInstance<TunerStation> stations = tuner.stations().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.DATA_CHANGED).withQuery("name~='*fm' [\\frequencyKhz]"));
        HotSwapIT.assertResolved(stations.ready());
        assertEquals(2, stations.size());
        assertEquals("Jazz FM", HotSwapIT.value(stations.fetch(0, 2)).get(0).name());
        stations.close();
    }

    @Test
    public void shouldPlayThroughTheQueueOnTheClock() throws Exception {
        ModelInstance<io.ifw.media.AudioTrack> queue = player.playQueue().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.DATA_CHANGED));
        HotSwapIT.assertResolved(queue.ready());
        HotSwapIT.assertResolved(queue.insert(0, track("a", "Intro", 1_000)));
        HotSwapIT.assertResolved(queue.insert(1, track("b", "Outro", 3_000)));
        HotSwapIT.assertResolved(player.play());

        ticker.advance(1_500); // ticks of 500 ms: Intro ends, Outro starts

        await().atMost(WAIT).until(() -> Integer.valueOf(1).equals(player.currentIndex().get()));
        assertEquals("Outro", player.currentTrack().get().title());
        assertEquals(io.ifw.media.MediaPlayer.PlayState.PLAYING, player.playState().get());
        HotSwapIT.assertFailsWith(player.seek(5_000), ErrorCode.OUT_OF_RANGE, "outside the current track [0-3000]");
        ModelInstance<io.ifw.media.AudioTrack> sorted = player.playQueue().open(ModelOptions.DEFAULTS
                .withLoadingType(ModelOptions.LoadingType.DATA_CHANGED).withQuery("durationMs>2000"));
        HotSwapIT.assertResolved(sorted.ready());
        assertEquals(1, sorted.size());
        HotSwapIT.assertFailsWith(sorted.remove(0), ErrorCode.INVALID_OPERATION, "edits need an instance without filter or order");
        HotSwapIT.assertResolved(player.stop());
        queue.close();
        sorted.close();
    }

    private static io.ifw.media.AudioTrack track(String id, String title, long durationMs) {
        return new io.ifw.media.AudioTrack(id, title, "Test", "Tests", "", 2026, 1, durationMs, "file:/dev/null");
    }

    private static void awaitLocal(Feature feature, String backend) {
        Callable<Boolean> bound = () -> feature.status().initialized() && feature.status().backend() != null
                && backend.equals(feature.status().backend().name())
                && feature.status().discoveryResult() == DiscoveryResult.PRODUCTION_BACKEND_LOADED;
        await().atMost(WAIT).until(bound);
        assertTrue(feature.status().valid());
    }
}
