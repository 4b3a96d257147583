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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders of an IFW container: {@code bin/}, {@code lib/}, {@code bundle/}, {@code conf/}
 * and the data folder for logs and state.
 *
 * @param home the container's folder (the parent of {@code bin/})
 * @param data    where logs and state go; {@code IFW_DATA}, else {@code home/data} ({@code home/data/PROFILE} for another profile)
 * @param profile the profile started: its configurations and the bundles it leaves out
 */
record ContainerLayout(Path home, Path data, Profile profile) {

    /**
     * A way to start the container: {@code default} (everything of {@code bundle/}, the
     * configurations of {@code conf/configs}) or a folder {@code conf/profiles/NAME} with a
     * {@code profile.properties} ({@code exclude.bundles}: symbolic names left out) and a
     * {@code configs/} folder of its own.
     *
     * @param name            the profile's name
     * @param configs         the Config Admin configurations it starts with
     * @param excludedBundles symbolic names of bundles it does not install
     */
    record Profile(String name, Path configs, Set<String> excludedBundles, Map<String, String> frameworkProperties) {
        Profile(String name, Path configs, Set<String> excludedBundles) {
            this(name, configs, excludedBundles, Map.of());
        }
    }

    /** The environment variable that sets the web server's port ({@code ifw.http.port}) over the configured one. */
    static final String HTTP_PORT_ENVIRONMENT = "IFW_HTTP_PORT";

    static final String HOME_PROPERTY = "ifw.home";
    static final String DATA_PROPERTY = "ifw.data";
    static final String DATA_ENVIRONMENT = "IFW_DATA";

    /** {@code ${NAME}} in a framework property's value: another framework property. */
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    /** Finds the container from {@code -Difw.home}, else from where the launcher jar lies; the default profile. */
    static ContainerLayout locate() {
        return locate(LaunchOptions.DEFAULT_PROFILE);
    }

    /**
     * Finds the container and a profile of it.
     *
     * @throws IllegalStateException when a folder is missing or the profile does not exist, naming the profiles there are
     */
    static ContainerLayout locate(String profileName) {
        String homeSetting = System.getProperty(HOME_PROPERTY);
        Path home = (homeSetting != null ? Path.of(homeSetting) : launcherJarHome()).toAbsolutePath().normalize();
        String dataSetting = System.getProperty(DATA_PROPERTY, System.getenv(DATA_ENVIRONMENT));
        boolean defaultProfile = LaunchOptions.DEFAULT_PROFILE.equals(profileName);
        Path data = dataSetting != null && !dataSetting.isBlank() ? Path.of(dataSetting)
                : defaultProfile ? home.resolve("data") : home.resolve("data").resolve(profileName);
        ContainerLayout bare = new ContainerLayout(home, data.toAbsolutePath().normalize(),
                new Profile(LaunchOptions.DEFAULT_PROFILE, home.resolve("conf").resolve("configs"), Set.of()));
        bare.requireFolder(bare.bundles());
        bare.requireFolder(bare.conf());
        return defaultProfile ? bare : new ContainerLayout(home, bare.data(), bare.readProfile(profileName));
    }

    /**
     * This layout with its configurations read from {@code folder} ({@code bin/ifw --config DIR})
     * instead of the profile's.
     *
     * @throws IllegalStateException when the folder does not exist, is no folder or cannot be read
     */
    ContainerLayout withConfigs(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        String problem = !Files.exists(absolute) ? "does not exist"
                : !Files.isDirectory(absolute) ? "is not a folder"
                : !Files.isReadable(absolute) || !Files.isExecutable(absolute) ? "cannot be read" : null;
        if (problem == null) {
            try (Stream<Path> files = Files.list(absolute)) {
                files.count();
            } catch (IOException | UncheckedIOException e) {
                problem = "cannot be read (" + e.getMessage() + ")";
            }
        }
        if (problem != null) {
            throw new IllegalStateException("the configuration folder " + absolute + " (--config) " + problem);
        }
        return new ContainerLayout(home, data, new Profile(profile.name(), absolute, profile.excludedBundles(), profile.frameworkProperties()));
    }

    private Profile readProfile(String name) {
        Path folder = conf().resolve("profiles").resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("there is no profile '" + name + "' (no folder conf/profiles/" + name + "; profiles: "
                    + String.join(", ", profileNames()) + ")");
        }
        Properties properties = new Properties();
        Path file = folder.resolve("profile.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Set<String> excluded = new java.util.TreeSet<>();
        for (String entry : properties.getProperty("exclude.bundles", "").split(",")) {
            if (!entry.isBlank()) {
                excluded.add(entry.trim());
            }
        }
        // framework.KEY=VALUE: a framework property of this profile over conf/config.properties
        Map<String, String> framework = new java.util.TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("framework.")) {
                framework.put(key.substring("framework.".length()), properties.getProperty(key).trim());
            }
        }
        return new Profile(name, folder.resolve("configs"), excluded, framework);
    }

    private List<String> profileNames() {
        List<String> names = new ArrayList<>(List.of(LaunchOptions.DEFAULT_PROFILE));
        try (Stream<Path> folders = Files.list(conf().resolve("profiles"))) {
            folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().forEach(names::add);
        } catch (IOException e) {
            // no profiles folder: only the default
        }
        return names;
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

    /**
     * The URLs of the jars in {@code folder} whose file names start with one of {@code prefixes}
     * (every jar when none are given), in name order: the class path of a tool run without the
     * container ({@code bin/ifw journal}, {@code bin/ifw qface}).
     */
    static List<java.net.URL> jarUrls(Path folder, List<String> prefixes) {
        try (Stream<Path> files = Files.list(folder)) {
            List<java.net.URL> urls = new ArrayList<>();
            for (Path jar : files.sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && (prefixes.isEmpty() || prefixes.stream().anyMatch(name::startsWith))) {
                    urls.add(jar.toUri().toURL());
                }
            }
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The jars of the QFace tool ({@code bin/ifw qface}), which is no bundle. */
    Path qfaceTool() {
        return home.resolve("lib/qface");
    }

    /** The bundle jars to install, in name order, without those the profile leaves out. */
    List<Path> bundleJars() {
        try (Stream<Path> files = Files.list(bundles())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted()
                    .filter(jar -> !profile.excludedBundles().contains(symbolicName(jar))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + bundles(), e);
        }
    }

    /** A jar's Bundle-SymbolicName without attributes, or its file name when it has none. */
    static String symbolicName(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? jar.getFileName().toString() : name.split(";")[0].trim();
        } catch (IOException e) {
            return jar.getFileName().toString();
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
        profile.frameworkProperties().forEach((key, value) -> result.put(key, substitute(value)));
        String port = System.getenv(HTTP_PORT_ENVIRONMENT);
        if (port != null && !port.isBlank()) {
            if (!port.trim().matches("\\d{1,5}") || Integer.parseInt(port.trim()) > 65535) {
                throw new IllegalStateException(HTTP_PORT_ENVIRONMENT + "='" + port + "' is not a port (0 to 65535; 0 takes a free one)");
            }
            result.put("ifw.http.port", port.trim());
        }
        result.put("felix.fileinstall.dir", profile.configs().toString());
        result.put("ifw.profile", profile.name());
        // A value may name another framework property (org.osgi.service.http.port=${ifw.http.port}):
        // resolved last, once the profile and IFW_HTTP_PORT have set theirs.
        Map<String, String> named = Map.copyOf(result);
        result.replaceAll((key, value) -> resolveReferences(value, named));
        return result;
    }

    /** {@code value} with each {@code ${NAME}} of a property in {@code properties} replaced by its value, once. */
    static String resolveReferences(String value, Map<String, String> properties) {
        Matcher reference = PROPERTY_REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String replacement = properties.get(reference.group(1));
            reference.appendReplacement(resolved, Matcher.quoteReplacement(replacement != null ? replacement : reference.group()));
        }
        return reference.appendTail(resolved).toString();
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
