package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ifw.core.Registration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickerTest {

    @Test
    void shouldRunDueTasksInTimeOrderAtTheirOwnTimes() {
        ManualTicker ticker = new ManualTicker(1_000);
        List<String> ran = new CopyOnWriteArrayList<>();
        ticker.every(300, () -> ran.add("a@" + ticker.nowMs()));
        ticker.every(500, () -> ran.add("b@" + ticker.nowMs()));

        ticker.advance(1_000);

        assertThat(ran).containsExactly("a@1300", "b@1500", "a@1600", "a@1900", "b@2000");
        assertThat(ticker.nowMs()).isEqualTo(2_000);
    }

    @Test
    void shouldStopATaskWhoseRegistrationIsClosedAndRefuseTimeGoingBack() {
        ManualTicker ticker = new ManualTicker();
        AtomicInteger runs = new AtomicInteger();
        Registration task = ticker.every(100, runs::incrementAndGet);

        ticker.advance(250);
        task.close();
        ticker.advance(1_000);

        assertThat(runs).hasValue(2);
        assertThat(ticker.scheduled()).isZero();
        assertThatThrownBy(() -> ticker.advance(-1)).hasMessage("time does not go back: -1 ms");
        assertThatThrownBy(() -> ticker.every(0, runs::incrementAndGet)).hasMessage("the period must be positive, was 0 ms");
    }

    @Test
    void shouldStopEveryTaskOfALeaseWhenItCloses() {
        ManualTicker ticker = new ManualTicker();
        AtomicInteger runs = new AtomicInteger();
        TickerLease lease = TickerLease.of(ticker, "unused");
        lease.every(100, runs::incrementAndGet);
        lease.every(200, runs::incrementAndGet);

        ticker.advance(200);
        lease.close();
        ticker.advance(1_000);

        assertThat(runs).hasValue(3);
        assertThat(lease.ticker()).isSameAs(ticker);
        assertThat(ticker.scheduled()).isZero();
    }

    @Test
    void shouldRunOnRealTimeWithoutATickerAndStopOnClose() {
        TickerLease lease = TickerLease.of(null, "ifw-test-ticker");
        AtomicInteger runs = new AtomicInteger();
        lease.every(10, runs::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        lease.close();
        int afterClose = runs.get();

        assertThat(lease.ticker()).isInstanceOf(SystemTicker.class);
        await().pollDelay(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() <= afterClose + 1);
    }
}
