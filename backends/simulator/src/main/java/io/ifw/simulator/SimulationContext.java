package io.ifw.simulator;

import io.ifw.core.Registration;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Ticker;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * A simulator as a behaviour sees it: the feature's values by member name and zone, its clock (real
 * or virtual), and hooks for operations. Everything registered through a context is removed when
 * the behaviour is detached.
 */
@ProviderType
public interface SimulationContext {

    /** What a behaviour does when an operation is called. */
    @FunctionalInterface
    @ConsumerType
    interface CallHandler {
        /** @return the operation's result; fail it with a {@code FeatureException} to refuse */
        Promise<?> call(String zone, Object[] arguments) throws Exception;
    }

    FeatureModel model();

    /** The simulator's clock: real time, or virtual time driven by a test. */
    Ticker ticker();

    List<String> zones();

    /** A property's value in a zone ({@code ""} for the zone-less view), or {@code null}. */
    Object value(String property, String zone);

    /** Sets a property's value and tells every front end. */
    void update(String property, String zone, Object value);

    /** Raises a signal. */
    void emit(String signal, String zone, Object payload);

    /** Handles an operation instead of resolving it with its default. */
    void onCall(String operation, CallHandler handler);

    /** Runs {@code task} every {@code periodMs} on the simulator's clock. */
    Registration every(long periodMs, Runnable task);

    /** A value of a property's type written as text, e.g. an enum constant: {@code parse("state", "OPENING")}. */
    Object parse(String property, String text);
}
