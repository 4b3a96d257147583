package io.ifw.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifw.core.FeatureRegistry;
import io.ifw.media.AmFmTuner;
import io.ifw.vehicle.ClimateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    private static final String TUNER = "io.ifw.media.AmFmTuner";

    @Inject
    private BundleContext context;

    @Inject
    private ClimateControl climate;

    @Inject
    private AmFmTuner tuner;

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

    /**
     * The rest of the console, clicked as a user would: an operation with a record result, the
     * signal log, a paging model with a query (and a bad one), the live plot, switching the
     * backend, the simulator's fault injection, and back to discovery.
     */
    @Test
    public void shouldCallOperationsShowSignalsBrowseModelsPlotSwitchAndInjectFaults() throws Exception {
        Path executable = Chromium.find();
        Assume.assumeTrue(Chromium.HOW_TO_GET_IT, executable != null);
        int port = GatewayClient.port(context);
        await().atMost(Chromium.waitBound()).until(() -> "climate-local".equals(nameOfBackend()));
        Path screenshots = Path.of(System.getProperty("ifw.itests.work", "target"), "console-screenshots").toAbsolutePath();

        try (Chromium browser = new Chromium(executable)) {
            browser.open("http://127.0.0.1:" + port + "/ifw/#feature=" + TUNER);
            browser.awaitTrue("document.querySelector('#feature-title') !== null"
                    + " && document.querySelector('#feature-title').textContent.startsWith('AmFmTuner')", "AmFmTuner");

            // an operation: its record result shows beside its button, as the Java front end sees it
            browser.evaluate(operation("seekUp") + ".querySelector('button').click()");
            browser.awaitTrue(operation("seekUp") + ".querySelector('.result').textContent.startsWith('→ {')", "seekUp's result");
            int frequency = tuner.station().get().frequencyKhz();
            assertEquals("seekUp's result in the page", frequency,
                    browser.evaluate("JSON.parse(" + operation("seekUp") + ".querySelector('.result').textContent.slice(2)).frequencyKhz").asInt());

            // a signal shows in the log
            browser.evaluate(operation("startScan") + ".querySelector('button').click()");
            browser.awaitTrue("[...document.querySelectorAll('#signals li')].some(li => li.textContent.includes('scanStarted'))",
                    "scanStarted in the signal log");
            browser.evaluate(operation("stopScan") + ".querySelector('button').click()");

            // a paging model with a query: the rows in the query's order; a bad query is named
            browser.evaluate("(() => { $('model-select').value = 'stations'; $('model-query').value = '[\\\\frequencyKhz]';"
                    .replace("$(", "document.getElementById(") + " document.getElementById('model-open').click(); return true; })()");
            browser.awaitTrue("document.querySelectorAll('#model-items tbody tr').length > 1", "the stations");
            JsonNode frequencies = browser.evaluate("(() => { const heads = [...document.querySelectorAll('#model-items thead th')]"
                    + ".map(th => th.textContent); const column = heads.indexOf('frequencyKhz');"
                    + " return [...document.querySelectorAll('#model-items tbody tr')].map(tr => Number(tr.children[column].textContent)); })()");
            List<Integer> shown = new ArrayList<>();
            frequencies.forEach(node -> shown.add(node.asInt()));
            List<Integer> descending = new ArrayList<>(shown);
            descending.sort(Comparator.reverseOrder());
            assertEquals("stations by [\\frequencyKhz]", descending, shown);
            assertTrue("model info " + browser.evaluate("document.getElementById('model-info').textContent"),
                    browser.evaluate("document.getElementById('model-info').textContent").asText().matches(shown.size() + " of \\d+.*"));
            browser.evaluate("(() => { document.getElementById('model-query').value = 'name ~~ (';"
                    + " document.getElementById('model-open').click(); return true; })()");
            browser.awaitTrue("document.getElementById('model-error').textContent.startsWith('INVALID_ARGUMENT: bad query')",
                    "the bad query named");

            // the plot of the Rear target temperature follows the changes made in Java
            browser.evaluate("document.querySelector('#features li[data-feature=\"" + CLIMATE + "\"]').click()");
            browser.awaitTrue("document.querySelector('#feature-title').textContent.startsWith('ClimateControl')", "ClimateControl");
            browser.evaluate("document.getElementById('plot-select').value = 'Rear|targetTemperature'");
            for (double value : new double[] {20.0, 21.5, 23.0}) {
                climate.zone("Rear").targetTemperature().set(value).getValue();
                browser.awaitTrue(cell("Rear", "targetTemperature") + ".dataset.value === '" + json(value) + "'", "Rear at " + value);
            }
            browser.awaitTrue("document.getElementById('plot-legend').textContent.startsWith('now 23 · ')", "the plot's legend at 23");
            String legend = browser.evaluate("document.getElementById('plot-legend').textContent").asText();
            int changes = Integer.parseInt(legend.replaceAll(".* · (\\d+) changes in the last minute", "$1"));
            assertTrue("the plot counts the three changes: " + legend, changes >= 3);
            int drawn = browser.evaluate("(() => { const c = document.getElementById('plot'); const d = c.getContext('2d')"
                    + ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) {"
                    + " if (d[i + 2] > 150 && d[i] < 120 && d[i + 3] > 200) { n++; } } return n; })()").asInt();
            assertTrue("the plot's line has pixels: " + drawn, drawn > 100);
            browser.screenshot(screenshots.resolve("console-plot.png"));

            // switching the backend, as ifw:use does
            browser.evaluate("(() => { document.getElementById('backend-select').value = 'simulator';"
                    + " document.getElementById('backend-use').click(); return true; })()");
            browser.awaitTrue("document.querySelector('#status').dataset.backend === 'simulator'", "the simulator in use");
            await().atMost(Chromium.waitBound()).until(() -> "simulator".equals(nameOfBackend()));

            // the simulator's fault injection: the sensor goes unavailable in Java and in the page
            browser.evaluate("(() => { document.getElementById('fault-member').value = 'cabinTemperature';"
                    + " document.getElementById('fault-zone').value = 'Rear'; document.getElementById('fault-kind').value = 'unavailable';"
                    + " document.getElementById('fault-arguments').value = 'sensor unplugged';"
                    + " document.getElementById('fault-inject').click(); return true; })()");
            browser.awaitTrue("document.getElementById('fault-result').textContent.includes('unavailable (sensor unplugged)')", "the fault's result");
            browser.awaitTrue(cell("Rear", "cabinTemperature") + ".dataset.availability === 'NOT_AVAILABLE'", "cabinTemperature@Rear unavailable");
            await().atMost(Chromium.waitBound()).until(() -> !climate.zone("Rear").cabinTemperature().availability().isAvailable());
            browser.evaluate("(() => { document.getElementById('fault-kind').value = 'fail';"
                    + " document.getElementById('fault-arguments').value = 'twice';"
                    + " document.getElementById('fault-inject').click(); return true; })()");
            browser.awaitTrue("document.getElementById('fault-result').className === 'error'", "a bad fault refused");
            String refusal = browser.evaluate("document.getElementById('fault-result').textContent").asText();
            assertEquals("INVALID_ARGUMENT: the fault 'fail' takes COUNT CODE; it was given 1 argument: 'twice' (e.g. fail 1 TIMEOUT)", refusal);
            browser.screenshot(screenshots.resolve("console-fault.png"));
            browser.evaluate("(() => { document.getElementById('fault-kind').value = 'clear';"
                    + " document.getElementById('fault-arguments').value = '';"
                    + " document.getElementById('fault-inject').click(); return true; })()");
            browser.awaitTrue("document.getElementById('fault-result').className === ''", "the faults cleared");

            // back to discovery: the production backend again
            browser.evaluate("document.getElementById('backend-discovery').click()");
            browser.awaitTrue("document.querySelector('#status').dataset.backend === 'climate-local'", "climate-local again");
            await().atMost(Chromium.waitBound()).until(() -> "climate-local".equals(nameOfBackend()));
        }
    }

    private static String operation(String name) {
        return "document.querySelector('#operations .operation[data-operation=\"" + name + "\"]')";
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
