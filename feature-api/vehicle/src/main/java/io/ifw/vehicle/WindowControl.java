package io.ifw.vehicle;

import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Zones;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.util.promise.Promise;

/**
 * The windows of a car, per window zone. Opening and closing take time: the state and the open
 * percentage report the progress, and a new request supersedes one in progress, whose promise then
 * fails with INVALID_OPERATION.
 */
@Feature(id = "io.ifw.vehicle.WindowControl", version = "1.0")
@Zones({"FrontLeft", "FrontRight", "RearLeft", "RearRight", "Rear", "Roof"})
@ProviderType
public interface WindowControl extends ZonedFeature<WindowControl> {

    /** The window heater. */
    enum HeaterMode { OFF, ON, AUTO }

    /** Where a window or blind is. */
    enum State { CLOSED, OPENING, HALF_OPEN, CLOSING, FULLY_OPEN }

    @Default("OFF")
    Property<HeaterMode> heaterMode();

    @Default("CLOSED")
    ReadOnlyProperty<State> state();

    /** How far the window is open, 0 to 100. */
    @Default("0")
    ReadOnlyProperty<Integer> openPercent();

    @Default("CLOSED")
    ReadOnlyProperty<State> blindState();

    /** Opens the window fully; resolves when it is. */
    Promise<Void> open();

    /** Closes the window; resolves when it is. */
    Promise<Void> close();
}
