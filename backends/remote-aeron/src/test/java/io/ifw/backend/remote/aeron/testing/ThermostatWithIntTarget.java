package io.ifw.backend.remote.aeron.testing;

import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;

/** Another build's thermostat: the same id, but its target is an int. Incompatible with {@link Thermostat}. */
@Feature(id = "io.ifw.test.Thermostat")
public interface ThermostatWithIntTarget extends ZonedFeature<ThermostatWithIntTarget> {

    Property<Integer> target();
}
