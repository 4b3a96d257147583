package io.ifw.journal.internal;

import io.ifw.core.FeatureRegistry;
import io.ifw.core.shell.CommandFailures;
import io.ifw.core.shell.ShellCommand;
import io.ifw.core.shell.ShellNames;
import io.ifw.journal.Recorder;
import io.ifw.journal.Recording;
import io.ifw.journal.Replay;
import io.ifw.journal.tool.JournalTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The journal's Gogo commands:
 * <pre>
 * ifw:journal                                   the journals of this container, recordings and replays
 * ifw:journal print|stats DIR [options]         as 'ifw journal' on the command line
 * ifw:journal follow DIR [--seconds S]          prints what is written for S seconds (5 by default)
 * ifw:record FEATURE DIR                        records what the feature's front end shows
 * ifw:record stop FEATURE
 * ifw:replay FEATURE DIR [SPEED]                replays a recording through the feature's simulator
 * ifw:replay stop FEATURE
 * </pre>
 */
// Immediate: the shell gets and releases the service around each command, and a delayed
// component would be a new instance each time, losing its recordings and replays.
@Component(service = JournalCommands.class, immediate = true)
@ShellCommand(function = {"journal", "record", "replay"})
public final class JournalCommands {

    private final List<JournalEndpoint> journals = new CopyOnWriteArrayList<>();
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    @Reference
    private Recorder recorder;

    @Reference
    private FeatureRegistry registry;

    private static final String OTHER_ARGUMENTS = "any other arguments: says what the command takes, with an example";
    private static final String FEATURE_HELP = "FEATURE: a feature id or its short name, e.g. ClimateControl";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addJournal(JournalEndpoint journal) {
        journals.add(journal);
    }

    void removeJournal(JournalEndpoint journal) {
        journals.remove(journal);
    }

    @Descriptor("shows this container's journals (directory, sequence, what each feature journaled), recordings and replays. "
            + "Example: ifw:journal")
    public String journal() {
        StringBuilder text = new StringBuilder();
        if (journals.isEmpty()) {
            text.append("no journals (configure io.ifw.journal)\n");
        }
        journals.stream().map(JournalEndpoint::report).sorted().forEach(text::append);
        recordings.values().forEach(r -> text.append("recording ").append(r.featureId()).append(": ").append(r.values()).append(" values\n"));
        replays.values().forEach(r -> text.append("replaying ").append(r.featureId()).append(": ").append(r.replayed()).append(" of ")
                .append(r.total()).append(" values\n"));
        return text.toString().stripTrailing();
    }

    @Descriptor("reads a journal or recording directory as 'bin/ifw journal' does: print its changes, follow what is written "
            + "(for 5 seconds unless --seconds S), or stats. Example: ifw:journal print data/journal --feature ClimateControl")
    public String journal(@Descriptor("COMMAND: print, follow or stats") String command,
                          @Descriptor("DIRECTORY: the journal's or recording's directory, e.g. data/journal") String directory,
                          @Descriptor("OPTION...: as 'bin/ifw journal --help' lists them, e.g. --feature ID, --json") String... options)
            throws InterruptedException {
        return CommandFailures.run(() -> runTool(command, directory, options));
    }

    /** {@code ifw:journal} with one argument. */
    @Descriptor(OTHER_ARGUMENTS)
    public String journal(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:journal [print|follow|stats DIRECTORY [OPTION...]]", "ifw:journal stats data/journal", arguments);
    }

    private String runTool(String command, String directory, String... options) {
        List<String> args = new ArrayList<>(List.of(command, directory));
        args.addAll(List.of(options));
        if (command.equals("follow") && !args.contains("--seconds")) {
            args.addAll(List.of("--seconds", "5"));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
            exit = new JournalTool(out, err).run(args.toArray(String[]::new), () -> !Thread.currentThread().isInterrupted());
        }
        String problems = errors.toString(StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new IllegalArgumentException(problems);
        }
        return (output.toString(StandardCharsets.UTF_8) + problems).stripTrailing();
    }

    @Descriptor("records what a feature's front end shows into a directory of Chronicle files, until 'ifw:record stop FEATURE'. "
            + "Example: ifw:record ClimateControl /tmp/climate-rec")
    public String record(@Descriptor(FEATURE_HELP + ", or stop") String feature,
                         @Descriptor("DIRECTORY: where to record, or the feature to stop recording") String directory)
            throws InterruptedException {
        return CommandFailures.run(() -> feature.equals("stop") ? startOrStopRecording(feature, ShellNames.featureId(directory, registry))
                : startOrStopRecording(ShellNames.featureId(feature, registry), directory));
    }

    /** {@code ifw:record} with a wrong number of arguments. */
    @Descriptor(OTHER_ARGUMENTS)
    public String record(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:record FEATURE|stop DIRECTORY", "ifw:record io.ifw.vehicle.ClimateControl /tmp/climate-rec",
                arguments);
    }

    private String startOrStopRecording(String featureId, String directory) {
        if (featureId.equals("stop")) {
            Recording recording = recordings.remove(directory);
            if (recording == null) {
                throw new IllegalArgumentException("no recording of '" + directory + "' (recording: " + recordings.keySet() + ")");
            }
            recording.close();
            return "recorded " + recording.values() + " values of " + directory;
        }
        if (recordings.containsKey(featureId)) {
            throw new IllegalArgumentException(featureId + " is being recorded already");
        }
        Recording recording = recorder.record(featureId, Path.of(directory));
        recordings.put(featureId, recording);
        return "recording " + featureId + " into " + Path.of(directory).toAbsolutePath() + " (" + recording.values() + " values now)";
    }

    @Descriptor("replays a recording through the feature's simulator at its recorded pace, or stops a replay "
            + "(ifw:replay stop FEATURE). Example: ifw:replay ClimateControl /tmp/climate-rec")
    public String replay(@Descriptor(FEATURE_HELP + ", or stop") String feature,
                         @Descriptor("DIRECTORY: the recording, or the feature to stop replaying") String directory)
            throws InterruptedException {
        return CommandFailures.run(() -> feature.equals("stop") ? stopReplay(ShellNames.featureId(directory, registry))
                : startReplay(ShellNames.featureId(feature, registry), directory, "1"));
    }

    @Descriptor("replays a recording through the feature's simulator SPEED times as fast as recorded. "
            + "Example: ifw:replay ClimateControl /tmp/climate-rec 2")
    public String replay(@Descriptor(FEATURE_HELP) String feature,
                         @Descriptor("DIRECTORY: the recording") String directory,
                         @Descriptor("SPEED: how many times faster than recorded, e.g. 2 or 0.5") String speed) throws InterruptedException {
        return CommandFailures.run(() -> startReplay(ShellNames.featureId(feature, registry), directory, speed));
    }

    /** {@code ifw:replay} with a wrong number of arguments. */
    @Descriptor(OTHER_ARGUMENTS)
    public String replay(Object... arguments) {
        throw CommandFailures.wrongArguments("ifw:replay FEATURE|stop DIRECTORY [SPEED]", "ifw:replay io.ifw.vehicle.ClimateControl /tmp/climate-rec 2",
                arguments);
    }

    private String stopReplay(String directory) {
        Replay replay = replays.remove(directory);
        if (replay == null) {
            throw new IllegalArgumentException("no replay of '" + directory + "' (replaying: " + replays.keySet() + ")");
        }
        replay.close();
        return "stopped the replay of " + directory + " after " + replay.replayed() + " of " + replay.total() + " values";
    }

    private String startReplay(String featureId, String directory, String speed) {
        double factor;
        try {
            factor = Double.parseDouble(speed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed '" + speed + "' is not a number");
        }
        if (!Double.isFinite(factor) || factor <= 0) {
            throw new IllegalArgumentException("speed '" + speed + "' is not a positive finite number");
        }
        Replay previous = replays.remove(featureId);
        if (previous != null) {
            previous.close();
        }
        Replay replay = recorder.replay(featureId, Path.of(directory), factor);
        replays.put(featureId, replay);
        replay.done().onResolve(() -> replays.remove(featureId, replay));
        return "replaying " + replay.total() + " values of " + featureId + " through its simulator at " + factor
                + "x (bind it with 'ifw:use " + featureId + " simulator')";
    }
}
