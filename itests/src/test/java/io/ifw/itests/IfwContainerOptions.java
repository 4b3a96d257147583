package io.ifw.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Constants;

/**
 * The Pax Exam configuration of every in-framework test: the bundles of the built distribution's
 * {@code bundle/} folder and its {@code conf/config.properties}, so the tests boot exactly the
 * container a user starts. There is no second bundle list to keep in step.
 */
public final class IfwContainerOptions {

    private IfwContainerOptions() {
    }

    /** The built distribution folder ({@code distribution/target/ifw-VERSION}). */
    public static Path distribution() {
        String folder = System.getProperty("ifw.distribution.dir");
        if (folder == null || !Files.isDirectory(Path.of(folder, "bundle"))) {
            throw new IllegalStateException("no built distribution at '" + folder
                    + "'; run the tests through './mvnw verify' from the root, which assembles it first");
        }
        return Path.of(folder).toAbsolutePath().normalize();
    }

    /** The jars of the distribution's {@code bundle/} folder, in the order the launcher installs them. */
    public static List<Path> distributionBundles() {
        try (Stream<Path> files = Files.list(distribution().resolve("bundle"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test fixture bundle built in {@code itests/fixtures/NAME} (its jar's URL), to add to a
     * test's container.
     */
    public static String fixture(String name) {
        Path target = Path.of(System.getProperty("ifw.fixtures.dir", "fixtures"), name, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("fixture " + name + " is not built in " + target))
                    .toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + name + " is not built in " + target, e);
        }
    }

    /** The container's bundles and framework properties, plus {@code extra} options of one test. */
    public static Option[] container(Option... extra) {
        return container(java.util.Set.of(), extra);
    }

    /**
     * The container with the bundles whose jar names start with one of {@code installedOnly}
     * installed but not started (a test starts them when it wants), plus {@code extra} options.
     * The other bundles start in the order of the distribution's {@code bundle/} folder, as the
     * launcher starts them.
     */
    public static Option[] container(java.util.Set<String> installedOnly, Option... extra) {
        List<Option> options = new ArrayList<>();
        options.add(cleanCaches(true));
        // systemPackages appends to Pax Exam's own list; frameworkProperty would replace it.
        options.add(systemPackages(System.getProperty("ifw.system.packages.extra", "").split(",")));
        for (var property : frameworkProperties().entrySet()) {
            options.add(frameworkProperty((String) property.getKey()).value(property.getValue()));
        }
        for (Path jar : distributionBundles()) {
            String name = jar.getFileName().toString();
            boolean start = installedOnly.stream().noneMatch(name::startsWith);
            options.add(bundle(jar.toUri().toString()).start(start));
        }
        options.add(junitBundles());
        // Awaitility for the tests' bounded waits, and the Hamcrest 2 it needs.
        options.add(mavenBundle("org.hamcrest", "hamcrest", System.getProperty("ifw.hamcrest.version")));
        options.add(mavenBundle("org.awaitility", "awaitility", System.getProperty("ifw.awaitility.version")));
        options.addAll(Arrays.asList(extra));
        return options.toArray(Option[]::new);
    }

    private static Properties frameworkProperties() {
        Path home = distribution();
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("conf/config.properties"))) {
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        // Logs and journals of one test container: a folder of its own under target/.
        Path data = Path.of(System.getProperty("ifw.itests.work", "target"), "pax-data", java.util.UUID.randomUUID().toString())
                .toAbsolutePath();
        for (String key : loaded.stringPropertyNames()) {
            if (!key.equals(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA) && !key.startsWith("org.osgi.framework.storage")) {
                properties.setProperty(key, loaded.getProperty(key).replace("${ifw.home}", home.toString()).replace("${ifw.data}", data.toString()));
            }
        }
        properties.setProperty("gosh.args", "--nointeractive");
        // The web server on a free port (conf/config.properties: org.osgi.service.http.port=${ifw.http.port},
        // which the launcher resolves and Pax Exam does not).
        properties.setProperty("ifw.http.port", "0");
        properties.setProperty("org.osgi.service.http.port", "0");
        // The container's default remote server (conf/configs) gets an Aeron directory of its own per
        // test container, under target/, removed by its embedded driver when the framework stops.
        properties.setProperty("ifw.aeron.dir", Path.of(System.getProperty("ifw.itests.work", "target"), "pax-aeron",
                java.util.UUID.randomUUID().toString()).toAbsolutePath().toString());
        return properties;
    }
}
