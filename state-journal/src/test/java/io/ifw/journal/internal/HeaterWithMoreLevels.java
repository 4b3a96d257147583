package io.ifw.journal.internal;

import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Zones;

/** A later build's heater whose level enum has constants inserted in the middle and at the front. */
@Feature(id = "io.ifw.test.Heater")
@Zones({"Front", "Rear"})
public interface HeaterWithMoreLevels extends ZonedFeature<HeaterWithMoreLevels> {

    /** {@link Heater.Level} was OFF, LOW, HIGH. */
    enum Level { ECO, OFF, LOW, MEDIUM, HIGH }

    Property<Double> target();

    Property<Level> level();

    Property<String> label();
}
