package io.ifw.backend.remote.aeron.client;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendListener;
import io.ifw.core.spi.ChangeLog;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts what differs in a remote feature's mirror into its change log, one sequenced entry per
 * change, and wakes the log's readers (waking only hands the delivery thread a drain, so it is
 * done under the log's lock, which the caller holds). The mirror has already written the log's
 * table; only the connection status is set here, as it is not part of what the server sends.
 */
final class MirrorToLog implements BackendListener {

    private final Supplier<ChangeLog> log;

    /** @param log the feature's change log; {@code null} while it has none (nothing is appended) */
    MirrorToLog(Supplier<ChangeLog> log) {
        this.log = log;
    }

    @Override
    public void zonesChanged(List<String> zones) {
        append(ChangeLog.Kind.ZONES, -1, "", List.copyOf(zones));
    }

    @Override
    public void valueChanged(int property, String zone, Object value) {
        append(ChangeLog.Kind.VALUE, property, zone, value);
    }

    @Override
    public void availabilityChanged(int property, String zone, ValueAvailability availability) {
        append(ChangeLog.Kind.AVAILABILITY, property, zone, availability);
    }

    @Override
    public void attributeChanged(int property, String zone, Attribute<?> attribute) {
        append(ChangeLog.Kind.ATTRIBUTE, property, zone, attribute);
    }

    @Override
    public void signalled(int signal, String zone, Object payload) {
        append(ChangeLog.Kind.SIGNAL, signal, zone, payload);
    }

    @Override
    public void initialized() {
    }

    @Override
    public void connectionChanged(ConnectionStatus newStatus) {
        ChangeLog current = log.get();
        if (current != null) {
            current.table().setConnection(newStatus);
        }
        append(ChangeLog.Kind.CONNECTION, -1, "", newStatus);
    }

    @Override
    public void errorChanged(FeatureError error) {
        append(ChangeLog.Kind.ERROR, -1, "", error);
    }

    @Override
    public void modelChanged(long instance, ModelChange change) {
    }

    private void append(ChangeLog.Kind kind, int member, String zone, Object value) {
        ChangeLog current = log.get();
        if (current != null) {
            current.append(kind, member, zone, value);
            current.wake();
        }
    }
}
