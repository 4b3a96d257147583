package io.ifw.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.Member;
import org.junit.jupiter.api.Test;

class VehicleFeaturesTest {

    @Test
    void shouldReadClimateControlWithItsZonesRangesAndDefaults() {
        FeatureModel model = FeatureModel.of(ClimateControl.class);

        assertThat(model.id()).isEqualTo("io.ifw.vehicle.ClimateControl");
        assertThat(model.defaultZones()).containsExactly("FrontLeft", "FrontRight", "Rear");
        assertThat(model.property("targetTemperature").attribute().constraintText()).isEqualTo("[16-30]");
        assertThat(model.property("fanSpeedLevel").attribute().constraintText()).isEqualTo("[0-5]");
        assertThat(model.property("recirculationMode").defaultValue()).isEqualTo(ClimateControl.RecirculationMode.AUTO);
        assertThat(model.property("airflowDirections").type().signature())
                .isEqualTo("set<enum AirflowDirection{WINDSHIELD,DASHBOARD,FLOOR}>");
        assertThat(model.property("outsideTemperature").readOnly()).isTrue();
        assertThat(model.members()).extracting(Member::name).contains("zoneSynchronization", "cabinTemperature");
    }

    @Test
    void shouldReadWindowControlWithItsOperations() {
        FeatureModel model = FeatureModel.of(WindowControl.class);

        assertThat(model.defaultZones()).containsExactly("FrontLeft", "FrontRight", "RearLeft", "RearRight", "Rear", "Roof");
        assertThat(model.operations()).extracting(Member::name).containsExactly("close", "open");
        assertThat(model.property("state").defaultValue()).isEqualTo(WindowControl.State.CLOSED);
        assertThat(model.property("openPercent").readOnly()).isTrue();
    }
}
