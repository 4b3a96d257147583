package io.ifw.vehicle;

import io.ifw.core.Property;
import io.ifw.core.ReadOnlyProperty;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Feature;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Zones;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The climate control of a car, per seat zone. The zone-less view holds what is not per zone
 * (the outside temperature, zone synchronisation).
 */
@Feature(id = "io.ifw.vehicle.ClimateControl", version = "1.0")
@Zones({"FrontLeft", "FrontRight", "Rear"})
@ProviderType
public interface ClimateControl extends ZonedFeature<ClimateControl> {

    /** How air is recirculated. */
    enum RecirculationMode { OFF, ON, AUTO }

    /** Where air flows; a zone may combine them. */
    enum AirflowDirection { WINDSHIELD, DASHBOARD, FLOOR }

    /** The temperature the zone is heated or cooled to, in °C. */
    @Range(min = 16, max = 30)
    @Default("21")
    Property<Double> targetTemperature();

    /** The zone's cabin temperature now, in °C; it moves toward the target. */
    ReadOnlyProperty<Double> cabinTemperature();

    /** The fan speed level, 0 (off) to 5 (strongest). */
    @Range(min = 0, max = 5)
    @Default("2")
    Property<Integer> fanSpeedLevel();

    @Default("false")
    Property<Boolean> airConditioning();

    @Default("false")
    Property<Boolean> heater();

    @Default("AUTO")
    Property<RecirculationMode> recirculationMode();

    Property<Set<AirflowDirection>> airflowDirections();

    /** The outside temperature, in °C. */
    ReadOnlyProperty<Double> outsideTemperature();

    /** When on, every zone follows the FrontLeft (driver's) target temperature and fan speed. */
    @Default("false")
    Property<Boolean> zoneSynchronization();
}
