package io.ifw.backend.remote.aeron.transport;


import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.backend.remote.aeron.RemoteReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;

class AgentThreadsTest {

    private static final System.Logger LOG = System.getLogger(AgentThreadsTest.class.getName());

    /** An agent that does what the test queues: one unit of work per step, or a failure. */
    private static final class Scripted implements Agent {
        final List<Runnable> steps = new CopyOnWriteArrayList<>();
        final AtomicInteger done = new AtomicInteger();

        @Override
        public int doWork() {
            if (steps.isEmpty()) {
                return 0;
            }
            steps.remove(0).run();
            done.incrementAndGet();
            return 1;
        }

        @Override
        public String roleName() {
            return "scripted";
        }
    }

    @Test
    void shouldCountDutyCyclesWorkAndErrorsAndKeepRunningAfterAnException() throws Exception {
        Scripted agent = new Scripted();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        CountDownLatch slow = new CountDownLatch(1);
        try (AgentThreads.Running running = AgentThreads.start("ifw-test-agent", "test", new BackoffIdleStrategy(), agent, LOG, fatal::set)) {
            agent.steps.add(() -> { });
            agent.steps.add(() -> {
                throw new IllegalStateException("a bad message");
            });
            agent.steps.add(() -> {
                try {
                    slow.await(50, TimeUnit.MILLISECONDS); // a doWork that takes at least 50 ms
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await(() -> agent.steps.isEmpty() && running.stats().workDone() >= 2, "the steps ran");

            RemoteReport.Agent stats = running.stats();
            assertThat(stats.name()).isEqualTo("ifw-test-agent");
            assertThat(stats.running()).isTrue();
            assertThat(stats.errors()).isEqualTo(1);
            assertThat(stats.lastError()).isEqualTo("java.lang.IllegalStateException: a bad message");
            assertThat(stats.workDone()).as("the failed step counts no work").isEqualTo(2);
            assertThat(stats.dutyCycles()).isGreaterThanOrEqualTo(3);
            assertThat(stats.longestDoWorkNs()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(fatal.get()).isNull();
            assertThat(stats.toString()).startsWith("agent ifw-test-agent: ").contains(" 1 error (last: java.lang.IllegalStateException: a bad message)");
        }
    }

    @Test
    void shouldHandAnErrorToItsOwnerAndStopInsteadOfSwallowingIt() throws Exception {
        Scripted agent = new Scripted();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        try (AgentThreads.Running running = AgentThreads.start("ifw-test-agent", "test", new BackoffIdleStrategy(), agent, LOG, fatal::set)) {
            agent.steps.add(() -> {
                throw new AssertionError("broken invariant");
            });
            agent.steps.add(() -> { });

            await(() -> fatal.get() != null, "the owner is told");
            assertThat(fatal.get()).isInstanceOf(AssertionError.class).hasMessage("broken invariant");
            await(() -> !running.stats().running(), "the agent is shown stopped");
            assertThat(running.stats().errors()).isEqualTo(1);
            assertThat(running.stats().toString()).startsWith("agent ifw-test-agent (stopped): ");
            assertThat(agent.steps).as("nothing runs after the Error").hasSize(1);
        }
    }
}
