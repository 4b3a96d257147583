package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'bin/ifw qface' in the built distribution: import, check, export, and a bad file. */
class QFaceCommandIT {

    @TempDir
    Path work;

    @Test
    void shouldImportCheckAndExportWithoutStartingTheContainer() throws Exception {
        Path qface = work.resolve("dashboard.qface");
        Files.writeString(qface, """
                module com.example.dashboard 1.0
                /** The dashboard. */
                @config: { zoned: true }
                interface Dashboard {
                    @config_simulator: { range: [0, 100] }
                    int brightness;
                    Theme theme;
                }
                enum Theme { Day, Night }
                """);
        Files.writeString(work.resolve("dashboard.yaml"), """
                com.example.dashboard.Dashboard:
                    config_simulator:
                        zones: [ Driver, Passenger ]
                com.example.dashboard.Dashboard#theme:
                    config_simulator:
                        default: Theme.Night
                """);
        Path out = work.resolve("generated");
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "qface", "import", "--out", out.toString(), qface.toString())) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout()).startsWith("wrote 4 files to " + out + ":").doesNotContain("IFW ready");
        }
        assertThat(Files.readString(out.resolve("java/com/example/dashboard/Dashboard.java")))
                .contains("@Zones({\"Driver\", \"Passenger\"})", "@Range(min = 0, max = 100)", "@Default(\"Night\")\n    Property<Theme> theme();");
        assertThat(Files.readString(out.resolve("resources/simulation/Dashboard.json"))).contains("\"value\": \"Theme::Night\"");

        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "qface", "check", qface.toString())) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
            assertThat(ifw.stdout()).matches("com\\.example\\.dashboard\\.Dashboard  com\\.example\\.dashboard\\.Dashboard  2 members  fingerprint [0-9a-f]{16}\\s*");
        }

        Path vehicle;
        try (Stream<Path> bundles = Files.list(ContainerProcess.distribution().resolve("bundle"))) {
            vehicle = bundles.filter(b -> b.getFileName().toString().startsWith("ifw-feature-vehicle-")).findFirst().orElseThrow();
        }
        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "qface", "export", "--out", work.resolve("qt").toString(),
                "--classpath", vehicle.toString(), "io.ifw.vehicle.WindowControl")) {
            assertThat(ifw.waitForExit()).as(ifw.stderr()).isZero();
        }
        assertThat(Files.readString(work.resolve("qt/WindowControl.qface"))).contains("module io.ifw.vehicle 1.0", "interface WindowControl {");
        assertThat(work.resolve("qt/WindowControl.yaml")).exists();
    }

    @Test
    void shouldNameEachProblemAndWriteNothingForABadFile() throws Exception {
        Path qface = work.resolve("broken.qface");
        Files.writeString(qface, "module broken 1.0\ninterface Broken {\n    Shade shade;\n    var anything;\n}\n");
        Path out = work.resolve("generated");

        try (ContainerProcess ifw = ContainerProcess.ifw(ContainerProcess.distribution(), work, "qface", "import", "--out", out.toString(), qface.toString())) {
            assertThat(ifw.waitForExit()).isEqualTo(1);
            assertThat(ifw.stderr()).isEqualTo("""
                    broken.qface:3:5: unknown type 'Shade' (modules searched: broken)
                    broken.qface:4:5: the type var (any value) is not supported: an IFW value has one type (member anything of Broken)
                    ifw qface: 2 problems; nothing was written
                    """);
        }
        assertThat(out).doesNotExist();
    }
}
