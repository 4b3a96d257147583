package io.ifw.backend.remote.aeron.testing;

import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Zones;

/** A later build's thermostat whose mode enum has a constant inserted in the middle: compatible with {@link Thermostat}. */
@Feature(id = "io.ifw.test.Thermostat")
@Zones({"Front", "Rear"})
public interface ThermostatWithMoreModes extends ZonedFeature<ThermostatWithMoreModes> {

    /** {@link Thermostat.Mode} was OFF, HEAT, COOL. */
    enum Mode { OFF, AUTO, HEAT, COOL }

    record Schedule(String name, double target, Mode mode) {
    }

    @Range(min = 16, max = 30)
    Property<Double> target();

    Property<Mode> mode();

    Property<Schedule> schedule();
}
