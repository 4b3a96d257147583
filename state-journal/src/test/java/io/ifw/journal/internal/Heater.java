package io.ifw.journal.internal;

import io.ifw.core.Property;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Zones;
import io.ifw.core.spi.AbstractBackend;

/** A small zoned test feature and its backend. */
@Feature(id = "io.ifw.test.Heater")
@Zones({"Front", "Rear"})
public interface Heater extends ZonedFeature<Heater> {

    enum Level { OFF, LOW, HIGH }

    Property<Double> target();

    Property<Level> level();

    Property<String> label();

    /** The backend the tests journal and restore. */
    final class Backend extends AbstractBackend<Heater> {
        public Backend() {
            this(io.ifw.core.spi.ChangeLog.DEFAULT_CAPACITY);
        }

        /** A backend whose change log keeps {@code changeLogCapacity} changes for readers that lag. */
        public Backend(int changeLogCapacity) {
            super(Heater.class, changeLogCapacity);
            update(Heater::target, "Front", 20.0);
            update(Heater::target, "Rear", 20.0);
            update(Heater::level, "Front", Level.OFF);
        }

        public void set(String zone, double target) {
            update(Heater::target, zone, target);
        }

        public void level(String zone, Level level) {
            update(Heater::level, zone, level);
        }

        public double target(String zone) {
            return value(Heater::target, zone);
        }
    }
}
