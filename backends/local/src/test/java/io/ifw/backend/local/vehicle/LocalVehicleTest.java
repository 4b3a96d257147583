package io.ifw.backend.local.vehicle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureHandle;
import io.ifw.core.spi.ManualTicker;
import io.ifw.core.testkit.FeatureTestKit;
import io.ifw.vehicle.ClimateControl;
import io.ifw.vehicle.WindowControl;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

class LocalVehicleTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void shouldMoveTheCabinTowardTheTargetWhileTheFanRuns() throws Exception {
        try (FeatureHandle<ClimateControl> handle = FeatureTestKit.bind(ClimateControl.class, new LocalClimate(ticker, 12.0, 24.0, 1000, 0.5))) {
            ClimateControl rear = handle.feature().zone("Rear");
            List<Object> seen = new CopyOnWriteArrayList<>();
            rear.cabinTemperature().onChange(seen::add);

            assertThat(rear.targetTemperature().set(22.0).getFailure()).isNull();
            ticker.advance(3_000);
            assertThat(rear.cabinTemperature().get()).isEqualTo(22.5);
            ticker.advance(10_000);

            assertThat(rear.cabinTemperature().get()).isEqualTo(22.0);
            assertThat(seen).containsExactly(23.5, 23.0, 22.5, 22.0);
            assertThat(handle.feature().outsideTemperature().get()).isEqualTo(12.0);
            assertThat(handle.feature().zone("FrontLeft").cabinTemperature().get()).as("the default target is 21").isEqualTo(21.0);
        }
    }

    @Test
    void shouldHoldTheCabinWhenTheFanIsOff() throws Exception {
        try (FeatureHandle<ClimateControl> handle = FeatureTestKit.bind(ClimateControl.class, new LocalClimate(ticker, 12.0, 24.0, 1000, 0.5))) {
            ClimateControl left = handle.feature().zone("FrontLeft");
            left.fanSpeedLevel().set(0).getValue();

            ticker.advance(5_000);

            assertThat(left.cabinTemperature().get()).isEqualTo(24.0);
        }
    }

    @Test
    void shouldMakeEveryZoneFollowTheDriverWhenSynchronised() throws Exception {
        try (FeatureHandle<ClimateControl> handle = FeatureTestKit.bind(ClimateControl.class, new LocalClimate(ticker, 12.0, 24.0, 1000, 0.5))) {
            ClimateControl climate = handle.feature();
            climate.zone("Rear").targetTemperature().set(25.0).getValue();

            climate.zoneSynchronization().set(true).getValue();
            assertThat(climate.zone("Rear").targetTemperature().get()).isEqualTo(21.0);
            climate.zone("FrontLeft").targetTemperature().set(19.5).getValue();
            climate.zone("FrontLeft").fanSpeedLevel().set(4).getValue();

            assertThat(climate.zone("FrontRight").targetTemperature().get()).isEqualTo(19.5);
            assertThat(climate.zone("Rear").fanSpeedLevel().get()).isEqualTo(4);
        }
    }

    @Test
    void shouldRefuseOutOfRangeTargetsWithTheConstraint() throws Exception {
        try (FeatureHandle<ClimateControl> handle = FeatureTestKit.bind(ClimateControl.class, new LocalClimate(ticker, 12.0, 24.0, 1000, 0.5))) {
            FeatureException failure = (FeatureException) handle.feature().zone("Rear").targetTemperature().set(31.0).getFailure();

            assertThat(failure.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
            assertThat(failure.getMessage()).isEqualTo("targetTemperature of io.ifw.vehicle.ClimateControl in zone Rear does not accept "
                    + "Double 31.0: the constraint is [16-30]");
        }
    }

    @Test
    void shouldRefuseAConfigurationThatCannotWork() {
        assertThatThrownBy(() -> new LocalClimate(ticker, 12.0, 24.0, 0, 0.5))
                .hasMessage("io.ifw.backend.local.climate: tickIntervalMs must be positive and degreesPerTick not negative, were 0 and 0.5");
    }

    @Test
    void shouldOpenAWindowInStepsAndResolveWhenItIsOpen() throws Exception {
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, new LocalWindows(ticker, 200, 25))) {
            WindowControl window = handle.feature().zone("FrontLeft");
            List<Object> states = new CopyOnWriteArrayList<>();
            List<Object> percents = new CopyOnWriteArrayList<>();
            window.state().onChange(states::add);
            window.openPercent().onChange(percents::add);

            Promise<Void> opening = window.open();
            ticker.advance(600);
            assertThat(opening.isDone()).isFalse();
            ticker.advance(200);

            assertThat(opening.getFailure()).isNull();
            assertThat(percents).containsExactly(25, 50, 75, 100);
            assertThat(states).containsExactly(WindowControl.State.OPENING, WindowControl.State.FULLY_OPEN);
            assertThat(window.open().isDone()).as("an open window is open at once").isTrue();
        }
    }

    @Test
    void shouldFailARequestThatAnotherSupersedes() throws Exception {
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, new LocalWindows(ticker, 200, 25))) {
            WindowControl window = handle.feature().zone("Roof");
            Promise<Void> opening = window.open();
            ticker.advance(400);

            Promise<Void> closing = window.close();

            FeatureException failure = (FeatureException) opening.getFailure();
            assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_OPERATION);
            assertThat(failure.getMessage()).isEqualTo("open of window Roof was superseded by close");
            ticker.advance(400);
            assertThat(closing.getFailure()).isNull();
            assertThat(window.state().get()).isEqualTo(WindowControl.State.CLOSED);
        }
    }

    @Test
    void shouldRefuseToMoveTheZoneLessWindow() throws Exception {
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, new LocalWindows(ticker, 200, 25))) {
            FeatureException failure = (FeatureException) handle.feature().open().getFailure();

            assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_ZONE);
            assertThat(failure.getMessage()).startsWith("open needs a window zone (one of [FrontLeft, FrontRight, RearLeft");
        }
    }

    @Test
    void shouldFailMovingWindowsWhenTheBackendStops() throws Exception {
        LocalWindows backend = new LocalWindows(ticker, 200, 25);
        try (FeatureHandle<WindowControl> handle = FeatureTestKit.bind(WindowControl.class, backend)) {
            Promise<Void> opening = handle.feature().zone("RearLeft").open();
            ticker.advance(200);

            backend.stop();

            assertThat(((FeatureException) opening.getFailure()).code()).isEqualTo(ErrorCode.BACKEND_GONE);
            assertThat(handle.feature().zone("RearLeft").state().get()).isEqualTo(WindowControl.State.HALF_OPEN);
            assertThat(ticker.scheduled()).isZero();
        }
    }
}
