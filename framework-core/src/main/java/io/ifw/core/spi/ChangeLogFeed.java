package io.ifw.core.spi;

import io.ifw.core.Attribute;
import io.ifw.core.ConnectionStatus;
import io.ifw.core.FeatureError;
import io.ifw.core.ModelChange;
import io.ifw.core.ValueAvailability;
import java.util.List;

/**
 * A change log for a backend that has none of its own (one that implements {@link Backend}
 * directly): it connects to the backend and puts every report into a {@link ChangeLog} over a
 * {@link StateTable} of its own, so that it can be read like an {@link AbstractBackend}'s. Its
 * sequence numbers are its own; writes to such a backend are acknowledged by the backend, not
 * held for durable readers.
 */
public final class ChangeLogFeed implements BackendListener, AutoCloseable {

    private final Object lock = new Object();
    private final StateTable table;
    private final ChangeLog log;
    private final BackendListener modelListener;
    private final BackendConnection connection;
    private volatile boolean initialized;

    private ChangeLogFeed(Backend backend, int capacity, BackendListener modelListener) {
        table = StateTable.empty(backend.model());
        log = new ChangeLog(lock, table, capacity);
        this.modelListener = modelListener;
        connection = backend.connect(this);
    }

    /** The backend's own log if it has one (an {@link AbstractBackend}), else {@code null}. */
    public static ChangeLog logOf(Backend backend) {
        return backend instanceof AbstractBackend<?> built ? built.changeLog() : null;
    }

    /** Connects to {@code backend} and logs its reports. */
    public static ChangeLogFeed follow(Backend backend) {
        return new ChangeLogFeed(backend, ChangeLog.DEFAULT_CAPACITY, null);
    }

    /**
     * Connects to {@code backend} and logs its reports; {@code modelListener} is told of changes of
     * the paging model instances opened through {@link #connection()}.
     */
    public static ChangeLogFeed follow(Backend backend, BackendListener modelListener) {
        return new ChangeLogFeed(backend, ChangeLog.DEFAULT_CAPACITY, modelListener);
    }

    /** The connection to the backend, for calls. */
    public BackendConnection connection() {
        return connection;
    }

    /** Whether the backend has pushed its whole initial state (before that, the log's table is incomplete). */
    public boolean isInitialized() {
        return initialized;
    }

    public ChangeLog changeLog() {
        return log;
    }

    @Override
    public void zonesChanged(List<String> zones) {
        synchronized (lock) {
            table.setZoneNames(zones);
            log.append(ChangeLog.Kind.ZONES, -1, "", table.zoneNames());
        }
        log.wake();
    }

    @Override
    public void valueChanged(int property, String zone, Object value) {
        synchronized (lock) {
            if (!table.zoneOrAdd(zone).put(property, value)) {
                return;
            }
            log.append(ChangeLog.Kind.VALUE, property, zone, value);
        }
        log.wake();
    }

    @Override
    public void availabilityChanged(int property, String zone, ValueAvailability availability) {
        synchronized (lock) {
            if (!table.zoneOrAdd(zone).setAvailability(property, availability)) {
                return;
            }
            log.append(ChangeLog.Kind.AVAILABILITY, property, zone, availability);
        }
        log.wake();
    }

    @Override
    public void attributeChanged(int property, String zone, Attribute<?> attribute) {
        synchronized (lock) {
            if (!table.zoneOrAdd(zone).setAttribute(property, attribute)) {
                return;
            }
            log.append(ChangeLog.Kind.ATTRIBUTE, property, zone, attribute);
        }
        log.wake();
    }

    @Override
    public void signalled(int signal, String zone, Object payload) {
        synchronized (lock) {
            log.append(ChangeLog.Kind.SIGNAL, signal, zone, payload);
        }
        log.wake();
    }

    @Override
    public void initialized() {
        initialized = true;
        log.wake();
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        synchronized (lock) {
            table.setConnection(status);
            log.append(ChangeLog.Kind.CONNECTION, -1, "", status);
        }
        log.wake();
    }

    @Override
    public void errorChanged(FeatureError error) {
        synchronized (lock) {
            table.setError(error);
            log.append(ChangeLog.Kind.ERROR, -1, "", error);
        }
        log.wake();
    }

    @Override
    public void modelChanged(long instance, ModelChange change) {
        if (modelListener != null) {
            modelListener.modelChanged(instance, change);
        }
    }

    /** Disconnects from the backend. */
    @Override
    public void close() {
        connection.close();
    }
}
