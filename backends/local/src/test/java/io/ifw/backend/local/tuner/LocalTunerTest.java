package io.ifw.backend.local.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.ModelInstance;
import io.ifw.core.ModelOptions;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.testkit.FeatureTestKit;
import io.ifw.media.AmFmTuner;
import io.ifw.media.AmFmTuner.Band;
import io.ifw.media.TunerStation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalTunerTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<TunerStation> stations = LocalTuner.parseStations(new String[] {
        "FM|Radio One|98500", "FM|Jazz FM|102200", "FM|Classic FM|89300", "AM|World Service|648", "FM|Broken|98550", "nonsense"});

    @Test
    void shouldReadStationsAndSkipMalformedOnes() {
        assertThat(stations).extracting(TunerStation::name).containsExactly("Radio One", "Jazz FM", "Classic FM", "World Service");
    }

    @Test
    void shouldStartOnTheFirstFmStationWithTheFmGrid() throws Exception {
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, new LocalTuner(ticker, stations, 5000))) {
            AmFmTuner tuner = handle.feature();

            assertThat(tuner.frequencyKhz().get()).isEqualTo(89_300);
            assertThat(tuner.station().get().name()).isEqualTo("Classic FM");
            assertThat(tuner.stepSizeKhz().get()).isEqualTo(100);
            assertThat(tuner.frequencyKhz().attribute().constraintText()).isEqualTo("[87500-108000]");
        }
    }

    @Test
    void shouldSeekUpAndDownThroughTheStationsWrappingAround() throws Exception {
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, new LocalTuner(ticker, stations, 5000))) {
            AmFmTuner tuner = handle.feature();

            assertThat(tuner.seekUp().getValue().name()).isEqualTo("Radio One");
            assertThat(tuner.seekUp().getValue().name()).isEqualTo("Jazz FM");
            assertThat(tuner.seekUp().getValue().name()).isEqualTo("Classic FM");
            assertThat(tuner.seekDown().getValue().name()).isEqualTo("Jazz FM");
        }
    }

    @Test
    void shouldChangeGridAndStationsWithTheBand() throws Exception {
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, new LocalTuner(ticker, stations, 5000))) {
            AmFmTuner tuner = handle.feature();
            ModelInstance<TunerStation> list = tuner.stations().open(ModelOptions.DEFAULTS.withLoadingType(ModelOptions.LoadingType.DATA_CHANGED));
            list.ready().getValue();
            assertThat(list.size()).isEqualTo(3);

            tuner.band().set(Band.AM).getValue();

            assertThat(tuner.frequencyKhz().get()).isEqualTo(648);
            assertThat(tuner.frequencyKhz().attribute().constraintText()).isEqualTo("[531-1602]");
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.fetch(0, 10).getValue()).extracting(TunerStation::name).containsExactly("World Service");
        }
    }

    @Test
    void shouldRefuseAFrequencyOffTheGridNamingTheGrid() throws Exception {
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, new LocalTuner(ticker, stations, 5000))) {
            AmFmTuner tuner = handle.feature();

            FeatureException offStep = (FeatureException) tuner.frequencyKhz().set(98_550).getFailure();
            FeatureException outside = (FeatureException) tuner.frequencyKhz().set(120_000).getFailure();

            assertThat(offStep.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
            assertThat(offStep.getMessage()).isEqualTo("frequencyKhz 98550 is not on the FM grid: [87500-108000] in steps of 100 kHz");
            assertThat(outside.getMessage()).endsWith("the constraint is [87500-108000]");
            assertThat(tuner.frequencyKhz().set(100_000).getFailure()).isNull();
            assertThat(tuner.station().availability().reason()).isEqualTo("no station at 100000 kHz");
        }
    }

    @Test
    void shouldScanStationByStationOnTheClockWithSignals() throws Exception {
        try (FeatureHandle<AmFmTuner> handle = FeatureTestKit.bind(AmFmTuner.class, new LocalTuner(ticker, stations, 5000))) {
            AmFmTuner tuner = handle.feature();
            List<String> events = new CopyOnWriteArrayList<>();
            tuner.scanStarted().subscribe(v -> events.add("started"));
            tuner.scanStopped().subscribe(v -> events.add("stopped"));
            tuner.station().onChange(s -> events.add(((TunerStation) s).name()));

            tuner.startScan().getValue();
            ticker.advance(10_000);
            tuner.stopScan().getValue();
            ticker.advance(10_000);

            assertThat(events).containsExactly("started", "Radio One", "Jazz FM", "stopped");
            assertThat(tuner.scanRunning().get()).isFalse();
        }
    }
}
