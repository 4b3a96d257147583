package io.ifw.qface.maven;

import io.ifw.qface.QFaceExporter;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes {@code Name.qface} and {@code Name.yaml} for each of the project's feature interfaces
 * named in {@code features}, so a Qt project can run its own generator on IFW's definition.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class ExportMojo extends AbstractMojo {

    /** The feature interfaces to export, by class name. */
    @Parameter(required = true)
    List<String> features;

    /** Where the QFace files go. */
    @Parameter(defaultValue = "${project.build.directory}/qface")
    File outputDirectory;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    /** The class path to load the interfaces from (the project's compile class path when not given). */
    @Parameter
    List<File> classpath;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<URL> urls = new ArrayList<>();
        try {
            List<String> elements = new ArrayList<>();
            if (classpath != null) {
                classpath.forEach(f -> elements.add(f.getPath()));
            } else if (project != null) {
                elements.addAll(project.getCompileClasspathElements());
            }
            for (String element : elements) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("cannot build the class path to read the features from: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        // Parent first: the interfaces must see the same io.ifw.core types as the exporter.
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            for (String name : features) {
                try {
                    QFaceExporter.Export export = QFaceExporter.export(Class.forName(name, false, loader));
                    Path out = outputDirectory.toPath();
                    Files.createDirectories(out);
                    Files.writeString(out.resolve(export.baseName() + ".qface"), export.qface(), StandardCharsets.UTF_8);
                    Files.writeString(out.resolve(export.baseName() + ".yaml"), export.yaml(), StandardCharsets.UTF_8);
                    getLog().info("Exported " + name + " to " + out.resolve(export.baseName() + ".qface"));
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    problems.add("no class " + name + " on the project's class path");
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the QFace files: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> getLog().error(p));
            throw new MojoFailureException("cannot export to QFace:\n" + String.join("\n", problems));
        }
    }
}
