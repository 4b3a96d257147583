package io.ifw.backend.simulator;

import io.ifw.core.FeatureCatalog;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import io.ifw.core.spi.Ticker;
import io.ifw.simulator.SimulationBehavior;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers a simulation backend, named {@value #NAME}, for every feature of the runtime's
 * {@link FeatureCatalog}, so that discovery always has a fallback. A feature's data comes from, first to
 * last: {@code IFW_SIMULATION_DATA_OVERRIDE} ({@code ID=FILE;ID=FILE}), a {@code io.ifw.simulator}
 * configuration, the feature bundle's own {@code simulation/SIMPLE_NAME.json}; without any, the
 * interface's annotations. Data that cannot be used is reported in one line naming the file, the
 * JSON path and the problem, and the simulator keeps the last good data.
 */
@Component(service = SimulatorRuntime.class, immediate = true)
public final class SimulatorRuntime {

    static final String NAME = "simulator";
    static final String OVERRIDE = "IFW_SIMULATION_DATA_OVERRIDE";
    private static final System.Logger LOG = System.getLogger(SimulatorRuntime.class.getName());

    private record Simulated(FeatureModel model, Bundle bundle, SimulatorBackend backend, ServiceRegistration<Backend> registration) {
    }

    private final Map<String, Simulated> simulated = new ConcurrentHashMap<>();
    private final Map<SimulationBehavior, String> behaviors = new ConcurrentHashMap<>();

    /** A clock registered as a service (virtual time in tests); real time without one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private Ticker ticker;
    private final Map<String, String> configured = new ConcurrentHashMap<>();
    private final Map<SimulationDataConfiguration, String> configuredFeature = new ConcurrentHashMap<>();
    private Map<String, String> overrides = Map.of();
    /** The runtime's features: one simulator each. */
    @Reference
    private FeatureCatalog catalog;
    private AutoCloseable watching;
    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        this.overrides = parseOverrides(setting(OVERRIDE));
        watching = catalog.watch(new FeatureCatalog.Listener() {
            @Override
            public void added(FeatureCatalog.Entry feature) {
                started(feature);
            }

            @Override
            public void removed(FeatureCatalog.Entry feature) {
                stopped(feature.model().id());
            }
        });
    }

    @Deactivate
    void deactivate() throws Exception {
        watching.close();
        simulated.values().forEach(entry -> {
            entry.registration().unregister();
            entry.backend().stop();
        });
        simulated.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBehavior(SimulationBehavior behavior, Map<String, Object> properties) {
        Object feature = properties.get(SimulationBehavior.FEATURE);
        if (feature == null) {
            LOG.log(Level.WARNING, "IFW: simulation behaviour " + behavior.getClass().getName() + " has no " + SimulationBehavior.FEATURE
                    + " property; it is not attached");
            return;
        }
        behaviors.put(behavior, feature.toString());
        Simulated entry = simulated.get(feature.toString());
        if (entry != null) {
            entry.backend().attach(behavior);
        }
    }

    void removeBehavior(SimulationBehavior behavior) {
        String feature = behaviors.remove(behavior);
        Simulated entry = feature == null ? null : simulated.get(feature);
        if (entry != null) {
            entry.backend().detach(behavior);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updateConfiguration")
    void addConfiguration(SimulationDataConfiguration configuration) {
        configuredFeature.put(configuration, configuration.featureId());
        configured.put(configuration.featureId(), configuration.dataFile());
        reload(configuration.featureId());
    }

    void updateConfiguration(SimulationDataConfiguration configuration) {
        String before = configuredFeature.put(configuration, configuration.featureId());
        if (before != null && !before.equals(configuration.featureId())) {
            configured.remove(before);
            reload(before);
        }
        configured.put(configuration.featureId(), configuration.dataFile());
        reload(configuration.featureId());
    }

    void removeConfiguration(SimulationDataConfiguration configuration) {
        String feature = configuredFeature.remove(configuration);
        if (feature != null) {
            configured.remove(feature);
            reload(feature);
        }
    }

    /**
     * The simulator of a feature.
     *
     * @throws IllegalArgumentException naming the feature and the ones simulated
     */
    SimulatorBackend simulatorOf(String featureId) {
        Simulated entry = simulated.get(featureId);
        if (entry == null) {
            throw new IllegalArgumentException("no simulator for '" + featureId + "' (simulated: "
                    + String.join(", ", new java.util.TreeSet<>(simulated.keySet())) + ")");
        }
        return entry.backend();
    }

    private String setting(String name) {
        String value = System.getenv(name);
        return value != null ? value : context.getProperty(name);
    }

    static Map<String, String> parseOverrides(String text) {
        Map<String, String> files = new HashMap<>();
        if (text == null || text.isBlank()) {
            return files;
        }
        for (String entry : text.split(";")) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.trim().length() - 1) {
                if (!entry.isBlank()) {
                    LOG.log(Level.WARNING, "IFW: " + OVERRIDE + " entry '" + entry.trim() + "' is not of the form ID=FILE; ignored");
                }
                continue;
            }
            files.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return files;
    }

    private void started(FeatureCatalog.Entry feature) {
        FeatureModel model = feature.model();
        Bundle bundle = feature.bundle();
        try {
            SimulatorBackend backend = new SimulatorBackend(model.featureInterface(), data(model, bundle, null), ticker);
            behaviors.forEach((behavior, id) -> {
                if (id.equals(model.id())) {
                    backend.attach(behavior);
                }
            });
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(BackendProperties.FEATURE, model.id());
            properties.put(BackendProperties.BACKEND_NAME, NAME);
            properties.put(BackendProperties.BACKEND_KIND, BackendProperties.KIND_SIMULATION);
            properties.put(Constants.SERVICE_RANKING, -100);
            simulated.put(model.id(), new Simulated(model, bundle, backend, context.registerService(Backend.class, backend, properties)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IFW: no simulator for " + model.id() + ": " + e, e);
        }
    }

    private void stopped(String featureId) {
        Simulated entry = simulated.remove(featureId);
        if (entry != null) {
            entry.registration().unregister();
            entry.backend().stop();
        }
    }

    private void reload(String featureId) {
        Simulated entry = simulated.get(featureId);
        if (entry != null) {
            SimulationData data = data(entry.model(), entry.bundle(), entry.backend());
            if (data != null) {
                entry.backend().apply(data);
            }
        }
    }

    /** The data to use now; on a problem, the current data of {@code running} (the last good), else none. */
    private SimulationData data(FeatureModel model, Bundle bundle, SimulatorBackend running) {
        String file = overrides.getOrDefault(model.id(), configured.get(model.id()));
        try {
            if (file != null && !file.isEmpty()) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    return SimulationData.read(file, in, model);
                } catch (IOException e) {
                    throw new SimulationDataException(file, "", "cannot be read: " + e.getMessage());
                }
            }
            String resource = "simulation/" + model.featureInterface().getSimpleName() + ".json";
            URL shipped = bundle.getEntry(resource);
            if (shipped != null) {
                try (InputStream in = shipped.openStream()) {
                    return SimulationData.read(bundle.getSymbolicName() + "!/" + resource, in, model);
                } catch (IOException e) {
                    throw new SimulationDataException(resource, "", "cannot be read: " + e.getMessage());
                }
            }
        } catch (SimulationDataException e) {
            LOG.log(Level.ERROR, "IFW: simulation data of " + model.id() + " not used: " + e.getMessage()
                    + (running == null ? "; the interface's own defaults are used" : "; the last good data stays"));
            return running == null ? SimulationData.none(model) : null;
        }
        return SimulationData.none(model);
    }
}
