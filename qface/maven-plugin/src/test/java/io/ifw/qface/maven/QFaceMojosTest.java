package io.ifw.qface.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals as Maven runs them: what they write, and how a build with a bad QFace file fails. */
class QFaceMojosTest {

    @TempDir
    Path folder;

    private ImportMojo importMojo(Path sources) {
        ImportMojo mojo = new ImportMojo();
        mojo.sourceDirectory = sources.toFile();
        mojo.outputDirectory = folder.resolve("target/generated-sources/qface").toFile();
        mojo.resourceOutputDirectory = folder.resolve("target/generated-resources/qface").toFile();
        return mojo;
    }

    @Test
    void shouldGenerateSourcesAndSimulationDataFromTheQFaceFolder() throws Exception {
        Path sources = Files.createDirectories(folder.resolve("src/main/qface/nested"));
        Files.writeString(sources.resolve("cluster.qface"), "module vehicle.cluster 1.3\ninterface Cluster {\n    readonly int speed;\n}\n");
        Files.writeString(sources.resolve("cluster.yaml"), "vehicle.cluster.Cluster#speed:\n    config_simulator:\n        default: 50\n");
        ImportMojo mojo = importMojo(folder.resolve("src/main/qface"));
        mojo.packages = Map.of("vehicle.cluster", "com.example.cluster");

        mojo.execute();

        assertThat(Files.readString(folder.resolve("target/generated-sources/qface/com/example/cluster/Cluster.java")))
                .contains("@Default(\"50\")\n    ReadOnlyProperty<Integer> speed();");
        assertThat(Files.readString(folder.resolve("target/generated-sources/qface/com/example/cluster/package-info.java")))
                .contains("@org.osgi.annotation.versioning.Version(\"1.3.0\")");
        assertThat(Files.readString(folder.resolve("target/generated-resources/qface/simulation/Cluster.json"))).contains("\"default\": 50");
    }

    @Test
    void shouldFailTheBuildWithEveryProblemAndGenerateNothing() throws Exception {
        Path sources = Files.createDirectories(folder.resolve("src/main/qface"));
        Files.writeString(sources.resolve("a.qface"), "module a 1.0\ninterface A {\n    Missing m;\n}\n");
        Files.writeString(sources.resolve("b.qface"), "module b 1.0\ninterface B {\n    int count;\n    a.A other;\n}\n");

        assertThatThrownBy(() -> importMojo(sources).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("2 problems in the QFace files of " + sources + "; nothing was generated:\n"
                        + sources.resolve("a.qface") + ":3:5: unknown type 'Missing' (modules searched: a)\n"
                        + sources.resolve("b.qface") + ":4:5: the type a.A is in module a, which module b does not import (add: import a 1.0)");
        assertThat(folder.resolve("target")).doesNotExist();
    }

    @Test
    void shouldExportTheNamedFeaturesAndNameTheOnesItCannotFind() throws Exception {
        ExportMojo mojo = new ExportMojo();
        mojo.outputDirectory = folder.resolve("qface").toFile();
        mojo.classpath = List.of();
        mojo.features = List.of("io.ifw.vehicle.WindowControl");
        mojo.execute();
        assertThat(Files.readString(folder.resolve("qface/WindowControl.qface"))).contains("interface WindowControl {");
        assertThat(folder.resolve("qface/WindowControl.yaml")).exists();

        mojo.features = List.of("io.ifw.vehicle.Missing", "java.lang.Runnable");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("cannot export to QFace:\nno class io.ifw.vehicle.Missing on the project's class path\n"
                        + "java.lang.Runnable: has no @Feature annotation");
    }
}
