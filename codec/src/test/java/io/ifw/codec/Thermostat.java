package io.ifw.codec;

import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Zones;
import org.osgi.util.promise.Promise;

/** A zoned test feature with a property, an operation and a paging model. */
@Feature(id = "io.ifw.test.Thermostat")
@Zones({"Front", "Rear"})
public interface Thermostat extends ZonedFeature<Thermostat> {

    enum Mode { OFF, HEAT, COOL }

    record Schedule(String name, double target, Mode mode) {
    }

    Property<Double> target();

    Promise<Integer> calibrate(int steps, String reason);

    PagingModel<Schedule> schedules();
}
