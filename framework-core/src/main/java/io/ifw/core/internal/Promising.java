package io.ifw.core.internal;

import java.lang.reflect.InvocationTargetException;
import org.osgi.util.promise.Promise;
import org.osgi.util.promise.PromiseFactory;

/**
 * The promise factory of the runtime and helpers for resolved promises. Callbacks run inline, on
 * the thread that completes the promise (a backend's or transport's), so a call's answer reaches
 * the caller without a thread hop.
 */
final class Promising {

    static final PromiseFactory FACTORY = new PromiseFactory(PromiseFactory.inlineExecutor());

    private Promising() {
    }

    /** The failure of a resolved promise, or {@code null}. */
    static Throwable failureOf(Promise<?> resolved) {
        try {
            return resolved.getFailure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** The value of a promise resolved successfully. */
    static <T> T valueOf(Promise<? extends T> resolved) {
        try {
            return resolved.getValue();
        } catch (InvocationTargetException | InterruptedException e) {
            throw new IllegalStateException("the promise did not resolve successfully", e);
        }
    }
}
