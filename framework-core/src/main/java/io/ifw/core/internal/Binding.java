package io.ifw.core.internal;

import io.ifw.core.CallTimeout;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.ValueAvailability;
import io.ifw.core.spi.BackendConnection;
import io.ifw.core.spi.StateTable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * One front end's binding to one backend: the connection (which may arrive after calls were
 * made), the calls in flight on it, and the backend's state as reported — kept apart from what
 * the front end shows until the backend's initial state is complete (state handover).
 */
final class Binding {

    final BackendCandidate candidate;
    final long generation;
    /** The backend's reported state, kept apart until its initial state is complete. Guarded by the front end's lock. */
    final StateTable shadow;
    /** Guarded by the front end's lock: the initial state is complete. */
    boolean initialized;

    private final Set<PendingCall<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile BackendConnection connection;
    private final Deferred<BackendConnection> connectionReady = Promising.FACTORY.deferred();
    private volatile boolean closed;
    private volatile String closeReason = "";

    Binding(BackendCandidate candidate, long generation, io.ifw.core.model.FeatureModel model) {
        this.candidate = candidate;
        this.generation = generation;
        this.shadow = StateTable.empty(model);
    }

    StateTable.Zone shadow(String zone) {
        return shadow.zoneOrAdd(zone);
    }

    String backendName() {
        return candidate.info().name();
    }

    /** The connection arrived; closes it at once if the binding was closed meanwhile. */
    void connected(BackendConnection newConnection) {
        connection = newConnection;
        connectionReady.resolve(newConnection);
        if (closed) {
            closeQuietly(newConnection);
        }
    }

    /** The backend could not be connected; calls waiting for it fail. */
    void connectFailed(FeatureException failure) {
        connectionReady.fail(failure);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends a call through the connection, with a timeout; the returned promise always completes.
     * {@code perCall}: the timeout is the caller's own for this call (a {@link CallTimeout}), which
     * the backend is told, rather than the feature's.
     */
    <T> Promise<T> call(Function<BackendConnection, Promise<? extends T>> request, String description,
                        ScheduledExecutorService timer, long timeoutMs, boolean perCall) {
        PendingCall<T> call = new PendingCall<>(description);
        inFlight.add(call);
        BackendConnection current = connection;
        if (closed) {
            failGone(call);
            return call.promise();
        }
        Runnable onTimeout = () -> {
            if (call.fail(new FeatureException(ErrorCode.TIMEOUT, description + ": backend " + backendName()
                    + " did not answer within " + timeoutMs + " ms"))) {
                inFlight.remove(call);
            }
        };
        if (timer instanceof CallTimers timers) {
            call.timeout(timers.watch(timeoutMs, onTimeout)::cancel);
        } else {
            java.util.concurrent.ScheduledFuture<?> scheduled = timer.schedule(onTimeout, timeoutMs, TimeUnit.MILLISECONDS);
            call.timeout(() -> scheduled.cancel(false));
        }
        if (current == null) {
            // Still connecting: send when the connection arrives (or fail when it cannot).
            Promise<BackendConnection> ready = connectionReady.getPromise();
            ready.onResolve(() -> {
                Throwable failure = Promising.failureOf(ready);
                if (failure != null) {
                    inFlight.remove(call);
                    call.fail(failure instanceof FeatureException fe ? fe
                            : new FeatureException(ErrorCode.NOT_CONNECTED, description + ": " + failure, failure));
                } else if (!closed) {
                    send(call, request, Promising.valueOf(ready), description, perCall ? timeoutMs : 0);
                }
            });
            return call.promise();
        }
        send(call, request, current, description, perCall ? timeoutMs : 0);
        return call.promise();
    }

    private <T> void send(PendingCall<T> call, Function<BackendConnection, Promise<? extends T>> request,
                          BackendConnection current, String description, long perCallTimeoutMs) {
        Promise<? extends T> answer;
        try {
            // A call with a timeout of its own tells the backend (a remote one sends it and waits no longer).
            answer = perCallTimeoutMs > 0 ? CallTimeout.within(Duration.ofMillis(perCallTimeoutMs), () -> request.apply(current))
                    : request.apply(current);
        } catch (RuntimeException e) {
            inFlight.remove(call);
            call.fail(new FeatureException(ErrorCode.UNKNOWN, description + " failed in backend " + backendName() + ": " + e, e));
            return;
        }
        if (answer.isDone()) {
            // Answered at once (most local backends): complete here, not on the promise's callback thread.
            call.completeFrom(answer);
            inFlight.remove(call);
            return;
        }
        answer.onResolve(() -> {
            call.completeFrom(answer);
            inFlight.remove(call);
        });
    }

    /** Closes the connection and fails every call in flight with BACKEND_GONE. */
    void close(String reason) {
        closeReason = reason;
        closed = true;
        BackendConnection current = connection;
        if (current != null) {
            closeQuietly(current);
        }
        for (PendingCall<?> call : inFlight) {
            failGone(call);
        }
        inFlight.clear();
    }

    private void failGone(PendingCall<?> call) {
        call.fail(new FeatureException(ErrorCode.BACKEND_GONE, call.description() + ": backend " + backendName()
                + " went away before answering (" + closeReason + ")"));
        inFlight.remove(call);
    }

    /** Runs {@code action} with the connection if it is there and the binding open; else nothing. */
    void ifConnected(java.util.function.Consumer<BackendConnection> action) {
        BackendConnection current = connection;
        if (current != null && !closed) {
            action.accept(current);
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }

    private static void closeQuietly(BackendConnection connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            System.getLogger(Binding.class.getName()).log(System.Logger.Level.WARNING, "closing a backend connection failed: " + e, e);
        }
    }
}
