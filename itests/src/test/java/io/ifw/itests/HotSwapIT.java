package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import io.ifw.core.DiscoveryResult;
import io.ifw.core.ErrorCode;
import io.ifw.core.FeatureException;
import io.ifw.core.FeatureStatus;
import io.ifw.core.spi.Backend;
import io.ifw.test.climate.TestClimate;
import io.ifw.test.climate.consumer.ClimateConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.promise.Promise;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A consumer component holds the test climate feature while its production backend bundle is
 * stopped (fallback to a simulation backend the test registers), started again (swap back) and
 * uninstalled; it keeps reading and writing, sees each value change once, and no call hangs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    private BundleContext context;

    @Inject
    private ClimateConsumer consumer;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container(
                bundle(IfwContainerOptions.fixture("climate-feature")),
                bundle(IfwContainerOptions.fixture("climate-backend")));
    }

    @Test
    public void shouldKeepServingTheConsumerWhileTheProductionBundleStopsStartsAndIsUninstalled() throws Exception {
        TestClimate climate = consumer.climate();
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
        assertEquals(Double.valueOf(22.0), consumer.leftTarget());
        long swapsBefore = climate.status().swaps();
        List<Double> seenBefore = consumer.leftTargetsSeen();

        ServiceRegistration<Backend> simulation = SimulatedClimate.register(context);
        assertEquals("AUTO keeps production while it is there", "climate-production", climate.status().backend().name());

        Bundle production = installedBundle("io.ifw.test.climate.production");
        Promise<Void> calibration = climate.calibrate();
        assertFalse(calibration.isDone());

        production.stop();
        awaitBackend(climate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertFailsWith(calibration, ErrorCode.BACKEND_GONE, "backend climate-production went away before answering");
        assertEquals(Double.valueOf(20.0), consumer.leftTarget());
        assertResolved(consumer.setLeftTarget(23.5));
        assertEquals(Double.valueOf(23.5), consumer.leftTarget());
        assertEquals("climate-simulation", value(climate.describe()));

        production.start();
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);
        assertEquals(Double.valueOf(22.0), consumer.leftTarget());

        production.uninstall();
        awaitBackend(climate, "climate-simulation", DiscoveryResult.SIMULATION_BACKEND_LOADED);
        assertEquals("the simulation kept its own state", Double.valueOf(23.5), consumer.leftTarget());

        await().atMost(WAIT).until(() -> consumer.leftTargetsSeen().size() >= seenBefore.size() + 4);
        assertEquals(List.of(20.0, 23.5, 22.0, 23.5), consumer.leftTargetsSeen().subList(seenBefore.size(), seenBefore.size() + 4));
        assertSame("the consumer's feature object never changed", climate, consumer.climate());
        assertEquals("the consumer was never re-activated", 1, ClimateConsumer.activations());
        assertEquals(swapsBefore + 3, climate.status().swaps());

        simulation.unregister();
        awaitBackend(climate, "simulator", DiscoveryResult.SIMULATION_BACKEND_LOADED); // the container's own fallback
        installedBundle("io.ifw.backend.simulator").stop();
        await().atMost(WAIT).until(() -> !climate.status().valid());
        assertFailsWith(climate.zone("Left").targetTemperature().set(21.0), ErrorCode.NO_BACKEND, "no backend is bound");
        assertEquals("the last value is still served", Double.valueOf(23.5), consumer.leftTarget());
        assertEquals(io.ifw.core.ValueAvailability.State.STALE, climate.zone("Left").targetTemperature().availability().state());
    }

    @Test
    public void shouldFailWritesOutsideTheRangeWithTheConstraintInFramework() throws Exception {
        TestClimate climate = consumer.climate();
        awaitBackend(climate, "climate-production", DiscoveryResult.PRODUCTION_BACKEND_LOADED);

        assertFailsWith(climate.zone("Right").targetTemperature().set(35.0), ErrorCode.OUT_OF_RANGE,
                "targetTemperature of io.ifw.test.Climate in zone Right does not accept Double 35.0: the constraint is [16-30]");
        assertEquals(Double.valueOf(22.0), climate.zone("Right").targetTemperature().get());
    }

    @Test
    public void shouldRegisterTheFeatureUnderItsInterfaceAndRejectTheBrokenOneAlone() {
        ServiceTracker<TestClimate, TestClimate> tracker = new ServiceTracker<>(context, TestClimate.class, null);
        tracker.open();
        try {
            assertNotNull(tracker.getService());
            assertEquals("io.ifw.test.Climate", tracker.getServiceReference().getProperty("ifw.feature"));
        } finally {
            tracker.close();
        }
        assertTrue("BrokenGauge has no front end", noReferences(io.ifw.test.climate.BrokenGauge.class.getName()));
    }

    private boolean noReferences(String name) {
        try {
            return context.getServiceReferences(name, null) == null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Bundle installedBundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    static void awaitBackend(TestClimate climate, String name, DiscoveryResult result) {
        await().atMost(WAIT).until(() -> {
            FeatureStatus status = climate.status();
            return status.initialized() && status.backend() != null && name.equals(status.backend().name())
                    && status.discoveryResult() == result;
        });
    }

    static <T> T value(Promise<T> promise) throws Exception {
        await().atMost(WAIT).until(promise::isDone);
        Throwable failure = promise.getFailure();
        if (failure != null) {
            throw new AssertionError("the promise failed: " + failure, failure);
        }
        return promise.getValue();
    }

    static void assertResolved(Promise<?> promise) throws Exception {
        value(promise);
    }

    static void assertFailsWith(Promise<?> promise, ErrorCode code, String messagePart) throws Exception {
        await().atMost(WAIT.toMillis(), TimeUnit.MILLISECONDS).until(promise::isDone);
        Throwable failure = promise.getFailure();
        assertTrue("expected a FeatureException, got " + failure, failure instanceof FeatureException);
        assertEquals(code, ((FeatureException) failure).code());
        assertTrue("'" + failure.getMessage() + "' should contain '" + messagePart + "'", failure.getMessage().contains(messagePart));
    }
}
