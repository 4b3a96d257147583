package io.ifw.journal.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/** Opening Chronicle queues the way IFW does, inside OSGi and out. */
public final class Queues {

    private Queues() {
    }

    /**
     * Runs {@code action} with the thread's context class loader set to Chronicle's: Chronicle finds
     * its services through it, and inside OSGi it must be Chronicle's bundle.
     */
    public static <T> T withChronicleLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ChronicleQueue.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A queue to write. */
    static net.openhft.chronicle.queue.impl.single.SingleChronicleQueue openForWriting(Path directory, RollCycle rollCycle) {
        return withChronicleLoader(() -> ChronicleQueue.singleBuilder(directory).rollCycle(rollCycle).build());
    }

    /**
     * A queue to read, from any process, while another may write it.
     *
     * @throws JournalException when the directory has no journal
     */
    public static ChronicleQueue openForReading(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new JournalException("there is no journal directory " + directory);
        }
        try (var files = Files.list(directory)) {
            if (files.noneMatch(file -> file.getFileName().toString().endsWith(".cq4"))) {
                throw new JournalException("the directory " + directory + " has no journal files (*.cq4)");
            }
        } catch (java.io.IOException e) {
            throw new JournalException("cannot read the journal directory " + directory + ": " + e, e);
        }
        return withChronicleLoader(() -> ChronicleQueue.singleBuilder(directory).readOnly(true).build());
    }

    /**
     * A roll cycle by name: one of Chronicle's, e.g. FAST_HOURLY, FAST_DAILY, FIVE_MINUTELY.
     *
     * @throws IllegalArgumentException naming the cycles there are
     */
    public static RollCycle rollCycle(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        StringBuilder known = new StringBuilder();
        for (RollCycle cycle : RollCycles.all()) {
            String cycleName = cycle instanceof Enum<?> e ? e.name() : cycle.toString();
            if (cycleName.equals(wanted)) {
                return cycle;
            }
            if (!cycleName.startsWith("TEST") && !cycleName.equals("DEFAULT")) {
                known.append(known.length() == 0 ? "" : ", ").append(cycleName);
            }
        }
        throw new IllegalArgumentException("rollCycle '" + name + "' is not one of " + known);
    }
}
