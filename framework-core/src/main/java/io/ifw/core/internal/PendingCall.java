package io.ifw.core.internal;

import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.util.promise.Deferred;
import org.osgi.util.promise.Promise;

/**
 * A write or operation call in flight to a backend: completes exactly once, from the backend's
 * answer, a timeout, or the backend going away, whichever comes first.
 */
final class PendingCall<T> {

    private final Deferred<T> deferred = Promising.FACTORY.deferred();
    private final AtomicBoolean done = new AtomicBoolean();
    private final String description;
    private volatile Runnable cancelTimeout;

    PendingCall(String description) {
        this.description = description;
    }

    Promise<T> promise() {
        return deferred.getPromise();
    }

    String description() {
        return description;
    }

    /** How to cancel the call's timeout once it completes. */
    void timeout(Runnable cancel) {
        this.cancelTimeout = cancel;
        if (done.get()) {
            cancel.run();
        }
    }

    boolean isDone() {
        return done.get();
    }

    /** Completes with the backend's answer; {@code false} when already completed. */
    boolean completeFrom(Promise<? extends T> answer) {
        Throwable failure = Promising.failureOf(answer);
        if (failure == null) {
            return resolve(Promising.valueOf(answer));
        }
        return fail(failure instanceof FeatureException fe ? fe
                : new FeatureException(ErrorCode.UNKNOWN, description + " failed in the backend: " + failure, failure));
    }

    boolean resolve(T value) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        deferred.resolve(value);
        return true;
    }

    boolean fail(FeatureException failure) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        deferred.fail(failure);
        return true;
    }

    private void cancelTimeout() {
        Runnable cancel = cancelTimeout;
        if (cancel != null) {
            cancel.run();
        }
    }
}
