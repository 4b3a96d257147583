package io.ifw.backend.local.vehicle;

import io.ifw.core.spi.BackendService;
import io.ifw.core.spi.Configurations;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.TickerLease;
import io.ifw.core.spi.Ticker;
import io.ifw.vehicle.WindowControl;
import io.ifw.vehicle.WindowControl.State;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * Windows that move {@code percentPerTick} per tick. {@code open()} and {@code close()} resolve
 * when the window arrives; a new request for the same window fails the one in progress with
 * INVALID_OPERATION.
 */
@Component(service = Backend.class, configurationPid = LocalWindows.PID)
@BackendService(feature = "io.ifw.vehicle.WindowControl", backend_name = "windows-local")
@Designate(ocd = LocalWindows.Config.class)
public final class LocalWindows extends AbstractBackend<WindowControl> {

    static final String PID = "io.ifw.backend.local.windows";

    @ObjectClassDefinition(name = "IFW local window backend", description = "In-process window motors")
    public @interface Config {
        @AttributeDefinition(name = "Tick interval (ms)", min = "1")
        long tickIntervalMs() default 200;

        @AttributeDefinition(name = "Percent per tick", min = "1", max = "100")
        int percentPerTick() default 10;
    }

    /** A window in motion: where to, and the request that waits for it. */
    private record Motion(boolean opening, Deferred<Void> done) {
    }

    private final int percentPerTick;
    private final Map<String, Motion> moving = new HashMap<>();
    private final TickerLease time;

    @Activate
    public LocalWindows(Map<String, Object> properties,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) Ticker ticker) {
        this(ticker, Configurations.readOrFail(PID, Config.class, properties, config -> checked(config, properties)));
    }

    private LocalWindows(Ticker ticker, Config config) {
        this(ticker, config.tickIntervalMs(), config.percentPerTick());
    }

    private static void checked(Config config, Map<String, Object> properties) {
        Configurations.check(properties, "tickIntervalMs", config.tickIntervalMs() > 0, "a positive number of milliseconds");
        Configurations.check(properties, "percentPerTick", config.percentPerTick() >= 1 && config.percentPerTick() <= 100,
                "a whole number from 1 to 100");
    }

    public LocalWindows(Ticker ticker, long tickIntervalMs, int percentPerTick) {
        super(WindowControl.class);
        if (tickIntervalMs <= 0 || percentPerTick < 1 || percentPerTick > 100) {
            throw new IllegalArgumentException(PID + ": tickIntervalMs must be positive and percentPerTick within [1-100], were "
                    + tickIntervalMs + " and " + percentPerTick);
        }
        this.percentPerTick = percentPerTick;
        this.time = TickerLease.of(ticker, "ifw-local-windows");
        time.every(tickIntervalMs, this::tick);
    }

    /** The operation {@code open()} of a window zone. */
    public Promise<Void> open(String zone) {
        return move(zone, true);
    }

    /** The operation {@code close()} of a window zone. */
    public Promise<Void> close(String zone) {
        return move(zone, false);
    }

    private synchronized Promise<Void> move(String zone, boolean opening) {
        if (zone.isEmpty()) {
            return Promises.failed(new FeatureException(ErrorCode.INVALID_ZONE, (opening ? "open" : "close")
                    + " needs a window zone (one of " + zones() + ")"));
        }
        Motion previous = moving.remove(zone);
        if (previous != null) {
            previous.done().fail(new FeatureException(ErrorCode.INVALID_OPERATION, (previous.opening() ? "open" : "close")
                    + " of window " + zone + " was superseded by " + (opening ? "open" : "close")));
        }
        int percent = value(WindowControl::openPercent, zone);
        if ((opening && percent == 100) || (!opening && percent == 0)) {
            return Promises.resolved(null);
        }
        Motion motion = new Motion(opening, new Deferred<>());
        moving.put(zone, motion);
        update(WindowControl::state, zone, opening ? State.OPENING : State.CLOSING);
        return motion.done().getPromise();
    }

    private synchronized void tick() {
        for (Map.Entry<String, Motion> entry : Map.copyOf(moving).entrySet()) {
            String zone = entry.getKey();
            Motion motion = entry.getValue();
            int percent = value(WindowControl::openPercent, zone);
            int next = Math.max(0, Math.min(100, percent + (motion.opening() ? percentPerTick : -percentPerTick)));
            update(WindowControl::openPercent, zone, next);
            if (next == 100 || next == 0) {
                update(WindowControl::state, zone, next == 100 ? State.FULLY_OPEN : State.CLOSED);
                moving.remove(zone);
                motion.done().resolve(null);
            }
        }
    }

    @Deactivate
    public synchronized void stop() {
        time.close();
        for (Map.Entry<String, Motion> entry : moving.entrySet()) {
            update(WindowControl::state, entry.getKey(), State.HALF_OPEN);
            entry.getValue().done().fail(new FeatureException(ErrorCode.BACKEND_GONE, "the window backend stopped while window "
                    + entry.getKey() + " was moving"));
        }
        moving.clear();
    }
}
