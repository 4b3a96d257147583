package io.ifw.backend.remote.aeron.testing;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ModelCapability;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.ListModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/** A thermostat backend the tests drive: values, signals, and calibrations answered when the test says. */
public final class ThermostatBackend extends AbstractBackend<Thermostat> {

    public final ListModel<Thermostat.Schedule> schedules = new ListModel<>(EnumSet.of(ModelCapability.INSERT, ModelCapability.REMOVE,
            ModelCapability.MOVE, ModelCapability.FILTERING, ModelCapability.SORTING));
    private final Map<String, Deferred<Integer>> calibrations = new ConcurrentHashMap<>();

    public ThermostatBackend(double front, double rear) {
        super(Thermostat.class);
        update(Thermostat::target, "Front", front);
        update(Thermostat::target, "Rear", rear);
        update(Thermostat::mode, "Front", Thermostat.Mode.HEAT);
        update(Thermostat::measured, "Front", 19.5);
        update(Thermostat::vents, "Front", EnumSet.of(Thermostat.Vent.FACE));
        update(Thermostat::schedule, "Front", new Thermostat.Schedule("morning", 22.0, Thermostat.Mode.HEAT));
        List<Thermostat.Schedule> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(new Thermostat.Schedule("schedule " + i, 16 + i % 15, Thermostat.Mode.values()[i % 3]));
        }
        schedules.replaceAll(items);
        serveModel(Thermostat::schedules, schedules);
    }

    /** Starts a calibration; it completes when {@link #finishCalibration} names its reason. */
    public Promise<Integer> calibrate(String zone, int steps, String reason) {
        if (steps < 0) {
            throw new FeatureException(ErrorCode.INVALID_ARGUMENT, "steps must not be negative, was " + steps);
        }
        Deferred<Integer> done = new Deferred<>();
        calibrations.put(reason, done);
        return done.getPromise();
    }

    public Set<String> calibrationsInFlight() {
        return calibrations.keySet();
    }

    public void finishCalibration(String reason, int result) {
        calibrations.remove(reason).resolve(result);
    }

    public void failCalibration(String reason, FeatureException failure) {
        calibrations.remove(reason).fail(failure);
    }

    public void measure(String zone, double value) {
        update(Thermostat::measured, zone, value);
    }

    public void sensorLost(String zone) {
        setAvailability(Thermostat::measured, zone, ValueAvailability.notAvailable("sensor lost"));
    }

    public void alarm(String zone, String text) {
        emit(Thermostat::alarm, zone, text);
    }

    public void limitTarget(String zone, double min, double max) {
        setAttribute(Thermostat::target, zone, io.ifw.core.Attribute.<Double>range(min, max));
    }

    /** A target set by the device itself (not through a front end). */
    public void set(String zone, double target) {
        update(Thermostat::target, zone, target);
    }

    public double target(String zone) {
        return value(Thermostat::target, zone);
    }
}
