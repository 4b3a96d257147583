package io.ifw.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the container's start goes: the JVM until the launcher's {@code main}, then each phase of
 * the launcher, and the bundles whose start took longest. Printed after "IFW ready" when the
 * system property {@value #PROPERTY} is {@code true} ({@code IFW_JAVA_OPTS=-Difw.startup.timings=true bin/ifw ...}).
 */
final class StartupTimings {

    static final String PROPERTY = "ifw.startup.timings";
    private static final int SLOWEST_BUNDLES = 8;

    private final long jvmToMainMs;
    private final List<Entry> phases = new ArrayList<>();
    private final List<Entry> bundles = new ArrayList<>();
    private long phaseStartNs;

    private record Entry(String name, long micros) {
    }

    StartupTimings() {
        // the JVM's own start: class loading of the launcher jar and everything before main
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        jvmToMainMs = Math.max(0, uptime);
        phaseStartNs = System.nanoTime();
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Ends the phase that ran since the previous call (or since this object was made). */
    void phase(String name) {
        long now = System.nanoTime();
        phases.add(new Entry(name, (now - phaseStartNs) / 1_000));
        phaseStartNs = now;
    }

    void bundle(String symbolicName, long nanos) {
        bundles.add(new Entry(symbolicName, nanos / 1_000));
    }

    long launcherMs() {
        return phases.stream().mapToLong(Entry::micros).sum() / 1_000;
    }

    void print(PrintStream out) {
        out.printf("IFW start timings (ms):%n");
        out.printf("  %-44s %7d%n", "JVM start until the launcher's main", jvmToMainMs);
        for (Entry phase : phases) {
            out.printf("  %-44s %7.1f%n", phase.name(), phase.micros() / 1000.0);
        }
        out.printf("  %-44s %7d%n", "total (launcher)", launcherMs());
        out.printf("  slowest bundle starts:%n");
        bundles.stream().sorted(Comparator.comparingLong(Entry::micros).reversed()).limit(SLOWEST_BUNDLES)
                .forEach(bundle -> out.printf("    %-42s %7.1f%n", bundle.name(), bundle.micros() / 1000.0));
    }
}
