package io.ifw.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The folders of an IFW container: {@code bin/}, {@code lib/}, {@code bundle/}, {@code conf/}
 * and the data folder for logs and state.
 *
 * @param home the container's folder (the parent of {@code bin/})
 * @param data where logs and state go; {@code IFW_DATA}, else {@code home/data}
 */
record ContainerLayout(Path home, Path data) {

    static final String HOME_PROPERTY = "ifw.home";
    static final String DATA_PROPERTY = "ifw.data";
    static final String DATA_ENVIRONMENT = "IFW_DATA";

    /** Finds the container from {@code -Difw.home}, else from where the launcher jar lies. */
    static ContainerLayout locate() {
        String homeSetting = System.getProperty(HOME_PROPERTY);
        Path home = homeSetting != null ? Path.of(homeSetting) : launcherJarHome();
        String dataSetting = System.getProperty(DATA_PROPERTY, System.getenv(DATA_ENVIRONMENT));
        Path data = dataSetting != null && !dataSetting.isBlank() ? Path.of(dataSetting) : home.resolve("data");
        ContainerLayout layout = new ContainerLayout(home.toAbsolutePath().normalize(), data.toAbsolutePath().normalize());
        layout.requireFolder(layout.bundles());
        layout.requireFolder(layout.conf());
        return layout;
    }

    private static Path launcherJarHome() {
        try {
            Path jar = Path.of(IfwLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the launcher jar is; start the container with bin/ifw", e);
        }
    }

    private void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("the container folder " + home + " has no " + home.relativize(folder)
                    + "/ folder; start the container from a complete distribution");
        }
    }

    Path bundles() {
        return home.resolve("bundle");
    }

    Path conf() {
        return home.resolve("conf");
    }

    /** The bundle jars to install, in name order. */
    List<Path> bundleJars() {
        try (Stream<Path> files = Files.list(bundles())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bundles(), e);
        }
    }

    /** {@code conf/jvm.options}, the JVM flags the container needs, as separate arguments. */
    List<String> jvmOptions() {
        String text = readConf("jvm.options");
        List<String> options = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                options.add(token);
            }
        }
        return options;
    }

    /** {@code conf/config.properties}, with {@code ${ifw.home}} and {@code ${ifw.data}} replaced. */
    Map<String, String> frameworkProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(conf().resolve("config.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + conf().resolve("config.properties"), e);
        }
        Map<String, String> result = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            result.put(key, substitute(properties.getProperty(key)));
        }
        return result;
    }

    /** {@code conf/logging.properties}, with {@code ${ifw.home}} and {@code ${ifw.data}} replaced. */
    String loggingConfiguration() {
        return substitute(readConf("logging.properties"));
    }

    private String readConf(String name) {
        try {
            return Files.readString(conf().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + conf().resolve(name), e);
        }
    }

    private String substitute(String value) {
        return value.replace("${ifw.home}", home.toString()).replace("${ifw.data}", data.toString());
    }
}
