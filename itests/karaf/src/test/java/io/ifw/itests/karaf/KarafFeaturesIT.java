package io.ifw.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import io.ifw.core.BackendInfo;
import io.ifw.core.FeatureRegistry;
import io.ifw.core.FeatureStatus;
import io.ifw.core.access.FeatureAccess;
import io.ifw.core.model.PropertyMember;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * IFW in Apache Karaf: Karaf (the distribution from Maven Central) installs the {@code ifw}
 * feature of IFW's features repository at boot, in Karaf's order, with a remote server, a remote
 * client of it and a journal configured in Karaf's {@code etc/}. The test checks that the front
 * ends bind to their in-process backends, that the simulator serves when chosen, that the remote
 * server serves a client over aeron:ipc, and that the journal restores a value when the backend's
 * bundle restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafFeaturesIT {

    private static final String CLIMATE = "io.ifw.vehicle.ClimateControl";
    private static final long WAIT_MS = 60_000;

    @Inject
    private BundleContext context;

    @Inject
    private FeatureRegistry registry;

    @Inject
    private FeatureAccess access;

    @Configuration
    public Option[] config() throws IOException {
        String repository = System.getProperty("ifw.karaf.repository");
        String karafVersion = System.getProperty("ifw.karaf.version");
        String version = System.getProperty("ifw.version");
        Path work = Files.createTempDirectory(Path.of("target"), "karaf-run-").toAbsolutePath();
        String aeron = work.resolve("aeron").toString();
        String distribution = repository + "/org/apache/karaf/apache-karaf/" + karafVersion + "/apache-karaf-" + karafVersion + ".tar.gz";
        String featuresRepository = repository + "/io/ifw/ifw-karaf-features/" + version + "/ifw-karaf-features-" + version + "-features.xml";
        String mvnConfig = "etc/org.ops4j.pax.url.mvn.cfg";

        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(new File(distribution).toURI().toString())
                        .karafVersion(karafVersion).name("Apache Karaf").unpackDirectory(work.resolve("karaf").toFile()).useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.WARN),
                // Karaf reads every mvn: URL from the folder the build filled: no network, no ~/.m2
                editConfigurationFilePut(mvnConfig, "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut(mvnConfig, "org.ops4j.pax.url.mvn.localRepository", repository),
                editConfigurationFilePut(mvnConfig, "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,file:" + repository + "@id=ifw@snapshots"),
                // what README.md tells a Karaf user to add: JDK packages for Aeron and Chronicle, and the JVM flags
                editConfigurationFileExtend("etc/config.properties", "org.osgi.framework.system.packages.extra",
                        System.getProperty("ifw.system.packages.extra")),
                vmOptions(System.getProperty("ifw.jvm.flags").split(" ")),
                vmOptions("-Xmx512m", "-Difw.aeron.dir=" + aeron),
                // IFW's configurations, as a Karaf user writes them into etc/
                editConfigurationFilePut("etc/io.ifw.remote.server-karaf.cfg", "name", "karaf"),
                editConfigurationFilePut("etc/io.ifw.remote.server-karaf.cfg", "channel", "aeron:ipc"),
                editConfigurationFilePut("etc/io.ifw.remote.server-karaf.cfg", "streamId", "4300"),
                editConfigurationFilePut("etc/io.ifw.remote.server-karaf.cfg", "features", CLIMATE),
                editConfigurationFilePut("etc/io.ifw.remote.server-karaf.cfg", "idleStrategy", "backoff"),
                editConfigurationFilePut("etc/io.ifw.remote.client-karaf.cfg", "name", "karaf"),
                editConfigurationFilePut("etc/io.ifw.remote.client-karaf.cfg", "channel", "aeron:ipc"),
                editConfigurationFilePut("etc/io.ifw.remote.client-karaf.cfg", "streamId", "4300"),
                editConfigurationFilePut("etc/io.ifw.remote.client-karaf.cfg", "ranking", "-50"),
                editConfigurationFilePut("etc/io.ifw.journal-karaf.cfg", "directory", work.resolve("journal").toString()),
                features(new File(featuresRepository).toURI().toString(), "ifw")));
        return options.toArray(Option[]::new);
    }

    @Test
    public void shouldServeIfwInKarafsStartOrder() throws Exception {
        // front ends bind to the in-process backends
        await("ClimateControl bound to climate-local", () -> "climate-local".equals(backendOf(CLIMATE)));
        await("WindowControl bound", () -> registry.status("io.ifw.vehicle.WindowControl").valid());
        await("MediaPlayer bound", () -> registry.status("io.ifw.media.MediaPlayer").valid());
        PropertyMember target = access.model(CLIMATE).property("targetTemperature");
        access.set(CLIMATE, target, "Rear", 24.5).getValue();
        assertEquals(24.5, access.value(CLIMATE, target, "Rear"));

        // the simulator serves when chosen
        registry.use(CLIMATE, "simulator");
        await("ClimateControl bound to its simulator", () -> "simulator".equals(backendOf(CLIMATE)) && registry.status(CLIMATE).initialized());
        access.set(CLIMATE, target, "FrontLeft", 19.0).getValue();
        assertEquals(19.0, access.value(CLIMATE, target, "FrontLeft"));
        assertEquals("simulation", registry.status(CLIMATE).backend().kind());

        // the remote server serves the remote client over aeron:ipc
        awaitOrShow("karaf:climate-local offered", () -> registry.backends(CLIMATE).stream().map(BackendInfo::name).toList()
                .contains("karaf:climate-local"));
        registry.use(CLIMATE, "karaf:climate-local");
        await("ClimateControl bound to the remote server", () -> "karaf:climate-local".equals(backendOf(CLIMATE))
                && registry.status(CLIMATE).initialized());
        assertTrue(registry.status(CLIMATE).backend().remote());
        assertEquals("the server's value, not the simulator's", 24.5, access.value(CLIMATE, target, "Rear"));
        access.set(CLIMATE, target, "Rear", 26.0).getValue(); // written through the server into climate-local
        registry.useDiscovery(CLIMATE);
        await("back on climate-local with the value written remotely", () -> "climate-local".equals(backendOf(CLIMATE))
                && Double.valueOf(26.0).equals(access.value(CLIMATE, target, "Rear")));

        // the journal restores the value when the backend's bundle restarts
        Bundle backends = bundle("io.ifw.backend.local");
        backends.stop();
        await("ClimateControl without climate-local", () -> !"climate-local".equals(backendOf(CLIMATE)));
        backends.start();
        await("ClimateControl bound to climate-local again", () -> "climate-local".equals(backendOf(CLIMATE))
                && registry.status(CLIMATE).initialized());
        assertEquals("restored from the journal, not the backend's default", 26.0, access.value(CLIMATE, target, "Rear"));
    }

    @Test
    public void shouldInstallEveryIfwBundleActive() {
        List<String> notActive = new ArrayList<>();
        int ifwBundles = 0;
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("io.ifw")) {
                ifwBundles++;
                if (bundle.getState() != Bundle.ACTIVE) {
                    notActive.add(bundle.getSymbolicName() + " " + bundle.getState());
                }
            }
        }
        assertEquals(List.of(), notActive);
        assertTrue("IFW bundles installed: " + ifwBundles, ifwBundles >= 11);
    }

    private String backendOf(String featureId) {
        FeatureStatus status = registry.status(featureId);
        return status.backend() == null ? null : status.backend().name();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** The state of IFW's components and configurations, for a failure message. */
    private String diagnostics() {
        StringBuilder text = new StringBuilder();
        try {
            org.osgi.service.cm.ConfigurationAdmin admin = context.getService(context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class));
            org.osgi.service.cm.Configuration[] configurations = admin.listConfigurations("(service.pid=io.ifw*)");
            for (org.osgi.service.cm.Configuration configuration : configurations == null ? new org.osgi.service.cm.Configuration[0] : configurations) {
                text.append("configuration ").append(configuration.getPid()).append(' ').append(configuration.getProperties()).append('\n');
            }
            org.osgi.service.component.runtime.ServiceComponentRuntime scr = context.getService(
                    context.getServiceReference(org.osgi.service.component.runtime.ServiceComponentRuntime.class));
            for (org.osgi.service.component.runtime.dto.ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (!description.name.startsWith("io.ifw")) {
                    continue;
                }
                text.append("component ").append(description.name).append(" enabled=").append(scr.isComponentEnabled(description));
                for (org.osgi.service.component.runtime.dto.ComponentConfigurationDTO component : scr.getComponentConfigurationDTOs(description)) {
                    text.append(" state=").append(component.state);
                    for (org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO unsatisfied : component.unsatisfiedReferences) {
                        text.append(" unsatisfied=").append(unsatisfied.name);
                    }
                    if (component.failure != null) {
                        text.append(" failure=").append(component.failure);
                    }
                }
                text.append('\n');
            }
        } catch (Exception e) {
            text.append("diagnostics failed: ").append(e);
        }
        return text.toString();
    }

    private void awaitOrShow(String what, Callable<Boolean> condition) throws Exception {
        try {
            await(what, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnostics());
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + WAIT_MS + " ms: " + what + (last == null ? "" : " (last failure: " + last + ")"));
    }
}
