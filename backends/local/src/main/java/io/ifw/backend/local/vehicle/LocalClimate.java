package io.ifw.backend.local.vehicle;

import io.ifw.core.spi.BackendService;
import java.util.Map;
import io.ifw.core.spi.Configurations;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.TickerLease;
import io.ifw.core.spi.Ticker;
import io.ifw.vehicle.ClimateControl;
import java.util.EnumSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.util.promise.Promises;

/**
 * The climate of a simple cabin model: each zone's cabin temperature moves toward its target
 * by {@code degreesPerTick} every tick while its fan runs; zone synchronisation makes every zone
 * follow FrontLeft's target and fan speed.
 */
@Component(service = Backend.class, configurationPid = LocalClimate.PID)
@BackendService(feature = "io.ifw.vehicle.ClimateControl", backend_name = "climate-local")
@Designate(ocd = LocalClimate.Config.class)
public final class LocalClimate extends AbstractBackend<ClimateControl> {

    static final String PID = "io.ifw.backend.local.climate";
    private static final String DRIVER = "FrontLeft";

    @ObjectClassDefinition(name = "IFW local climate backend", description = "The in-process cabin model")
    public @interface Config {
        @AttributeDefinition(name = "Outside temperature (°C)")
        double outsideTemperature() default 12.0;

        @AttributeDefinition(name = "Cabin temperature at start (°C)")
        double initialCabinTemperature() default 24.0;

        @AttributeDefinition(name = "Tick interval (ms)", min = "1")
        long tickIntervalMs() default 1000;

        @AttributeDefinition(name = "Degrees per tick", description = "How far the cabin moves toward the target per tick while the fan runs")
        double degreesPerTick() default 0.2;
    }

    private final double degreesPerTick;
    private final TickerLease time;

    /** For Declarative Services: the configuration, and a ticker service if one is registered (tests). */
    @Activate
    public LocalClimate(Map<String, Object> properties,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) Ticker ticker) {
        this(ticker, Configurations.readOrFail(PID, Config.class, properties, config -> checked(config, properties)));
    }

    private LocalClimate(Ticker ticker, Config config) {
        this(ticker, config.outsideTemperature(), config.initialCabinTemperature(), config.tickIntervalMs(), config.degreesPerTick());
    }

    private static void checked(Config config, Map<String, Object> properties) {
        Configurations.check(properties, "tickIntervalMs", config.tickIntervalMs() > 0, "a positive number of milliseconds");
        Configurations.check(properties, "degreesPerTick", config.degreesPerTick() >= 0, "a number not below 0");
    }

    /** A cabin on {@code ticker} (a system ticker of its own when {@code null}). */
    public LocalClimate(Ticker ticker, double outsideTemperature, double initialCabinTemperature, long tickIntervalMs,
                        double degreesPerTick) {
        super(ClimateControl.class);
        if (tickIntervalMs <= 0 || degreesPerTick < 0) {
            throw new IllegalArgumentException(PID + ": tickIntervalMs must be positive and degreesPerTick not negative, were "
                    + tickIntervalMs + " and " + degreesPerTick);
        }
        this.degreesPerTick = degreesPerTick;
        this.time = TickerLease.of(ticker, "ifw-local-climate");
        update(ClimateControl::outsideTemperature, outsideTemperature);
        for (String zone : zones()) {
            update(ClimateControl::cabinTemperature, zone, initialCabinTemperature);
            update(ClimateControl::airflowDirections, zone, EnumSet.of(ClimateControl.AirflowDirection.DASHBOARD));
        }
        onSet(ClimateControl::targetTemperature, (zone, celsius) -> {
            followingDriver(zone).forEach(z -> update(ClimateControl::targetTemperature, z, celsius));
            return Promises.resolved(null);
        });
        onSet(ClimateControl::fanSpeedLevel, (zone, level) -> {
            followingDriver(zone).forEach(z -> update(ClimateControl::fanSpeedLevel, z, level));
            return Promises.resolved(null);
        });
        onSet(ClimateControl::zoneSynchronization, (zone, on) -> {
            update(ClimateControl::zoneSynchronization, on);
            if (on) {
                for (String other : zones()) {
                    update(ClimateControl::targetTemperature, other, value(ClimateControl::targetTemperature, DRIVER));
                    update(ClimateControl::fanSpeedLevel, other, value(ClimateControl::fanSpeedLevel, DRIVER));
                }
            }
            return Promises.resolved(null);
        });
        time.every(tickIntervalMs, this::tick);
    }

    /** The zones a write in {@code zone} changes: all of them when the driver's zone leads. */
    private java.util.List<String> followingDriver(String zone) {
        Boolean synchronised = value(ClimateControl::zoneSynchronization);
        return Boolean.TRUE.equals(synchronised) && DRIVER.equals(zone) ? zones() : java.util.List.of(zone);
    }

    private void tick() {
        for (String zone : zones()) {
            Double cabin = value(ClimateControl::cabinTemperature, zone);
            Double target = value(ClimateControl::targetTemperature, zone);
            Integer fan = value(ClimateControl::fanSpeedLevel, zone);
            if (cabin == null || target == null || fan == null || fan == 0) {
                continue;
            }
            double step = Math.max(-degreesPerTick, Math.min(degreesPerTick, target - cabin));
            update(ClimateControl::cabinTemperature, zone, Math.round((cabin + step) * 100) / 100.0);
        }
    }

    @Deactivate
    public void stop() {
        time.close();
    }
}
