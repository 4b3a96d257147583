package io.ifw.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code bin/ifw}: how the container runs once it has started.
 *
 * @param mode     interactive shell, headless service, or a script of shell commands
 * @param script   the shell commands to run in {@link Mode#EXEC}; empty otherwise
 * @param profile  the profile to start: {@value #DEFAULT_PROFILE}, or a folder of {@code conf/profiles/}
 * @param configs  the folder of Config Admin configurations to start with ({@code --config DIR}), or
 *                 null for the profile's own ({@code conf/configs} for the default profile)
 */
record LaunchOptions(Mode mode, String script, String profile, Path configs) {

    static final String DEFAULT_PROFILE = "default";

    LaunchOptions(Mode mode, String script) {
        this(mode, script, DEFAULT_PROFILE, null);
    }

    LaunchOptions(Mode mode, String script, String profile) {
        this(mode, script, profile, null);
    }

    /** How the container runs once it has started. */
    enum Mode {
        /** Gogo shell on the console; the container stops when the shell exits. */
        SHELL,
        /** No shell; runs until the process is stopped (SIGTERM, Ctrl-C). */
        HEADLESS,
        /** Runs the given shell commands, prints their output, stops. */
        EXEC,
        /** Prints the usage and does not start. */
        HELP
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ifw [--profile NAME] [--config DIR] [OPTION]",
            "Starts the IFW container (Apache Felix with the IFW bundles).",
            "",
            "  --profile NAME        start the profile of conf/profiles/NAME: its own configurations and",
            "                        bundle exclusions (e.g. 'client': no local backends, features served by",
            "                        the default container's remote server); logs go to data/NAME",
            "  --config DIR          read the Config Admin configurations (.cfg, .config) from DIR instead of",
            "                        the profile's configs/ folder (conf/configs for the default profile)",
            "  (no option)           start with the Gogo shell on this console; 'exit 0' or Ctrl-D stops it",
            "  --headless            start without a shell and run until stopped (SIGTERM or Ctrl-C stop it cleanly)",
            "  --exec \"COMMANDS\"     start, run the Gogo shell COMMANDS (separated by ';' or new lines),",
            "                        print their output, stop; exits 1 if a command failed",
            "  --exec-file FILE      like --exec, with the commands read from FILE ('#' starts a comment line)",
            "  --help                print this help and exit",
            "",
            "  journal print|follow|stats DIR ...   read a state journal (also while a container writes it)",
            "                        without starting the container; 'ifw journal' alone prints its usage",
            "  qface import|check|export ...        QFace (Qt Interface Framework IDL) to IFW feature interfaces and",
            "                        back (docs/qface.md); 'ifw qface' alone prints its usage",
            "",
            "At start the container prints every bundle that failed to resolve or start and every",
            "component left unsatisfied, with the reason, then 'IFW ready'. It exits with 2 if an IFW",
            "bundle failed, a JVM flag from conf/jvm.options is missing, or the options are wrong.",
            "",
            "Environment: JAVA_HOME (Java 17+), IFW_JAVA_OPTS (extra JVM options),",
            "             IFW_DATA (logs and state; default: the container's data/ folder).",
            "             IFW_JAVA_OPTS=-Difw.startup.timings=true prints where the start went after 'IFW ready'.");

    /**
     * Parses the arguments of {@code bin/ifw}.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static LaunchOptions parse(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("--config")) {
            if (args.size() < 2 || args.get(1).isBlank() || args.get(1).startsWith("--")) {
                throw new IllegalArgumentException("option '--config' needs a folder");
            }
            if (args.subList(2, args.size()).contains("--config")) {
                throw new IllegalArgumentException("option '--config' comes only once");
            }
            LaunchOptions rest = parse(args.subList(2, args.size()));
            return new LaunchOptions(rest.mode(), rest.script(), rest.profile(), Path.of(args.get(1)));
        }
        if (!args.isEmpty() && args.get(0).equals("--profile")) {
            if (args.size() < 2) {
                throw new IllegalArgumentException("option '--profile' needs a value");
            }
            String profile = args.get(1);
            if (!profile.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("profile '" + profile + "' is not letters, digits, '_' or '-'");
            }
            if (args.subList(2, args.size()).contains("--profile")) {
                throw new IllegalArgumentException("option '--profile' comes only once, first");
            }
            LaunchOptions rest = parse(args.subList(2, args.size()));
            return new LaunchOptions(rest.mode(), rest.script(), profile, rest.configs());
        }
        if (args.isEmpty()) {
            return new LaunchOptions(Mode.SHELL, "");
        }
        String first = args.get(0);
        switch (first) {
            case "--help":
            case "-h":
                expectArgumentCount(args, 1);
                return new LaunchOptions(Mode.HELP, "");
            case "--headless":
                expectArgumentCount(args, 1);
                return new LaunchOptions(Mode.HEADLESS, "");
            case "--exec":
                expectArgumentCount(args, 2);
                return new LaunchOptions(Mode.EXEC, requireCommands(args.get(1), "--exec"));
            case "--exec-file":
                expectArgumentCount(args, 2);
                return new LaunchOptions(Mode.EXEC, requireCommands(readScript(Path.of(args.get(1))), "--exec-file " + args.get(1)));
            default:
                throw new IllegalArgumentException("unknown option '" + first + "'");
        }
    }

    private static void expectArgumentCount(List<String> args, int count) {
        if (args.size() < count) {
            throw new IllegalArgumentException("option '" + args.get(0) + "' needs a value");
        }
        if (args.size() > count) {
            throw new IllegalArgumentException("unexpected argument '" + args.get(count) + "' after '" + args.get(0) + "'");
        }
    }

    private static String requireCommands(String script, String source) {
        if (GogoScript.split(script).isEmpty()) {
            throw new IllegalArgumentException(source + " has no commands");
        }
        return script;
    }

    private static String readScript(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the --exec-file '" + file + "': " + e, e);
        }
    }
}
