package io.ifw.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A broken conformance file fails its test with a message naming the file and the place, not a NullPointerException. */
class ConformanceFileTest {

    private static ConformanceFile parse(String text) throws Exception {
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            return ConformanceFile.parse("cases.json", in);
        }
    }

    @Test
    void shouldNameTheFileAndPlaceOfATruncatedFile() {
        assertThatThrownBy(() -> parse("{\"valid\": [\n {\"query\": \"a=1\", \"canon"))
                .isInstanceOf(ConformanceFile.BrokenConformanceFile.class)
                .hasMessageStartingWith("conformance file cases.json is not valid JSON at line 2, column ");
    }

    @Test
    void shouldNameTheFileOfACorruptedOrEmptyFile() {
        assertThatThrownBy(() -> parse("{\"valid\": [} garbage"))
                .hasMessageStartingWith("conformance file cases.json is not valid JSON at line 1, column 12");
        assertThatThrownBy(() -> parse("")).hasMessage("conformance file cases.json is empty or not a JSON object");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("conformance file cases.json is empty or not a JSON object");
    }

    @Test
    void shouldNameTheMissingArrayAndATruncatedOne() throws Exception {
        ConformanceFile file = parse("{\"valid\": [{\"query\": \"a=1\"}]}");

        assertThatThrownBy(() -> file.entries("invalid", 1)).hasMessage("conformance file cases.json has no array 'invalid'");
        assertThatThrownBy(() -> file.entries("valid", 60))
                .hasMessage("conformance file cases.json has 1 entries in 'valid', fewer than the 60 the test expects (truncated?)");
    }

    @Test
    void shouldNameTheEntryAndTheKeyThatIsMissingOrOfTheWrongType() throws Exception {
        ConformanceFile file = parse("{\"valid\": [{\"query\": \"a=1\", \"column\": \"7\"}, 5]}");

        assertThatThrownBy(() -> file.entries("valid", 1)).hasMessage("conformance file cases.json valid[1] is not an object");
        ConformanceFile.Entry entry = parse("{\"valid\": [{\"query\": \"a=1\", \"column\": \"7\"}]}").entries("valid", 1).get(0);
        assertThat(entry.text("query")).isEqualTo("a=1");
        assertThatThrownBy(() -> entry.text("canonical")).hasMessage("conformance file cases.json valid[0] has no 'canonical'");
        assertThatThrownBy(() -> entry.number("column")).hasMessage("conformance file cases.json valid[0] 'column' is not a whole number");
        assertThatThrownBy(() -> entry.flag("query")).hasMessage("conformance file cases.json valid[0] 'query' is not true or false");
    }

    @Test
    void shouldNameAFileThatIsNotInTheTestResources() {
        assertThatThrownBy(() -> ConformanceFile.load("no-such-cases.json"))
                .hasMessage("conformance file no-such-cases.json is missing from the test resources (conformance/no-such-cases.json)");
    }
}
