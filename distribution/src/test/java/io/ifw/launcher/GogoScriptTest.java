package io.ifw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GogoScriptTest {

    @Test
    void shouldSplitOnSemicolonsAndNewLines() {
        assertThat(GogoScript.split("lb; scr:list\nifw:features")).containsExactly("lb", "scr:list", "ifw:features");
    }

    @Test
    void shouldKeepSemicolonsInsideQuotesAndBrackets() {
        assertThat(GogoScript.split("echo 'a;b'; each [1 2] { echo $it; echo x }; echo \"c\\\";d\""))
                .containsExactly("echo 'a;b'", "each [1 2] { echo $it; echo x }", "echo \"c\\\";d\"");
    }

    @Test
    void shouldSkipBlankLinesAndComments() {
        assertThat(GogoScript.split("# start\n\n  lb  \n   # done\n;;")).containsExactly("lb");
    }
}
