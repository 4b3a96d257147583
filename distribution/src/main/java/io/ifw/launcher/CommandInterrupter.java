package io.ifw.launcher;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ctrl-C while a command of the interactive shell runs: the command is interrupted (an
 * {@code ifw:watch} ends, a call stops waiting) and the shell goes on, as in Karaf's shell.
 *
 * <p>The shell runs as {@code gosh --login}, a job of the launcher's Gogo session. Gogo runs each
 * line the user types as a child job of that one, so the running command is a child of the
 * session's foreground job that is not done yet. Each of its pipes runs on a thread that Gogo
 * names after the pipe's statement ({@code "pipe-ifw:watch ClimateControl"}); those threads are
 * interrupted, so that the command ends as it chooses and the shell prints its result. Gogo's own
 * {@code Job.interrupt()} interrupts the job's controller instead, and the shell then prints
 * {@code gogo: InterruptedException: null}; it is the fallback when no pipe thread is found.
 *
 * <p>Gogo's {@code Job} has no accessor for its children or pipes: they are read from the
 * runtime's classes ({@code CommandSessionImpl.JobImpl}, fields {@code children} and {@code pipes};
 * {@code Pipe}, field {@code statement}). Without {@code pipes} or {@code statement} it falls back
 * to {@code Job.interrupt()}; without {@code children} nothing is interrupted and
 * {@link #interruptRunningCommands()} says so.
 */
final class CommandInterrupter {

    private static final String JOB = "org.apache.felix.service.command.Job";

    private volatile Object session;
    private volatile Class<?> sessionType;

    /** The Gogo session that runs the shell (a CommandSession, loaded by the shell's bundle). */
    void attach(Object session, Class<?> sessionType) {
        this.sessionType = sessionType;
        this.session = session;
    }

    /** @return how many running commands were interrupted: 0 when none runs (or Gogo cannot say) */
    int interruptRunningCommands() {
        Object session = this.session;
        if (session == null) {
            return 0;
        }
        try {
            Object shellJob = sessionType.getMethod("foregroundJob").invoke(session);
            if (shellJob == null) {
                return 0;
            }
            Class<?> jobType = sessionType.getClassLoader().loadClass(JOB);
            Method status = jobType.getMethod("status");
            Method interrupt = jobType.getMethod("interrupt");
            int interrupted = 0;
            for (Object command : field(shellJob, "children")) {
                if (!"Done".equals(String.valueOf(status.invoke(command)))) {
                    if (interruptPipes(command) == 0) {
                        interrupt.invoke(command);
                    }
                    interrupted++;
                }
            }
            return interrupted;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0; // the framework stopped, or another Gogo: there is nothing to interrupt
        }
    }

    /** Interrupts the threads that run the pipes of {@code job}: @return how many (0 when Gogo's fields are not there) */
    private static int interruptPipes(Object job) {
        Set<String> names = new HashSet<>();
        try {
            for (Object pipe : field(job, "pipes")) {
                Field statement = pipe.getClass().getDeclaredField("statement");
                statement.setAccessible(true);
                names.add("pipe-" + statement.get(pipe)); // the name Pipe.call gives its thread
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0; // the caller falls back to Job.interrupt()
        }
        int interrupted = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (names.contains(thread.getName())) {
                thread.interrupt();
                interrupted++;
            }
        }
        return interrupted;
    }

    /** A copy of the list in the private field {@code name} of one of Gogo's jobs. */
    private static List<?> field(Object job, String name) throws ReflectiveOperationException {
        Field field = job.getClass().getDeclaredField(name);
        field.setAccessible(true);
        List<?> list = (List<?>) field.get(job);
        synchronized (list) { // Gogo adds children under this lock
            return new ArrayList<>(list);
        }
    }
}
