package io.ifw.backend.simulator.behavior;

import io.ifw.core.Registration;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.util.promise.Promises;

/**
 * A simulated tuner: seek moves the frequency one step up or down within the band's range;
 * a scan seeks up every 3 s, with its started and stopped signals.
 */
@Component(property = SimulationBehavior.FEATURE + "=io.ifw.media.AmFmTuner")
public final class TunerScan implements SimulationBehavior {

    static final long SCAN_INTERVAL_MS = 3_000;

    @Override
    public void attach(SimulationContext context) {
        AtomicReference<Registration> scanning = new AtomicReference<>();
        context.onCall("seekUp", (zone, args) -> Promises.resolved(seek(context, 1)));
        context.onCall("seekDown", (zone, args) -> Promises.resolved(seek(context, -1)));
        context.onCall("startScan", (zone, args) -> {
            if (scanning.get() == null) {
                context.update("scanRunning", "", true);
                context.emit("scanStarted", "", null);
                scanning.set(context.every(SCAN_INTERVAL_MS, () -> seek(context, 1)));
            }
            return Promises.resolved(null);
        });
        context.onCall("stopScan", (zone, args) -> {
            Registration scan = scanning.getAndSet(null);
            if (scan != null) {
                scan.close();
                context.update("scanRunning", "", false);
                context.emit("scanStopped", "", null);
            }
            return Promises.resolved(null);
        });
    }

    /** Moves one step, wrapping at the band's ends; resolves with the station (the simulator's, unchanged). */
    private static Object seek(SimulationContext context, int direction) {
        int min = number(context.value("minimumFrequencyKhz", ""), 87_500);
        int max = number(context.value("maximumFrequencyKhz", ""), 108_000);
        int step = Math.max(1, number(context.value("stepSizeKhz", ""), 100));
        int next = number(context.value("frequencyKhz", ""), min) + direction * step;
        context.update("frequencyKhz", "", next > max ? min : next < min ? max : next);
        return context.value("station", "");
    }

    private static int number(Object value, int fallback) {
        return value instanceof Integer i ? i : fallback;
    }
}
