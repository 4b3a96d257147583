package io.ifw.backend.simulator;

import io.ifw.core.spi.Configurations;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Points one feature's simulator at a data file (factory PID {@value #PID}); changing it reloads the
 * data. A configuration without a feature id or a data file fails to activate with one line naming
 * its file and the missing key.
 */
@Component(service = SimulationDataConfiguration.class, configurationPid = SimulationDataConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulationDataConfiguration.Config.class, factory = true)
public final class SimulationDataConfiguration {

    static final String PID = "io.ifw.simulator";

    @ObjectClassDefinition(name = "IFW simulation data", description = "The simulation data file of one feature")
    public @interface Config {
        @AttributeDefinition(name = "Feature id")
        String featureId();

        @AttributeDefinition(name = "Data file", description = "A JSON file in the Qt Interface Framework's simulation data format")
        String dataFile();
    }

    private String featureId;
    private String dataFile;

    /** A change of the file stays the same component, so the runtime sees one reload, not a removal and an addition. */
    @Activate
    @Modified
    void activate(Map<String, Object> properties) {
        Config config = Configurations.readOrFail(PID, Config.class, properties, c -> { });
        this.featureId = config.featureId() == null ? "" : config.featureId().trim();
        this.dataFile = config.dataFile() == null ? "" : config.dataFile().trim();
    }

    String featureId() {
        return featureId;
    }

    String dataFile() {
        return dataFile;
    }
}
