package io.ifw.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this module with JMH's usual command line
 * ({@code java -jar target/ifw-benchmarks.jar [regexp] [-prof gc] ...}), adding to every forked
 * JVM the flags of {@code ifw-runtime.properties}, the one place the project keeps them.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        new Runner(new OptionsBuilder()
                .parent(commandLine)
                .jvmArgsAppend(runtimeJvmFlags())
                .build()).run();
    }

    static String[] runtimeJvmFlags() throws IOException {
        Properties settings = new Properties();
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/ifw-runtime.properties")) {
            if (in == null) {
                throw new IllegalStateException("ifw-runtime.properties is not in the benchmarks jar; rebuild with ./mvnw package");
            }
            settings.load(in);
        }
        return settings.getProperty("ifw.jvm.flags", "").trim().split("\\s+");
    }
}
