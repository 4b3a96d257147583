package io.ifw.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The container's bundles all start and no Declarative Services component is left unsatisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerHealthIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Test
    public void shouldInstallEveryBundleOfTheDistribution() {
        Set<String> installed = Stream.of(context.getBundles()).map(Bundle::getLocation).collect(Collectors.toSet());
        List<Path> jars = IfwContainerOptions.distributionBundles();

        assertTrue("the distribution has bundles", jars.size() >= 15);
        for (Path jar : jars) {
            assertTrue(jar.getFileName() + " is not installed", installed.contains(jar.toUri().toString()));
        }
    }

    @Test
    public void shouldHaveEveryBundleActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                notActive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is in state " + bundle.getState());
            }
        }
        assertEquals("bundles not active", List.of(), notActive);
    }

    @Test
    public void shouldHaveTheIfwBundlesOfTheDistributionRunning() {
        Set<String> names = Stream.of(context.getBundles()).map(Bundle::getSymbolicName).collect(Collectors.toSet());

        for (String name : List.of("io.ifw.core", "io.ifw.thirdparty.aeron", "io.ifw.thirdparty.chronicle",
                "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.gogo.runtime")) {
            assertTrue(name + " is missing", names.contains(name));
        }
    }

    @Test
    public void shouldLeaveNoComponentUnsatisfied() {
        assertNotNull(componentRuntime);
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs()) {
            if (!componentRuntime.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : componentRuntime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    problems.add(description.name + " unsatisfied: " + Stream.of(configuration.unsatisfiedReferences)
                            .map(UnsatisfiedReferenceDTO::toString).collect(Collectors.joining(", ")));
                } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(description.name + " failed: " + configuration.failure);
                }
            }
        }
        assertEquals("components with problems", List.of(), problems);
    }
}
