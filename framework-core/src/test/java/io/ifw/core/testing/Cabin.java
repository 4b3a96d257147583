package io.ifw.core.testing;

import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.Signal;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Domain;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Unsupported;
import io.ifw.core.annotations.Zones;
import java.util.List;
import java.util.Set;
import org.osgi.util.promise.Promise;

/** A test feature with every kind of member, type and attribute. */
@Feature(id = "io.ifw.test.Cabin", version = "2.1")
@Zones({"FrontLeft", "FrontRight", "Rear"})
public interface Cabin extends ZonedFeature<Cabin> {

    enum Mode { OFF, ON, AUTO }

    enum Direction { WINDSHIELD, DASHBOARD, FLOOR }

    record Position(double x, double y) {
    }

    record Preset(String name, double temperature, Mode mode, Position position, List<Integer> levels) {
    }

    record Warning(String text, int severity) {
    }

    @Range(min = 16, max = 30)
    @Default("21.5")
    Property<Double> targetTemperature();

    @Range(min = 0, max = 5)
    Property<Integer> fanSpeed();

    @Domain({"OFF", "AUTO"})
    Property<Mode> recirculation();

    Property<Boolean> heater();

    @Unsupported(zones = "Rear")
    Property<Long> odometer();

    @Domain({"eco", "comfort"})
    @Default("comfort")
    Property<String> profile();

    Property<Set<Direction>> airflow();

    Property<List<Integer>> levels();

    Property<Preset> preset();

    ReadOnlyProperty<Double> outsideTemperature();

    Promise<Void> resetToDefaults();

    Promise<Integer> boost(int level, String reason);

    Signal<Warning> warning();

    Signal<Void> doorOpened();

    PagingModel<Preset> presets();
}
