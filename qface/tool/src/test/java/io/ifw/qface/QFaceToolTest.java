package io.ifw.qface;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line behind 'bin/ifw qface': exit status, output and files. */
class QFaceToolTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new QFaceTool(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void shouldImportCheckAndExport() throws Exception {
        Path sample = folder.resolve("org.ifw.sample.qface");
        Files.writeString(sample, GeneratedFeatures.resource("org.ifw.sample.qface"));
        Files.writeString(folder.resolve("org.ifw.sample.yaml"), GeneratedFeatures.resource("org.ifw.sample.yaml"));
        Path common = folder.resolve("org.ifw.common.qface");
        Files.writeString(common, GeneratedFeatures.resource("org.ifw.common.qface"));

        assertThat(run("import", "--out", folder.resolve("gen").toString(), sample.toString(), common.toString())).isZero();
        assertThat(out.toString()).startsWith("wrote 12 files to " + folder.resolve("gen") + ":\n").contains("  java/org/ifw/sample/Cabin.java\n",
                "  resources/simulation/Cabin.json\n");
        assertThat(folder.resolve("gen/java/org/ifw/sample/Cabin.java")).exists();
        assertThat(GeneratedFeatures.read(folder.resolve("gen/resources/simulation/Cabin.json"))).contains("\"zones\": [\"Driver\", \"Passenger\", \"Rear\"]");

        out.reset();
        assertThat(run("check", sample.toString(), common.toString())).isZero();
        assertThat(out.toString()).matches("(?s)org\\.ifw\\.sample\\.Cabin/2  org\\.ifw\\.sample\\.Cabin  21 members  fingerprint [0-9a-f]{16}\n"
                + "org\\.ifw\\.sample\\.Base  org\\.ifw\\.sample\\.Base  1 members  fingerprint [0-9a-f]{16}\n");

        out.reset();
        String classes = Path.of(io.ifw.vehicle.ClimateControl.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertThat(run("export", "--out", folder.resolve("qt").toString(), "--classpath", classes, "io.ifw.vehicle.ClimateControl")).isZero();
        assertThat(GeneratedFeatures.read(folder.resolve("qt/ClimateControl.qface"))).contains("interface ClimateControl {");
        assertThat(GeneratedFeatures.read(folder.resolve("qt/ClimateControl.yaml"))).contains("io.ifw.vehicle.ClimateControl#fanSpeedLevel:");
    }

    @Test
    void shouldPrintEachProblemAndWriteNothingForBadInput() throws Exception {
        Path bad = folder.resolve("bad.qface");
        Files.writeString(bad, "module bad 1.0\ninterface B {\n    Colour colour;\n    @config_simulator: { default: 7 }\n    string name;\n}\n");

        assertThat(run("import", "--out", folder.resolve("gen").toString(), bad.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("""
                bad.qface:3:5: unknown type 'Colour' (modules searched: bad)
                bad.qface:4:5: the default of B.name should be a string, not '7'
                ifw qface: 2 problems; nothing was written
                """);
        assertThat(folder.resolve("gen")).doesNotExist();
    }

    @Test
    void shouldExplainAWrongCommandLine() {
        assertThat(run("import")).isEqualTo(2);
        assertThat(err.toString()).startsWith("ifw qface: no .qface file given\nusage: ifw qface import");
        err.reset();
        assertThat(run("import", "--package", "nomapping", "x.qface")).isEqualTo(2);
        assertThat(err.toString()).startsWith("ifw qface: --package takes MODULE=JAVA.PACKAGE, not 'nomapping'\n");
        err.reset();
        assertThat(run("convert")).isEqualTo(2);
        assertThat(err.toString()).startsWith("ifw qface: unknown command 'convert' (import, check or export)\n");
        err.reset();
        assertThat(run("export", "io.example.Missing")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ifw qface: no class io.example.Missing on the class path (give it with --classpath)\n");
        err.reset();
        assertThat(run("export", "--classpath", folder.toString(), "java.lang.String")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ifw qface: java.lang.String: ").contains("is not an interface");
    }
}
