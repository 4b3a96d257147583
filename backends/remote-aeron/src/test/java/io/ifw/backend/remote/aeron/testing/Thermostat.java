package io.ifw.backend.remote.aeron.testing;

import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Signal;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Zones;
import java.util.Set;
import org.osgi.util.promise.Promise;

/** A zoned test feature with every kind of member the protocol carries. */
@Feature(id = "io.ifw.test.Thermostat")
@Zones({"Front", "Rear"})
public interface Thermostat extends ZonedFeature<Thermostat> {

    enum Mode { OFF, HEAT, COOL }

    enum Vent { FACE, FEET, WINDSHIELD }

    record Schedule(String name, double target, Mode mode) {
    }

    @Range(min = 16, max = 30)
    @Default("21.0")
    Property<Double> target();

    Property<Mode> mode();

    Property<Set<Vent>> vents();

    Property<Schedule> schedule();

    ReadOnlyProperty<Double> measured();

    /** Completes when the backend says so, in any order. */
    Promise<Integer> calibrate(int steps, String reason);

    Signal<String> alarm();

    PagingModel<Schedule> schedules();
}
