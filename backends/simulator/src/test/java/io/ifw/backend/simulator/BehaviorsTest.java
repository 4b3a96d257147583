package io.ifw.backend.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.simulator.behavior.PlaybackProgress;
import io.ifw.backend.simulator.behavior.TunerScan;
import io.ifw.backend.simulator.behavior.WindowMotion;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.testkit.FeatureTestKit;
import io.ifw.media.AmFmTuner;
import io.ifw.media.MediaPlayer;
import io.ifw.vehicle.WindowControl;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

/** The reference behaviours on the simulator, with the data the feature bundles ship, on virtual time. */
class BehaviorsTest {

    private final ManualTicker ticker = new ManualTicker();

    private SimulatorBackend simulator(Class<?> type) throws Exception {
        FeatureModel model = FeatureModel.of(type);
        String resource = "simulation/" + type.getSimpleName() + ".json";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            return new SimulatorBackend(type, SimulationData.read(resource, in, model), ticker);
        }
    }

    @Test
    void shouldMoveSimulatedWindowsInStepsOnVirtualTime() throws Exception {
        SimulatorBackend simulator = simulator(WindowControl.class);
        simulator.attach(new WindowMotion());
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, simulator)) {
            WindowControl roof = handle.feature().zone("Roof");
            Promise<Void> opening = roof.open();

            ticker.advance(1_000);
            assertThat(roof.openPercent().get()).isEqualTo(50);
            assertThat(roof.state().get()).isEqualTo(WindowControl.State.OPENING);
            Promise<Void> closing = roof.close();
            assertThat(((FeatureException) opening.getFailure()).getMessage()).isEqualTo("open of window Roof was superseded by close");
            ticker.advance(1_000);

            assertThat(closing.getFailure()).isNull();
            assertThat(roof.state().get()).isEqualTo(WindowControl.State.CLOSED);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldScanSimulatedStationsWithSignals() throws Exception {
        SimulatorBackend simulator = simulator(AmFmTuner.class);
        simulator.attach(new TunerScan());
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, simulator)) {
            AmFmTuner tuner = handle.feature();
            List<String> signals = new CopyOnWriteArrayList<>();
            tuner.scanStarted().subscribe(v -> signals.add("started"));
            tuner.scanStopped().subscribe(v -> signals.add("stopped"));

            tuner.startScan().getValue();
            ticker.advance(6_000);
            tuner.stopScan().getValue();
            ticker.advance(6_000);

            assertThat(tuner.frequencyKhz().get()).isEqualTo(98_700);
            assertThat(signals).containsExactly("started", "stopped");
            tuner.seekDown().getValue();
            assertThat(tuner.frequencyKhz().get()).isEqualTo(98_600);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldServeAPagingModelFromTheDataWithQueries() throws Exception {
        SimulatorBackend simulator = simulator(AmFmTuner.class);
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, simulator)) {
            var stations = handle.feature().stations().open(io.ifw.core.ModelOptions.DEFAULTS
                    .withLoadingType(io.ifw.core.ModelOptions.LoadingType.DATA_CHANGED).withQuery("frequencyKhz>90000 [\\name]"));
            stations.ready().getValue();

            assertThat(stations.fetch(0, 10).getValue()).extracting(io.ifw.media.TunerStation::name)
                    .containsExactly("Simulated Radio", "Simulated Jazz");
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldProgressSimulatedPlaybackOnVirtualTime() throws Exception {
        SimulatorBackend simulator = simulator(MediaPlayer.class);
        simulator.attach(new PlaybackProgress());
        try (FeatureHandle<MediaPlayer> handle = FeatureTestKit.bind(MediaPlayer.class, simulator)) {
            MediaPlayer player = handle.feature();
            player.play().getValue();
            ticker.advance(2_000);

            assertThat(player.positionMs().get()).isEqualTo(2_000L);
            assertThat(player.durationMs().get()).isEqualTo(180_000L);
            player.pause().getValue();
            ticker.advance(2_000);
            assertThat(player.positionMs().get()).isEqualTo(2_000L);
            assertThat(((FeatureException) player.seek(200_000).getFailure()).code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
        } finally {
            simulator.stop();
        }
    }

    @Test
    void shouldResolveAnOperationWithoutBehaviourWithItsDefaultAndStopAfterDetach() throws Exception {
        SimulatorBackend simulator = simulator(WindowControl.class);
        WindowMotion motion = new WindowMotion();
        simulator.attach(motion);
        simulator.detach(motion);
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, simulator)) {
            assertThat(handle.feature().zone("Rear").open().getFailure()).isNull();
            assertThat(handle.feature().zone("Rear").state().get()).isEqualTo(WindowControl.State.CLOSED);
            assertThat(ticker.scheduled()).isZero();
        } finally {
            simulator.stop();
        }
    }
}
