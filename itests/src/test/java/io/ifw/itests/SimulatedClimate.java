package io.ifw.itests;

import io.ifw.core.spi.AbstractBackend;
import io.ifw.core.spi.Backend;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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

    /** Registers a simulation backend of the test climate feature named {@code climate-simulation}. */
    public static ServiceRegistration<Backend> register(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("ifw.feature", "io.ifw.test.Climate");
        properties.put("ifw.backend.name", "climate-simulation");
        properties.put("ifw.backend.kind", "simulation");
        return context.registerService(Backend.class, new SimulatedClimate(), properties);
    }

    public void warn(String zone, String text) {
        emit(TestClimate::warning, zone, text);
    }
}
