package io.ifw.backend.remote.aeron;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Queue;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/** The one thread of a server or client, and the tasks other threads hand it. */
final class AgentThreads {

    private AgentThreads() {
    }

    /** Runs {@code agent} on a daemon thread named {@code name}; errors are logged as {@code owner}'s. */
    static AgentRunner start(String name, String owner, IdleStrategy idle, Agent agent, Logger log) {
        AgentRunner runner = new AgentRunner(idle, error -> log.log(Level.WARNING, "IFW: " + owner + ": " + error, error), null, agent);
        AgentRunner.startOnThread(runner, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }

    /** Runs every queued task; one that fails is logged and the rest still run. */
    static int runTasks(Queue<Runnable> tasks, String owner, Logger log) {
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
