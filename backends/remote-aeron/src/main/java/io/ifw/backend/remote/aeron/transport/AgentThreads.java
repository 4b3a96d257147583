package io.ifw.backend.remote.aeron.transport;

import io.ifw.backend.remote.aeron.RemoteReport;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * The one thread of a server or client (an Agrona {@link AgentRunner}), measured: duty cycles,
 * the longest {@code doWork}, and every error its handler saw. An {@link Error} is never
 * swallowed: Agrona rethrows it and the thread ends, so the handler logs it at ERROR and tells the
 * owner (which then shows itself FAILED) before that.
 */
public final class AgentThreads {

    private AgentThreads() {
    }

    /** A started agent thread. */
    public static final class Running implements AutoCloseable {

        private final String name;
        private final AgentRunner runner;
        private final Measured measured;

        private Running(String name, AgentRunner runner, Measured measured) {
            this.name = name;
            this.runner = runner;
            this.measured = measured;
        }

        public RemoteReport.Agent stats() {
            return new RemoteReport.Agent(name, measured.dutyCycles.get(), measured.workDone.get(), measured.longestNs.get(), measured.errors.get(),
                    measured.lastError.get(), !runner.isClosed() && measured.fatal.get() == null);
        }

        AgentRunner runner() {
            return runner;
        }

        @Override
        public void close() {
            runner.close();
        }
    }

    /** The agent with its measurements around each duty cycle. */
    private static final class Measured implements Agent {

        private final Agent agent;
        private final AtomicLong dutyCycles = new AtomicLong();
        private final AtomicLong workDone = new AtomicLong();
        private final AtomicLong longestNs = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> lastError = new AtomicReference<>("");
        private final AtomicReference<Throwable> fatal = new AtomicReference<>();
        private long cycles;
        private long work;
        private long longest;

        Measured(Agent agent) {
            this.agent = agent;
        }

        @Override
        public void onStart() {
            agent.onStart();
        }

        @Override
        public int doWork() throws Exception {
            long start = System.nanoTime();
            int done = agent.doWork();
            long took = System.nanoTime() - start;
            // Written by this thread only; published with release stores for readers on other threads.
            dutyCycles.lazySet(++cycles);
            if (done > 0) {
                work += done;
                workDone.lazySet(work);
            }
            if (took > longest) {
                longest = took;
                longestNs.lazySet(took);
            }
            return done;
        }

        @Override
        public void onClose() {
            agent.onClose();
        }

        @Override
        public String roleName() {
            return agent.roleName();
        }
    }

    /**
     * Runs {@code agent} on a daemon thread named {@code name}; errors are counted and logged as
     * {@code owner}'s, and an {@link Error} is handed to {@code onFatal} before the thread ends.
     */
    public static Running start(String name, String owner, IdleStrategy idle, Agent agent, Logger log, Consumer<Throwable> onFatal) {
        Measured measured = new Measured(agent);
        AgentRunner runner = new AgentRunner(idle, error -> {
            measured.errors.incrementAndGet();
            measured.lastError.set(error.toString());
            if (error instanceof Error) {
                measured.fatal.set(error);
                log.log(Level.ERROR, "IFW: " + owner + ": its thread " + name + " ends on " + error, error);
                onFatal.accept(error);
            } else {
                log.log(Level.WARNING, "IFW: " + owner + ": " + error, error);
            }
        }, null, measured);
        AgentRunner.startOnThread(runner, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        return new Running(name, runner, measured);
    }

    /**
     * An agent that runs tasks handed to it from other threads, in order: the thread where
     * backend code runs for an agent that must not run it itself.
     */
    public static final class TaskAgent implements Agent {
        private final String name;
        private final String owner;
        private final Logger log;
        private final org.agrona.concurrent.ManyToOneConcurrentLinkedQueue<Runnable> tasks =
                new org.agrona.concurrent.ManyToOneConcurrentLinkedQueue<>();

        public TaskAgent(String name, String owner, Logger log) {
            this.name = name;
            this.owner = owner;
            this.log = log;
        }

        public void execute(Runnable task) {
            tasks.offer(task);
        }

        @Override
        public int doWork() {
            return runTasks(tasks, owner, log);
        }

        @Override
        public void onClose() {
            runTasks(tasks, owner, log); // what was handed over before the close still runs
        }

        @Override
        public String roleName() {
            return name;
        }
    }

    /** Runs every queued task; one that fails is logged and the rest still run. */
    public static int runTasks(Queue<Runnable> tasks, String owner, Logger log) {
        int count = 0;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "IFW: " + owner + ": " + e, e);
            }
            count++;
        }
        return count;
    }
}
