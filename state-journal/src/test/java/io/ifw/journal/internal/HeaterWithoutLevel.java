package io.ifw.journal.internal;

import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Zones;

/** A later build's heater: no level any more, and the label is now a number. */
@Feature(id = "io.ifw.test.Heater")
@Zones({"Front", "Rear"})
public interface HeaterWithoutLevel extends ZonedFeature<HeaterWithoutLevel> {

    Property<Double> target();

    Property<Integer> label();
}
