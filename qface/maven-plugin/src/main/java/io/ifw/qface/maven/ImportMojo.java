package io.ifw.qface.maven;

import io.ifw.qface.QFaceException;
import io.ifw.qface.QFaceImporter;
import io.ifw.qface.QFaceProblem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates IFW feature interfaces (with their records, enums and package-info) and Qt-format
 * simulation data from the {@code .qface} files of {@code sourceDirectory}, each with its
 * {@code .yaml} annotation file beside it, and adds them to the build's sources and resources.
 * A file with a problem fails the build with one line per problem (file:line:column: what);
 * nothing is generated then.
 */
@Mojo(name = "import", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class ImportMojo extends AbstractMojo {

    /** Where the {@code .qface} files are (searched recursively). */
    @Parameter(defaultValue = "${project.basedir}/src/main/qface", property = "qface.sourceDirectory")
    File sourceDirectory;

    /** Where the Java sources go. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/qface")
    File outputDirectory;

    /** Where the simulation data ({@code simulation/Name.json}) goes. */
    @Parameter(defaultValue = "${project.build.directory}/generated-resources/qface")
    File resourceOutputDirectory;

    /** QFace module name → Java package, where the default (the module name in lower case) does not suit. */
    @Parameter
    Map<String, String> packages;

    /** More annotation files, read after each file's own. */
    @Parameter
    List<File> annotationFiles;

    /** Leave out, with a warning, members IFW cannot express ({@code var}, {@code map<T>}) instead of failing. */
    @Parameter(defaultValue = "false", property = "qface.skipUnsupported")
    boolean skipUnsupported;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> files = qfaceFiles();
        if (files.isEmpty()) {
            getLog().info("No .qface files in " + sourceDirectory);
            return;
        }
        QFaceImporter.Options options = new QFaceImporter.Options().skipUnsupported(skipUnsupported);
        if (packages != null) {
            packages.forEach(options::packageFor);
        }
        if (annotationFiles != null) {
            annotationFiles.forEach(f -> options.annotations(f.toPath()));
        }
        QFaceImporter.Result result;
        try {
            result = QFaceImporter.importFiles(files, options);
        } catch (QFaceException e) {
            e.problems().forEach(problem -> getLog().error(describe(problem)));
            throw new MojoFailureException(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in the QFace files of "
                    + sourceDirectory + "; nothing was generated:\n" + e.problems().stream().map(this::describe).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the QFace files of " + sourceDirectory + ": " + e.getMessage(), e);
        }
        result.warnings().forEach(warning -> getLog().warn(describe(warning)));
        try {
            result.write(outputDirectory.toPath(), resourceOutputDirectory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the generated files: " + e.getMessage(), e);
        }
        getLog().info("Generated " + result.featureInterfaces().size() + " IFW feature interface(s) from " + files.size() + " QFace file(s): "
                + String.join(", ", result.featureInterfaces()));
        if (project != null) {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
            Resource resource = new Resource();
            resource.setDirectory(resourceOutputDirectory.getAbsolutePath());
            project.addResource(resource);
        }
    }

    private String describe(QFaceProblem problem) {
        String file = problem.position().file();
        Path full = sourceDirectory.toPath().resolve(file);
        return (Files.exists(full) ? full.toString() : file) + ":" + problem.position().line() + ":" + problem.position().column() + ": " + problem.message();
    }

    private List<Path> qfaceFiles() throws MojoExecutionException {
        if (!sourceDirectory.isDirectory()) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(sourceDirectory.toPath())) {
            return new ArrayList<>(walk.filter(f -> f.toString().endsWith(".qface")).sorted().toList());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + sourceDirectory + ": " + e.getMessage(), e);
        }
    }
}
