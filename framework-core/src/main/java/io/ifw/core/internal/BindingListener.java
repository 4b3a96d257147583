package io.ifw.core.internal;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendListener;
import java.util.List;

/**
 * Receives one binding's reports and hands them to the front end, which drops them once the
 * binding is replaced.
 */
final class BindingListener implements BackendListener {

    private final FeatureFrontEnd frontEnd;
    private final Binding binding;

    BindingListener(FeatureFrontEnd frontEnd, Binding binding) {
        this.frontEnd = frontEnd;
        this.binding = binding;
    }

    @Override
    public void zonesChanged(List<String> zones) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendZones(zones, out));
    }

    @Override
    public void valueChanged(int property, String zone, Object value) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendValue(source, property, zone, value, out));
    }

    @Override
    public void availabilityChanged(int property, String zone, ValueAvailability availability) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendAvailability(source, property, zone, availability, out));
    }

    @Override
    public void attributeChanged(int property, String zone, Attribute<?> attribute) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendAttribute(property, zone, attribute, out));
    }

    @Override
    public void signalled(int signal, String zone, Object payload) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendSignal(source, signal, zone, payload, out));
    }

    @Override
    public void initialized() {
        frontEnd.onBackendEvent(binding, frontEnd::backendInitialized);
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendConnection(status, out));
    }

    @Override
    public void modelChanged(long instance, ModelChange change) {
        frontEnd.backendModelChanged(binding, instance, change);
    }

    @Override
    public void errorChanged(FeatureError error) {
        frontEnd.onBackendEvent(binding, (source, out) -> frontEnd.backendError(error, out));
    }
}
