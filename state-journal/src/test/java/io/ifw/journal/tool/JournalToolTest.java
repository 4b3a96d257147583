package io.ifw.journal.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.spi.AbstractBackend;
import io.ifw.journal.internal.BackendStream;
import io.ifw.journal.internal.JournalAppender;
import io.ifw.journal.internal.JournalWriter;
import io.ifw.journal.internal.Queues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal tool as a user runs it, on a journal written by a backend stream. */
class JournalToolTest {

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Radio")
    public interface Radio extends io.ifw.core.Feature {
        enum Band { AM, FM }

        enum Flag { STEREO, RDS }

        record Station(String name, int frequency, Band band) {
        }

        io.ifw.core.Property<Station> station();

        io.ifw.core.Property<Set<Flag>> flags();

        io.ifw.core.Property<List<Integer>> presets();

        io.ifw.core.Property<Boolean> muted();
    }

    public static final class RadioBackend extends AbstractBackend<Radio> {
        public RadioBackend() {
            super(Radio.class);
            update(Radio::station, new Radio.Station("FM4", 97800, Radio.Band.FM));
            update(Radio::flags, Set.of(Radio.Flag.STEREO));
            update(Radio::presets, List.of(97800, 101300));
        }

        void tune(String name, int frequency) {
            update(Radio::station, new Radio.Station(name, frequency, Radio.Band.FM));
            update(Radio::muted, true);
        }
    }

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private int run(String... args) {
        return new JournalTool(new PrintStream(output, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8))
                .run(args, () -> true);
    }

    private Path journal() {
        Path directory = folder.resolve("journal");
        try (JournalWriter writer = new JournalWriter(directory, Queues.rollCycle("FAST_DAILY"), 0);
             JournalAppender appender = new JournalAppender("test")) {
            RadioBackend backend = new RadioBackend();
            appender.attach(new BackendStream(writer, "io.ifw.test.Radio", "radio-local", RadioBackend.class.getName(), "production",
                    FeatureModel.of(Radio.class), 1000), backend.changeLog());
            backend.tune("Oe1", 92000);
        }
        return directory;
    }

    @Test
    void shouldPrintEveryRecordWithItsValueAsText() {
        Path directory = journal();

        assertThat(run("print", directory.toString())).isZero();

        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).contains(" #1 ").endsWith("io.ifw.test.Radio radio-local SNAPSHOT_BEGIN backend "
                + RadioBackend.class.getName() + " (production)");
        assertThat(lines).anyMatch(line -> line.endsWith("VALUE flags = [STEREO]"))
                .anyMatch(line -> line.endsWith("VALUE presets = [97800, 101300]"))
                .anyMatch(line -> line.endsWith("VALUE station = Station{name=\"FM4\", frequency=97800, band=FM}"))
                .anyMatch(line -> line.endsWith("VALUE station = Station{name=\"Oe1\", frequency=92000, band=FM}"))
                .anyMatch(line -> line.endsWith("VALUE muted = true"));
        assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldCountByFeatureAndType() {
        Path directory = journal();

        assertThat(run("stats", directory.toString())).isZero();

        assertThat(output.toString(StandardCharsets.UTF_8)).contains("journal " + directory + ": 8 records in 1 files")
                .contains("sequences 1 to 8").contains("io.ifw.test.Radio radio-local: 5 values, 1 zone lists, 0 attributes, "
                        + "0 availabilities, 0 errors, 1 snapshots");
    }

    @Test
    void shouldStopAtMaxAndFilterByFeature() {
        Path directory = journal();

        assertThat(run("print", directory.toString(), "--max", "2", "--feature", "io.ifw.test.Radio")).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
        output.reset();
        assertThat(run("print", directory.toString(), "--feature", "io.ifw.test.None")).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldNameWhatIsWrongWithTheCommandLine() {
        assertThat(run("show", "x")).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("ifw journal: unknown command 'show'").contains("Usage: ifw journal print");
        errors.reset();
        assertThat(run("print", folder.resolve("none").toString())).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).isEqualTo("ifw journal: there is no journal directory " + folder.resolve("none") + "\n");
        errors.reset();
        assertThat(run("print", journal().toString(), "--max", "many")).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).startsWith("ifw journal: option '--max' needs a number, not 'many'");
    }
}
