package io.ifw.backend.simulator.behavior;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.simulator.SimulationBehavior;
import io.ifw.simulator.SimulationContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** Simulated windows: open() and close() move a window 10 % every 200 ms and resolve when it arrives. */
@Component(property = SimulationBehavior.FEATURE + "=io.ifw.vehicle.WindowControl")
public final class WindowMotion implements SimulationBehavior {

    static final long STEP_MS = 200;
    static final int STEP_PERCENT = 10;

    private record Motion(boolean opening, Deferred<Void> done) {
    }

    @Override
    public void attach(SimulationContext context) {
        Map<String, Motion> moving = new ConcurrentHashMap<>();
        context.onCall("open", (zone, args) -> move(context, moving, zone, true));
        context.onCall("close", (zone, args) -> move(context, moving, zone, false));
        context.every(STEP_MS, () -> step(context, moving));
    }

    private static synchronized Promise<Void> move(SimulationContext context, Map<String, Motion> moving, String zone, boolean opening) {
        if (zone.isEmpty()) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ZONE, (opening ? "open" : "close")
                    + " needs a window zone (one of " + context.zones() + ")"));
        }
        Motion previous = moving.remove(zone);
        if (previous != null) {
            previous.done().fail(new FeatureException(ErrorCode.INVALID_OPERATION, (previous.opening() ? "open" : "close")
                    + " of window " + zone + " was superseded by " + (opening ? "open" : "close")));
        }
        Object percent = context.value("openPercent", zone);
        int now = percent instanceof Integer p ? p : 0;
        if ((opening && now == 100) || (!opening && now == 0)) {
            return Promises.resolved(null);
        }
        Motion motion = new Motion(opening, new Deferred<>());
        moving.put(zone, motion);
        context.update("state", zone, context.parse("state", opening ? "OPENING" : "CLOSING"));
        return motion.done().getPromise();
    }

    private static synchronized void step(SimulationContext context, Map<String, Motion> moving) {
        for (Map.Entry<String, Motion> entry : Map.copyOf(moving).entrySet()) {
            String zone = entry.getKey();
            Object percent = context.value("openPercent", zone);
            int next = Math.max(0, Math.min(100, (percent instanceof Integer p ? p : 0)
                    + (entry.getValue().opening() ? STEP_PERCENT : -STEP_PERCENT)));
            context.update("openPercent", zone, next);
            if (next == 0 || next == 100) {
                context.update("state", zone, context.parse("state", next == 100 ? "FULLY_OPEN" : "CLOSED"));
                moving.remove(zone);
                entry.getValue().done().resolve(null);
            }
        }
    }
}
