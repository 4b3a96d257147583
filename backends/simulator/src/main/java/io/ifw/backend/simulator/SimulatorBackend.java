package io.ifw.backend.simulator;

import io.ifw.core.Feature;
import io.ifw.core.model.OperationMember;
import io.ifw.core.model.PropertyMember;
import io.ifw.core.spi.AbstractBackend;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.Promises;

/**
 * One backend that simulates any feature from its model and its simulation data: the data's zones,
 * per-zone defaults and constraints (which the base class enforces with Qt's constraint texts),
 * the annotations where the data says nothing, and writes stored as they are. An operation
 * resolves with its result type's default and a log line that it is not implemented, as Qt's
 * simulator does.
 */
final class SimulatorBackend extends AbstractBackend<Feature> {

    private static final System.Logger LOG = System.getLogger(SimulatorBackend.class.getName());

    @SuppressWarnings("unchecked")
    SimulatorBackend(Class<?> featureInterface, SimulationData data) {
        super((Class<Feature>) featureInterface);
        apply(data);
    }

    /** Takes (new) simulation data: zones, defaults and constraints; values already written stay where the data has no default. */
    synchronized void apply(SimulationData data) {
        if (model().isZoned() && !data.zones().isEmpty() && !data.zones().equals(zones())) {
            setZones(data.zones());
        }
        List<String> allZones = new ArrayList<>();
        allZones.add("");
        allZones.addAll(zones());
        for (PropertyMember property : model().properties()) {
            for (String zone : allZones) {
                updateAttribute(property, zone, data.attribute(property, zone));
                Object value = data.defaultValue(property, zone);
                if (value != null) {
                    updateValue(property, zone, value);
                }
            }
        }
    }

    @Override
    protected Promise<Object> handleInvoke(OperationMember operation, String zone, Object[] arguments) {
        LOG.log(Level.INFO, "IFW: the simulator does not implement " + model().id() + "." + operation.name()
                + "; it resolves with the default of " + operation.result().displayName());
        return Promises.resolved(TypeDefaults.of(operation.result()));
    }
}
