package io.ifw.itests;

import io.ifw.core.spi.AbstractBackend;
import io.ifw.test.climate.TestClimate;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/** The simulation backend the tests register themselves: starts at 20 °C. */
public class SimulatedClimate extends AbstractBackend<TestClimate> {

    public SimulatedClimate() {
        super(TestClimate.class);
        for (String zone : zones()) {
            update(TestClimate::targetTemperature, zone, 20.0);
            update(TestClimate::airConditioning, zone, true);
        }
        update(TestClimate::outsideTemperature, 10.0);
    }

    public Promise<Void> calibrate() {
        return Promises.resolved(null);
    }

    public Promise<String> describe() {
        return Promises.resolved("climate-simulation");
    }

    public void warn(String zone, String text) {
        emit(TestClimate::warning, zone, text);
    }
}
