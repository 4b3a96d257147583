package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled container, started as a user starts it: {@code bin/ifw} in a real process. */
class ContainerCommandLineIT {

    @TempDir
    Path work;

    @Test
    void shouldRunCommandsListAllBundlesActiveAndExitZero() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec", "lb")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout()).contains("IFW ready:", "(exec)");
            List<String> bundleLines = ifw.stdout().lines().filter(line -> line.matches("\\s*\\d+\\|.*")).toList();
            long jars;
            try (Stream<Path> files = Files.list(ContainerProcess.distribution().resolve("bundle"))) {
                jars = files.count();
            }
            assertThat(bundleLines).hasSize((int) jars + 1); // and the system bundle
            assertThat(bundleLines).allMatch(line -> line.contains("|Active "), "every bundle Active");
            assertThat(ifw.stdout()).contains("IFW framework core", "IFW third-party: Aeron", "IFW third-party: Chronicle Queue")
                    .doesNotContain("IFW start timings");
            assertThat(ifw.stderr()).isEmpty();
        }
    }

    @Test
    void shouldReportWhereTheStartWentWhenAsked() throws Exception {
        Path home = ContainerProcess.distribution();
        long jars;
        try (Stream<Path> files = Files.list(home.resolve("bundle"))) {
            jars = files.count();
        }
        try (ContainerProcess ifw = ContainerProcess.start(work, List.of("env", "IFW_JAVA_OPTS=-Difw.startup.timings=true",
                home.resolve("bin/ifw").toString(), "--exec", "echo ran"))) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            List<String> lines = ifw.stdout().lines().toList();
            int first = lines.indexOf("IFW start timings (ms):");
            assertThat(first).as(ifw.stdout()).isPositive();
            assertThat(lines.subList(0, first)).anyMatch(line -> line.startsWith("IFW ready: "));
            List<String> phases = lines.subList(first + 1, first + 9).stream().map(line -> line.replaceAll("\\s+[\\d.]+$", "").strip()).toList();
            assertThat(phases).containsExactly("JVM start until the launcher's main", "layout, JVM flags, logging",
                    "framework created and initialised", "framework started", "bundles installed (" + jars + ")",
                    "bundles started (resolve, activators, immediate components)", "components settled", "total (launcher)");
            assertThat(lines.subList(first + 1, first + 9)).allMatch(line -> line.matches(".*\\S\\s+\\d+(\\.\\d)?"), "each with its milliseconds");
            assertThat(lines.get(first + 9)).isEqualTo("  slowest bundle starts:");
            assertThat(lines.subList(first + 10, first + 18)).allMatch(line -> line.matches("    [\\w.-]+\\s+\\d+\\.\\d"), "a bundle and its milliseconds");
            assertThat(lines.get(first + 18)).isEqualTo("ran");
        }
    }

    @Test
    void shouldReadItsConfigurationsFromTheFolderGivenWithConfig() throws Exception {
        Path configs = Files.createDirectories(work.resolve("my configs"));
        Files.writeString(configs.resolve("io.ifw.remote.server-mine.cfg"), "name=mine\nchannel=aeron:ipc\nstreamId=4711\nidleStrategy=backoff\n");

        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--config", configs.toString(), "--exec", "ifw:remote")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout()).contains("IFW ready:", "server mine on aeron:ipc stream 4711")
                    .as("conf/configs is not read").doesNotContain("server default");
        }
    }

    @Test
    void shouldRefuseAConfigurationFolderThatIsNotThereInOneLine() throws Exception {
        Path missing = work.resolve("no-such-folder");
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--config", missing.toString(), "--exec", "lb")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).isEqualTo("ifw: the configuration folder " + missing + " (--config) does not exist\n");
            assertThat(ifw.stdout()).doesNotContain("IFW ready");
        }
        Path file = Files.writeString(work.resolve("a-file.cfg"), "name=x\n");
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--config", file.toString(), "--exec", "lb")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).isEqualTo("ifw: the configuration folder " + file + " (--config) is not a folder\n");
        }
    }

    @Test
    void shouldRunCommandsFromAFile() throws Exception {
        Path script = Files.writeString(work.resolve("check.gogo"), "# what runs\necho first\n\necho second; echo third\n");

        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec-file", script.toString())) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout()).containsSubsequence("first", "second", "third");
        }
    }

    @Test
    void shouldStopAtAFailingCommandAndExitOne() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work,
                "--exec", "echo before; no-such-command now; echo after")) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stdout()).contains("before").doesNotContain("after");
            assertThat(ifw.stderr()).contains("ifw: command failed: no-such-command now: "
                    + "CommandNotFoundException: Command not found: no-such-command");
        }
    }

    @Test
    void shouldPrintHelpWithoutStarting() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--help")) {
            assertThat(ifw.waitForExit()).isZero();
            assertThat(ifw.stdout()).contains("--headless", "--exec \"COMMANDS\"", "--exec-file FILE").doesNotContain("IFW ready:");
        }
    }

    @Test
    void shouldRejectAnUnknownOptionWithExitTwo() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--verbose")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).isEqualTo("ifw: unknown option '--verbose'\nTry 'ifw --help'.\n");
        }
    }

    @Test
    void shouldRunHeadlessUntilSigtermAndStopCleanly() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--headless")) {
            ifw.awaitOutput("IFW ready:");
            ifw.terminate();
            int exit = ifw.waitForExit();

            assertThat(exit).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            assertThat(ifw.stdout()).contains("(headless)").containsSubsequence("IFW stopping", "IFW stopped");
            assertThat(ifw.stderr()).isEmpty();
        }
        assertThat(work.resolve("data/log")).isDirectory();
    }

    @Test
    void shouldServeTheConsoleWhereTheProfilesFrameworkPropertiesSayFromTheStart() throws Exception {
        // The web server is configured with framework properties, which a profile may set as well.
        Path home = ContainerProcess.copyOfDistribution(work.resolve("ifw"));
        Path profile = Files.createDirectories(home.resolve("conf/profiles/elsewhere/configs")).getParent();
        Files.writeString(profile.resolve("profile.properties"), "framework.org.apache.felix.http.host=127.0.0.2\n");
        try (Stream<Path> defaults = Files.list(home.resolve("conf/configs"))) {
            for (Path config : (Iterable<Path>) defaults::iterator) {
                Files.copy(config, profile.resolve("configs").resolve(config.getFileName()));
            }
        }
        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--profile", "elsewhere", "--headless")) {
            ifw.awaitOutput("/ifw/ (");
            Matcher console = Pattern.compile("IFW web console: (http://127\\.0\\.0\\.2:(\\d+)/ifw/) ").matcher(ifw.stdout());
            assertThat(console.find()).as(ifw.stdout()).isTrue();
            assertThat(Integer.parseInt(console.group(2))).isPositive(); // IFW_HTTP_PORT=0: a free port, resolved into org.osgi.service.http.port
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(console.group(1)))
                    .timeout(Duration.ofSeconds(ContainerProcess.TIMEOUT_S)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>IFW console</title>");
            ifw.terminate();
            assertThat(ifw.waitForExit()).isEqualTo(143);
            assertThat(ifw.stderr()).isEmpty();
        }
        // Jetty started once, with its port: no restart when Config Admin comes round (as an org.apache.felix.http.cfg would cause)
        String log = Files.readString(work.resolve("data/log/ifw-0.log"));
        assertThat(log.lines().filter(line -> line.contains("Started ServerConnector@"))).hasSize(1);
        assertThat(log).doesNotContain("Exception while");
    }

    @Test
    void shouldRefuseToStartWithoutTheJvmFlagsNamingThem() throws Exception {
        Path home = ContainerProcess.distribution();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        try (ContainerProcess plain = ContainerProcess.start(work,
                List.of(java, "-Difw.home=" + home, "-jar", home.resolve("lib/ifw-launcher.jar").toString(), "--exec", "lb"))) {
            assertThat(plain.waitForExit()).isEqualTo(2);
            assertThat(plain.stderr()).startsWith("ifw: missing JVM flags --add-exports java.base/jdk.internal.misc=ALL-UNNAMED, "
                            + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED")
                    .contains("start the container with bin/ifw");
            assertThat(plain.stdout()).doesNotContain("IFW ready");
        }
    }

    @Test
    void shouldExitTwoWithOneLineWhenAnIfwBundleDoesNotResolve() throws Exception {
        Path home = copyOfDistribution();
        writeBundle(home.resolve("bundle/ifw-broken.jar"), "io.ifw.test.broken", "com.example.absent;version=\"[1.2,2)\"");

        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--exec", "lb")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).contains("ifw: ERROR bundle io.ifw.test.broken 1.0.0 (bundle/ifw-broken.jar) "
                    + "did not resolve: missing package com.example.absent [1.2.0, 2.0.0)\n")
                    .contains("ifw: the container did not start cleanly; stopping")
                    .doesNotContain("\tat ");
            assertThat(ifw.stdout()).doesNotContain("IFW ready");
        }
    }

    @Test
    void shouldWarnButRunWhenAnotherBundleDoesNotResolve() throws Exception {
        Path home = copyOfDistribution();
        writeBundle(home.resolve("bundle/extra.jar"), "com.example.extra", "com.example.absent");

        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--exec", "echo ran")) {
            assertThat(ifw.waitForExit()).isZero();
            assertThat(ifw.stderr()).isEqualTo("ifw: WARNING bundle com.example.extra 1.0.0 (bundle/extra.jar) "
                    + "did not resolve: missing package com.example.absent\n");
            assertThat(ifw.stdout()).contains("IFW ready", "ran");
        }
    }

    @Test
    void shouldNameABadConfigurationInOneLineAndRun() throws Exception {
        Path home = copyOfDistribution();
        Files.writeString(home.resolve("conf/configs/io.ifw.discovery-climate.cfg"),
                "featureId=io.example.Climate\ndiscoveryMode=FAST\n");

        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--exec", "echo ran")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stderr().lines()).singleElement().asString()
                    .contains("IFW: configuration io.ifw.discovery for io.example.Climate is ignored: ")
                    .endsWith("conf/configs/io.ifw.discovery-climate.cfg: discoveryMode = 'FAST': "
                            + "expected one of AUTO, PRODUCTION_ONLY, SIMULATION_ONLY, NONE");
            assertThat(ifw.stdout()).contains("IFW ready:", "ran");
        }
    }

    @Test
    void shouldServeOnWhenComponentsHaveBadValuesNamingEachInOneLineAndInItsStatusCommand() throws Exception {
        Path home = copyOfDistribution();
        Path configs = home.resolve("conf/configs");
        Path server = configs.resolve("io.ifw.remote.server-default.cfg");
        Files.writeString(server, Files.readString(server).replace("streamId=4100", "streamId=41OO") + "\nsecrte=s3cret\n");
        Path journal = configs.resolve("io.ifw.journal-default.cfg");
        Files.writeString(journal, Files.readString(journal) + "retainCycles=many\n");
        Path climate = configs.resolve("io.ifw.backend.local.climate.cfg");
        Files.writeString(climate, "degreesPerTick=-1\n");
        String climateId = "io.ifw.vehicle.ClimateControl";

        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--exec",
                "ifw:remote; ifw:journal; ifw:backends --json " + climateId + "; ifw:get --json " + climateId + "@FrontLeft targetTemperature")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stderr().lines().map(line -> line.substring(line.indexOf(' ') + 1)).sorted()).containsExactly(
                    "WARNING JournalComponent: IFW: journal io.ifw.journal~default (io.ifw.journal) is not started: " + journal
                            + ": retainCycles = 'many': expected a whole number (32 bits)",
                    "WARNING RemoteServerComponent: IFW: remote server 'default' (io.ifw.remote.server) is not started: " + server
                            + ": streamId = '41OO': expected a whole number (32 bits)",
                    "WARNING config: IFW: " + server + ": unknown key 'secrte' is ignored; did you mean 'secret'?",
                    "WARNING config: IFW: component io.ifw.backend.local.climate is FAILED: " + climate
                            + ": degreesPerTick = '-1': expected a number not below 0");
            assertThat(ifw.stdout()).contains("IFW ready:",
                    "server default on aeron:ipc stream 0: FAILED (not started: " + server + ": streamId = '41OO': expected a whole number (32 bits))",
                    "journal io.ifw.journal~default: FAILED (not started: " + journal + ": retainCycles = 'many': expected a whole number (32 bits))",
                    "\"name\":\"climate-local\"", "\"status\":\"FAILED\"",
                    "\"problem\":\"degreesPerTick = '-1': expected a number not below 0\"",
                    "\"name\":\"simulator\"",
                    "\"availability\":\"AVAILABLE\"");
        }
    }

    @Test
    void shouldExitTwoNamingAnIfwComponentThatFailsToActivate() throws Exception {
        Path home = copyOfDistribution();
        writeFailingComponentBundle(home.resolve("bundle/ifw-port-user.jar"));

        try (ContainerProcess ifw = ContainerProcess.ifw(home, work, "--exec", "lb")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).contains("ifw: ERROR component io.ifw.test.PortUser (bundle io.ifw.test.portuser) failed to activate: ")
                    .contains("port 40123 is already in use")
                    .contains("ifw: the container did not start cleanly; stopping");
            assertThat(ifw.stdout()).doesNotContain("IFW ready:");
        }
    }

    /** A bundle with one DS component whose activation fails as a server's does when its port is taken. */
    private static void writeFailingComponentBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.ifw.test.portuser");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Service-Component", "OSGI-INF/portuser.xml");
        String className = PortUser.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new java.util.jar.JarEntry("OSGI-INF/portuser.xml"));
            jarOut.write(("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"io.ifw.test.PortUser\" "
                    + "immediate=\"true\" activate=\"activate\"><implementation class=\"" + PortUser.class.getName() + "\"/>"
                    + "</scr:component>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jarOut.putNextEntry(new java.util.jar.JarEntry(className));
            try (var in = ContainerCommandLineIT.class.getClassLoader().getResourceAsStream(className)) {
                in.transferTo(jarOut);
            }
        }
    }

    @Test
    void shouldRunTheIfwShellCommands() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec",
                "ifw:features; ifw:backends; ifw:get ClimateControl@Rear; ifw:features --json")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout().lines().filter(line -> line.startsWith("FEATURE ")).toList()).containsExactly(
                    "FEATURE                        STATE  BACKEND                     DISCOVERY                  CONNECTION  SWAPS",
                    "FEATURE                        BACKEND        KIND        WHERE  RANKING  BOUND  STATUS     PROBLEM");
            assertThat(ifw.stdout()).contains(
                    "io.ifw.vehicle.ClimateControl  ready  climate-local (production)  PRODUCTION_BACKEND_LOADED  CONNECTED   0",
                    "io.ifw.vehicle.ClimateControl  climate-local  production  local  0        yes    AVAILABLE  -",
                    "io.ifw.vehicle.ClimateControl  simulator      simulation  local  -100     no     AVAILABLE  -");
            assertThat(ifw.stdout().lines()).anyMatch(line -> line.matches("PROPERTY +ZONE +VALUE +AVAILABILITY +CONSTRAINT"))
                    .anyMatch(line -> line.matches("fanSpeedLevel +Rear +2 +AVAILABLE +\\[0-5\\]"));
            assertThat(ifw.stdout()).contains("\"id\":\"io.ifw.vehicle.ClimateControl\"", "\"id\":\"io.ifw.vehicle.WindowControl\"",
                    "\"id\":\"io.ifw.media.MediaPlayer\"", "\"id\":\"io.ifw.media.MediaLibrary\"",
                    "\"id\":\"io.ifw.media.MediaIndexer\"", "\"id\":\"io.ifw.media.AmFmTuner\"");
        }
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec", "ifw:feature io.example.Nothing")) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stderr()).contains("ifw: command failed: ifw:feature io.example.Nothing: INVALID_ARGUMENT: "
                    + "unknown feature 'io.example.Nothing' (features: AmFmTuner, MediaIndexer, MediaLibrary, MediaPlayer, ClimateControl, "
                    + "WindowControl)\n");
        }
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec", "ifw:get ClimateControl@Rear fanSpeed")) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stderr()).contains("ifw: command failed: ifw:get ClimateControl@Rear fanSpeed: INVALID_ARGUMENT: "
                    + "unknown property 'fanSpeed' of io.ifw.vehicle.ClimateControl; did you mean fanSpeedLevel?\n");
        }
    }

    @Test
    void shouldWordAFailingCommandAsIfwWithItsCodeInExecAndInTheInteractiveShell() throws Exception {
        String climate = "io.ifw.vehicle.ClimateControl";
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec", "ifw:get " + climate + " heater cooler")) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stderr()).contains("ifw: command failed: ifw:get " + climate + " heater cooler: INVALID_ARGUMENT: ifw:get takes "
                    + "[--json] FEATURE[@ZONE] [PROPERTY]; it was given 3 arguments: '" + climate + "' 'heater' 'cooler' (e.g. ifw:get "
                    + "ClimateControl@FrontLeft targetTemperature)").doesNotContain("Cannot coerce");
        }
        Path typed = work.resolve("typed.txt");
        Files.writeString(typed, "ifw:set " + climate + "@FrontLeft targetTemperature\n"
                + "ifw:fault " + climate + " targetTemperature fail often TIMEOUT\n"
                + "ifw:set " + climate + "@FrontLeft targetTemperature NaN\n"
                + "echo typed all\n");
        try (ContainerProcess ifw = ContainerProcess.ifwTyping(ContainerProcess.distribution(), work, typed)) {
            ifw.awaitOutput("typed all");
            assertThat(ifw.stdout() + ifw.stderr()).contains(
                    "INVALID_ARGUMENT: ifw:set takes [--json] FEATURE[@ZONE] PROPERTY VALUE; it was given 2 arguments: '" + climate
                            + "@FrontLeft' 'targetTemperature'",
                    "INVALID_ARGUMENT: COUNT 'often' is not a whole number",
                    "INVALID_ARGUMENT: targetTemperature: 'NaN' is not a finite double")
                    .doesNotContain("Cannot coerce", "NumberFormatException");
        }
    }

    @Test
    void shouldInjectFaultsIntoTheSimulatorFromTheShell() throws Exception {
        String climate = "io.ifw.vehicle.ClimateControl";
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--exec",
                "ifw:use " + climate + " simulator; ifw:fault " + climate + "@Rear cabinTemperature unavailable sensor unplugged; "
                        + "ifw:get --json " + climate + "@Rear cabinTemperature; ifw:fault " + climate + " targetTemperature fail 1 TIMEOUT; "
                        + "ifw:set " + climate + "@Rear targetTemperature 22")) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stdout()).contains("io.ifw.vehicle.ClimateControl.cabinTemperature@Rear: unavailable (sensor unplugged)",
                    "\"availability\":\"NOT_AVAILABLE (sensor unplugged)\"", "the next 1 requests fail with TIMEOUT");
            assertThat(ifw.stderr()).contains("ifw: command failed: ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 22: "
                    + "TIMEOUT: simulated failure of targetTemperature of io.ifw.vehicle.ClimateControl (0 more to come)");
        }
    }

    private Path copyOfDistribution() throws IOException {
        return ContainerProcess.copyOfDistribution(work.resolve("ifw"));
    }

    private static void writeBundle(Path jar, String symbolicName, String importPackage) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", importPackage);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
    }

    @Test
    void shouldServeEveryFeatureFromTheSimulatorWithTheSimulationServerProfile() throws Exception {
        Path home = ContainerProcess.distribution();
        try (ContainerProcess server = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(), "--profile", "simulation-server",
                "--headless"), "server-data")) {
            server.awaitOutput("IFW ready:");
            try (ContainerProcess client = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(), "--profile", "client",
                    "--exec", "ifw:remote; ifw:backends --json io.ifw.vehicle.ClimateControl; ifw:backends --json MediaPlayer; "
                            + "ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 24.5; "
                            + "ifw:get --json io.ifw.vehicle.ClimateControl@Rear targetTemperature"), "client-data")) {
                assertThat(client.waitForExit()).as(client.stdout() + client.stderr()).isZero();
                assertThat(client.stdout())
                        .contains("client remote of aeron:ipc stream 4100: CONNECTED, server simulation (full)")
                        .contains("\"name\":\"remote:simulator\",\"kind\":\"simulation\",\"remote\":true")
                        .contains("\"zone\":\"Rear\",\"value\":24.5")
                        .doesNotContain("remote:climate-local", "remote:player-local");
                assertThat(client.stderr()).isEmpty();
            }
            assertThat(server.stdout()).contains("profile simulation-server").doesNotContain("IFW local backends");
        }
    }

    @Test
    void shouldStartTheClientProfileWithItsFeaturesServedByTheDefaultContainer() throws Exception {
        Path home = ContainerProcess.distribution();
        try (ContainerProcess server = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(), "--headless"), "server-data")) {
            server.awaitOutput("IFW ready:");
            try (ContainerProcess client = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(), "--profile", "client",
                    "--exec", "lb; ifw:remote; ifw:backends --json io.ifw.vehicle.ClimateControl; "
                            + "ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 24.5; "
                            + "ifw:get --json io.ifw.vehicle.ClimateControl@Rear targetTemperature"), "client-data")) {
                assertThat(client.waitForExit()).as(client.stdout() + client.stderr()).isZero();
                assertThat(client.stdout()).contains("(exec, profile client)")
                        .contains("client remote of aeron:ipc stream 4100: CONNECTED, server default (full)")
                        .contains("io.ifw.vehicle.ClimateControl from climate-local (production): LIVE")
                        .contains("\"name\":\"remote:climate-local\",\"kind\":\"production\",\"remote\":true")
                        .contains("\"zone\":\"Rear\",\"value\":24.5")
                        .doesNotContain("IFW local backends"); // the profile leaves the local backends out
                assertThat(client.stderr()).isEmpty();
            }
            try (ContainerProcess again = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(),
                    "--exec", "ifw:remote"), "server-2-data")) {
                // a second server on the same channel and stream does not start, names the first, and stops nothing else
                assertThat(again.waitForExit()).isZero();
                assertThat(again.stdout()).contains("server default on aeron:ipc stream 4100: FAILED (not started: server 'default' in "
                        + "process " + server.pid() + " on ").contains(" already serves aeron:ipc stream 4100 (lock ");
            }
        }
    }

    @Test
    void shouldNameTheProfilesWhenAProfileDoesNotExist() throws Exception {
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "--profile", "kiosk", "--exec", "lb")) {
            assertThat(ifw.waitForExit()).isEqualTo(2);
            assertThat(ifw.stderr()).isEqualTo("ifw: there is no profile 'kiosk' (no folder conf/profiles/kiosk; profiles: default, client, simulation-server)\n");
        }
    }

    @Test
    void shouldKeepStateAcrossRestartsInTheJournalAndReadItFromTheCommandLine() throws Exception {
        Path home = ContainerProcess.distribution();
        try (ContainerProcess first = ContainerProcess.ifw(home, work, "--exec",
                "ifw:set io.ifw.vehicle.ClimateControl@Rear targetTemperature 24.5; ifw:set io.ifw.vehicle.ClimateControl fanSpeedLevel 4")) {
            assertThat(first.waitForExit()).as(first.stderr()).isZero();
        }
        try (ContainerProcess second = ContainerProcess.ifw(home, work, "--exec",
                "ifw:get --json io.ifw.vehicle.ClimateControl@Rear targetTemperature; ifw:get --json ClimateControl fanSpeedLevel; ifw:journal")) {
            assertThat(second.waitForExit()).as(second.stderr()).isZero();
            assertThat(second.stdout()).contains("\"zone\":\"Rear\",\"value\":24.5").contains("\"property\":\"fanSpeedLevel\",\"zone\":\"\",\"value\":4")
                    .contains("journal io.ifw.journal~default: writing " + work.resolve("data/journal"));
        }
        try (ContainerProcess reader = ContainerProcess.ifw(home, work, "journal", "print", work.resolve("data/journal").toString(),
                "--feature", "io.ifw.vehicle.ClimateControl")) {
            assertThat(reader.waitForExit()).as(reader.stderr()).isZero();
            assertThat(reader.stdout()).contains("io.ifw.vehicle.ClimateControl climate-local VALUE targetTemperature@Rear = 24.5")
                    .contains("io.ifw.vehicle.ClimateControl climate-local SNAPSHOT_BEGIN backend io.ifw.backend.local.vehicle.LocalClimate (production)");
            assertThat(reader.stderr()).isEmpty();
        }
        try (ContainerProcess stats = ContainerProcess.ifw(home, work, "journal", "stats", work.resolve("data/journal").toString())) {
            assertThat(stats.waitForExit()).isZero();
            assertThat(stats.stdout()).startsWith("journal " + work.resolve("data/journal") + ": ").contains("io.ifw.vehicle.ClimateControl climate-local: ");
        }
        try (ContainerProcess wrong = ContainerProcess.ifw(home, work, "journal", "print", work.resolve("nothing").toString())) {
            assertThat(wrong.waitForExit()).isEqualTo(2);
            assertThat(wrong.stderr()).isEqualTo("ifw journal: there is no journal directory " + work.resolve("nothing") + "\n");
        }
    }

    @Test
    void shouldRefuseASecondWriterOfTheSameJournalAndKeepRunning() throws Exception {
        Path home = ContainerProcess.distribution();
        try (ContainerProcess first = ContainerProcess.ifw(home, work, "--headless")) {
            first.awaitOutput("IFW ready:");
            try (ContainerProcess second = ContainerProcess.start(work, List.of(home.resolve("bin/ifw").toString(), "--exec", "ifw:journal"),
                    "data")) {
                assertThat(second.waitForExit()).as(second.stderr()).isZero();
                assertThat(second.stdout()).contains("journal io.ifw.journal~default: FAILED (not started: the journal directory "
                        + work.resolve("data/journal") + " is written by another process (it holds " + work.resolve("data/journal/ifw-journal.lock") + ")");
            }
        }
    }
}
