package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class ShellCompleterTest {

    private final List<String> asked = new ArrayList<>();
    private final ShellCompleter completer = new ShellCompleter(() -> List.of("felix:lb", "ifw:features", "ifw:get", "ifw:set"),
            (command, words) -> {
                asked.add(command + " " + words);
                return words.get(words.size() - 1).startsWith("Clim") ? List.of("ClimateControl") : List.of("ClimateControl@Rear", "targetTemperature");
            });

    @Test
    void shouldCompleteTheFirstWordFromTheShellsCommands() {
        assertThat(complete("ifw:")).extracting(Candidate::value).containsExactly("ifw:features", "ifw:get", "ifw:set");
        assertThat(complete("fe")).extracting(Candidate::value).containsExactly("felix:lb");
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldAskIfwCompleteForTheArgumentsWithTheWordsTypedSoFar() {
        assertThat(complete("ifw:get --json Clim")).extracting(Candidate::value).containsExactly("ClimateControl");
        assertThat(complete("ifw:set ClimateControl@Rear ")).hasSize(2);
        assertThat(asked).containsExactly("ifw:get [--json, Clim]", "ifw:set [ClimateControl@Rear, ]");
    }

    @Test
    void shouldLeaveNoSpaceAfterAFeatureSoThatItsZoneCanFollow() {
        List<Candidate> feature = complete("ifw:get Clim");
        assertThat(feature).singleElement().extracting(Candidate::complete).isEqualTo(false);

        List<Candidate> afterFeature = complete("ifw:get ClimateControl ");
        assertThat(afterFeature).extracting(Candidate::value).containsExactly("ClimateControl@Rear", "targetTemperature");
        assertThat(afterFeature).allMatch(Candidate::complete, "a space after a member");
    }

    @Test
    void shouldOfferNothingForOtherCommandsOrAWordWithAQuoteInIt() {
        assertThat(complete("felix:lb ")).isEmpty();
        assertThat(complete("ifw:get \"Cl'im")).isEmpty(); // it could not be passed on to ifw:complete in quotes
        assertThat(asked).isEmpty();
    }

    private List<Candidate> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);
        return candidates;
    }
}
