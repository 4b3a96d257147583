package io.ifw.core.model;

import io.ifw.core.Feature;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import org.osgi.util.promise.Promise;

/** Versions of test features, as peers of different releases would have them. */
final class Evolution {

    private Evolution() {
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Lamp", version = "9.9")
    interface LampSameShape extends Feature {
        Property<Boolean> on();

        Property<Integer> brightness();

        ReadOnlyProperty<Integer> burnHours();

        Promise<Integer> blink(int times);
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Lamp")
    interface LampWithColor extends Feature {
        Property<Boolean> on();

        Property<Integer> brightness();

        ReadOnlyProperty<Integer> burnHours();

        Promise<Integer> blink(int times);

        Property<String> color();
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Lamp")
    interface LampBrightnessDouble extends Feature {
        Property<Boolean> on();

        Property<Double> brightness();

        ReadOnlyProperty<Integer> burnHours();

        Promise<Integer> blink(int times);
    }

    record Station(String name, int frequency) {
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Radio")
    interface Radio1 extends Feature {
        Property<Station> station();
    }

    interface V2 {
        record Station(String name, int frequency, String genre) {
        }
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Radio")
    interface Radio2 extends Feature {
        Property<V2.Station> station();
    }

    interface V3 {
        record Station(String name, double frequency) {
        }
    }

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Radio")
    interface Radio3 extends Feature {
        Property<V3.Station> station();
    }
}
