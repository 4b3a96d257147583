package io.ifw.core.testing;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A backend listener that writes down what it hears, as text, in order. */
public class RecordingListener implements BackendListener {

    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void zonesChanged(List<String> zones) {
        events.add("zones " + zones);
    }

    @Override
    public void valueChanged(int property, String zone, Object value) {
        events.add("value " + property + "@" + zone + "=" + value);
    }

    @Override
    public void availabilityChanged(int property, String zone, ValueAvailability availability) {
        events.add("availability " + property + "@" + zone + "=" + availability);
    }

    @Override
    public void attributeChanged(int property, String zone, Attribute<?> attribute) {
        events.add("attribute " + property + "@" + zone + "=" + attribute);
    }

    @Override
    public void signalled(int signal, String zone, Object payload) {
        events.add("signal " + signal + "@" + zone + "=" + payload);
    }

    @Override
    public void initialized() {
        events.add("initialized");
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        events.add("connection " + status.state());
    }

    @Override
    public void modelChanged(long instance, io.ifw.core.ModelChange change) {
        events.add("model " + instance + " " + change.kind() + " " + change.index() + "+" + change.count());
    }

    @Override
    public void errorChanged(FeatureError error) {
        events.add("error " + error);
    }

    /** The events about member {@code index}, without the attribute pushes. */
    public List<String> valuesOf(int index) {
        return events.stream().filter(e -> e.startsWith("value " + index + "@")).toList();
    }
}
