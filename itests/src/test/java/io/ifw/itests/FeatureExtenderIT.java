package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.ifw.core.FeatureCatalog;
import io.ifw.core.spi.Backend;
import io.ifw.core.spi.BackendProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A bundle declaring a feature interface the model cannot express: one log line names the
 * interface, member and reason, and the bundle's other feature still works.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureExtenderIT {

    private static final String CLIMATE = "io.ifw.test.Climate";

    @Inject
    private BundleContext context;

    @Inject
    private FeatureCatalog catalog;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(bundle(IfwContainerOptions.fixture("climate-feature")));
    }

    @Test
    public void shouldLogOneLineForTheRejectedInterfaceAndServeTheOtherFeature() throws Exception {
        try (LogLines log = LogLines.of("io.ifw.core.internal.FeatureExtender")) {
            Bundle feature = installed("io.ifw.test.climate");
            feature.stop();
            feature.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !rejections(log.withLevel()).isEmpty());
            assertEquals(List.of("SEVERE IFW: feature interface io.ifw.test.climate.BrokenGauge in bundle io.ifw.test.climate "
                    + feature.getVersion() + " rejected: io.ifw.test.climate.BrokenGauge.readings: unsupported type "
                    + "java.util.Map<java.lang.String, java.lang.Double> (supported: boolean, int, long, double, String, enums, "
                    + "records, List<T>, Set<enum>, PagingModel<record>)"), rejections(log.withLevel()));
            await().atMost(Duration.ofSeconds(10)).until(() -> context.getServiceReference("io.ifw.test.climate.TestClimate") != null);
            assertNotNull(context.getServiceReference("io.ifw.test.climate.TestClimate"));
        }
    }

    @Test
    public void shouldListTheRuntimesFeaturesInTheCatalogAndTellWatchersAsTheyComeAndGoWithTheirSimulators() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        FeatureCatalog.Listener listener = new FeatureCatalog.Listener() {
            @Override
            public void added(FeatureCatalog.Entry feature) {
                seen.add("added " + feature.model().id() + " from " + feature.bundle().getSymbolicName());
            }

            @Override
            public void removed(FeatureCatalog.Entry feature) {
                seen.add("removed " + feature.model().id());
            }
        };
        assertTrue(catalog.entries().stream().anyMatch(e -> e.model().id().equals(CLIMATE)));
        assertEquals(CLIMATE, catalog.find(CLIMATE).orElseThrow().id());
        assertTrue(catalog.find("io.ifw.test.Nothing").isEmpty());
        assertTrue("the broken interface is not in the catalog", catalog.entries().stream()
                .noneMatch(e -> e.model().featureInterface().getSimpleName().equals("BrokenGauge")));

        try (AutoCloseable watching = catalog.watch(listener)) {
            assertTrue("what is there is told at once: " + seen, seen.contains("added " + CLIMATE + " from io.ifw.test.climate"));
            seen.clear();
            Bundle feature = installed("io.ifw.test.climate");
            feature.stop();
            assertEquals(List.of("removed " + CLIMATE), seen);
            assertTrue(catalog.find(CLIMATE).isEmpty());
            assertTrue("its simulator went with it", simulators(CLIMATE).isEmpty());

            feature.start();
            assertEquals(List.of("removed " + CLIMATE, "added " + CLIMATE + " from io.ifw.test.climate"), seen);
            assertEquals(1, simulators(CLIMATE).size());
        }
        Bundle feature = installed("io.ifw.test.climate");
        feature.stop();
        feature.start();
        assertEquals("a closed watch hears nothing", 2, seen.size());
    }

    private java.util.Collection<org.osgi.framework.ServiceReference<Backend>> simulators(String featureId) throws Exception {
        return context.getServiceReferences(Backend.class, "(&(" + BackendProperties.FEATURE + "=" + featureId + ")("
                + BackendProperties.BACKEND_NAME + "=simulator))");
    }

    private static List<String> rejections(List<String> lines) {
        return lines.stream().filter(line -> line.contains("rejected")).collect(Collectors.toList());
    }

    private Bundle installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
