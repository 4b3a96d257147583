package io.ifw.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallTimersTest {

    private final CallTimers timers = CallTimers.create(runnable -> {
        Thread thread = new Thread(runnable, "test-call-timers");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    @Test
    void shouldFireAnOverdueWatchOnceAndNotACancelledOne() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicInteger cancelledFired = new AtomicInteger();
        long start = System.nanoTime();

        timers.watch(50, fired::countDown);
        timers.watch(50, cancelledFired::incrementAndGet).cancel();

        assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waitedMs).isGreaterThanOrEqualTo(50);
        Thread.sleep(3 * CallTimers.SWEEP_MS);
        assertThat(cancelledFired).hasValue(0);
    }

    @Test
    void shouldKeepSweepingWhileWatchesRemainAndFireEachWhenItIsDue() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);

        timers.watch(30, first::countDown);
        timers.watch(200, second::countDown);

        assertThat(first.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(second.getCount()).isEqualTo(1);
        assertThat(second.await(2, TimeUnit.SECONDS)).isTrue();
    }
}
