package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import io.ifw.core.FeatureRegistry;
import io.ifw.vehicle.ClimateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.Assume;
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
 * The web console in a real browser: headless Chromium opens the console of this container and
 * shows ClimateControl; a value changed in the page reaches the Java front end, a change made in
 * Java shows in the page, an out-of-range entry shows the constraint, and stopping the production
 * bundle shows the switch to the simulator. Skipped, with one line saying how to get it, where no
 * Chromium is installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleBrowserIT {

    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";

    @Inject
    private BundleContext context;

    @Inject
    private ClimateControl climate;

    @Inject
    private FeatureRegistry registry;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    private static String cell(String zone, String property) {
        return "document.querySelector('#properties-body td[data-zone=\"" + zone + "\"][data-property=\"" + property + "\"]')";
    }

    @Test
    public void shouldShowEditAndFollowClimateControlInTheConsole() throws Exception {
        Path executable = Chromium.find();
        if (executable == null) {
            System.out.println("ConsoleBrowserIT skipped: " + Chromium.HOW_TO_GET_IT);
        }
        Assume.assumeTrue(Chromium.HOW_TO_GET_IT, executable != null);
        int port = GatewayClient.port(context);
        await().atMost(Chromium.waitBound()).until(() -> "climate-local".equals(nameOfBackend()));
        Path screenshots = Path.of(System.getProperty("ifw.itests.work", "target"), "console-screenshots").toAbsolutePath();

        try (Chromium browser = new Chromium(executable)) {
            browser.open("http://127.0.0.1:" + port + "/ifw/#feature=" + CLIMATE);
            browser.awaitTrue("document.querySelector('#feature-title') !== null"
                    + " && document.querySelector('#feature-title').textContent.startsWith('ClimateControl')", "ClimateControl");
            browser.awaitTrue("document.querySelector('#status').dataset.backendKind === 'production'", "the production backend");
            double rear = climate.zone("Rear").targetTemperature().get();
            browser.awaitTrue(cell("Rear", "targetTemperature") + ".dataset.value === '" + json(rear) + "'", "Rear's target temperature " + rear);
            browser.screenshot(screenshots.resolve("console.png"));

            // changed in the page: it reaches the Java front end
            browser.evaluate("(() => { const td = " + cell("Rear", "targetTemperature") + "; td.click();"
                    + " const input = td.querySelector('input'); input.value = '24.5';"
                    + " input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); return true; })()");
            await().atMost(Chromium.waitBound()).until(() -> climate.zone("Rear").targetTemperature().get() == 24.5);

            // changed in Java: it shows in the page (how long it took is printed, not asserted)
            climate.zone("Rear").targetTemperature().set(18.5).getValue();
            long shownAfterMs = browser.awaitTrue(cell("Rear", "targetTemperature") + ".dataset.value === '18.5'"
                    + " && " + cell("Rear", "targetTemperature") + ".querySelector('.shown').textContent === '18.5'", "18.5 from Java");
            System.out.println("ConsoleBrowserIT: a change made in Java showed in the page after " + shownAfterMs + " ms of polling");

            // out of range: the page shows the error and the constraint
            browser.evaluate("(() => { const td = " + cell("Rear", "targetTemperature") + "; td.click();"
                    + " const input = td.querySelector('input'); input.value = '99';"
                    + " input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); return true; })()");
            browser.awaitTrue("(" + cell("Rear", "targetTemperature") + ".querySelector('.error') || {textContent: ''}).textContent"
                    + ".includes('OUT_OF_RANGE') && " + cell("Rear", "targetTemperature") + ".querySelector('.error').textContent.includes('[16-30]')",
                    "the out-of-range error with the constraint [16-30]");
            assertTrue("the out-of-range write did not reach the front end", climate.zone("Rear").targetTemperature().get() == 18.5);
            browser.screenshot(screenshots.resolve("console-out-of-range.png"));

            // the production bundle stops: the page shows the switch to the simulator, and back
            Bundle local = bundle("io.ifw.backend.local");
            local.stop();
            try {
                browser.awaitTrue("document.querySelector('#status').dataset.backendKind === 'simulation'"
                        + " && document.querySelector('#status').dataset.backend === 'simulator'", "the simulator bound");
                browser.screenshot(screenshots.resolve("console-simulator.png"));
            } finally {
                local.start();
            }
            browser.awaitTrue("document.querySelector('#status').dataset.backend === 'climate-local'", "climate-local bound again");
        }
        assertTrue(Files.size(screenshots.resolve("console.png")) > 10_000);
    }

    private String nameOfBackend() {
        var status = registry.status(CLIMATE);
        return status.backend() == null ? null : status.backend().name();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** A double as the page's JSON.stringify writes it. */
    private static String json(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
