package io.ifw.benchmarks;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendListener;
import java.util.List;

/** A backend listener of the harnesses: only values matter; everything else is ignored. */
abstract class ValueListener implements BackendListener {

    @Override
    public void zonesChanged(List<String> zones) {
    }

    @Override
    public void availabilityChanged(int property, String zone, ValueAvailability availability) {
    }

    @Override
    public void attributeChanged(int property, String zone, Attribute<?> attribute) {
    }

    @Override
    public void signalled(int signal, String zone, Object payload) {
    }

    @Override
    public void initialized() {
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
    }

    @Override
    public void errorChanged(FeatureError error) {
    }

    @Override
    public void modelChanged(long instance, ModelChange change) {
    }
}
