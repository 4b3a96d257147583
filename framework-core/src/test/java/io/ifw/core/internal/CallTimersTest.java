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

    /**
     * A watch fires once, not before it is due, and a cancelled one never: asserted on the times
     * the watches fired (never "not yet fired after so much waiting", which a stalled machine breaks).
     */
    @Test
    void shouldFireAnOverdueWatchOnceAndNotACancelledOne() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicInteger firings = new AtomicInteger();
        AtomicInteger cancelledFired = new AtomicInteger();
        long start = System.nanoTime();
        long[] firedAt = new long[1];

        timers.watch(50, () -> {
            firedAt[0] = System.nanoTime();
            firings.incrementAndGet();
            fired.countDown();
        });
        timers.watch(50, cancelledFired::incrementAndGet).cancel();
        CountDownLatch later = new CountDownLatch(1);
        timers.watch(60, later::countDown); // due after the cancelled one: once it fired, the cancelled one had its chance

        assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(firedAt[0] - start)).isGreaterThanOrEqualTo(50);
        assertThat(firings).hasValue(1);
        assertThat(cancelledFired).hasValue(0);
    }

    @Test
    void shouldKeepSweepingWhileWatchesRemainAndFireEachWhenItIsDue() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] firedAt = new long[2];

        timers.watch(30, () -> {
            firedAt[0] = System.nanoTime();
            first.countDown();
        });
        timers.watch(200, () -> {
            firedAt[1] = System.nanoTime();
            second.countDown();
        });

        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(firedAt[0] - start)).isGreaterThanOrEqualTo(30);
        assertThat(TimeUnit.NANOSECONDS.toMillis(firedAt[1] - start)).as("not before it is due").isGreaterThanOrEqualTo(200);
        assertThat(firedAt[1]).isGreaterThan(firedAt[0]);
    }
}
