package io.ifw.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifw.core.testing.QtFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The query language against the cases Qt's own parser is tested with, and its error messages. */
class QueryParserTest {

    private static final JsonNode VECTORS = QtFixtures.json("queryparser_vectors.json");

    /**
     * Valid queries parse and print their canonical form. An expected value of "FLOAT" alone
     * stands where Qt's row gave an empty representation, i.e. the query is already canonical;
     * one starting with '~' is a regular expression in which FLOAT is the vectors' float pattern.
     */
    @TestFactory
    Stream<DynamicTest> shouldParseEveryValidQtQueryToItsCanonicalForm() {
        String floatPattern = VECTORS.get("floatRegExp").asText();
        assertThat(floatPattern).isEqualTo("[0-9]*([eE][-+]?[0-9]+)?");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : VECTORS.get("valid")) {
            String query = vector.get("query").asText();
            String expected = vector.get("expected").asText();
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText() + ": " + query, () -> {
                String canonical = Query.parse(query).toString();
                if (expected.isEmpty() || expected.equals("FLOAT")) {
                    assertThat(canonical).isEqualTo(query);
                } else if (expected.startsWith("~")) {
                    String regex = expected.substring(1).replace("FLOAT", floatPattern);
                    assertThat(canonical).matches(regex);
                } else {
                    assertThat(canonical).isEqualTo(expected);
                }
            }));
        }
        assertThat(tests).hasSize(65);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldRejectEveryInvalidQtQuery() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : VECTORS.get("invalid")) {
            String query = vector.get("query").asText();
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText() + ": " + query, () ->
                    assertThatThrownBy(() -> Query.parse(query)).isInstanceOf(QueryException.class)
                            .satisfies(e -> assertThat(e.getMessage()).isNotBlank().contains("in query")
                                    .satisfies(m -> assertThat(((QueryException) e).column()).isPositive()))));
        }
        assertThat(tests).hasSize(11);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> shouldCheckIdentifiersAgainstTheAllowedFields() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : VECTORS.get("identifiers")) {
            String query = vector.get("query").asText();
            Set<String> fields = Set.of(vector.get("allowedIdentifier").asText());
            tests.add(DynamicTest.dynamicTest("allowed " + query, () -> assertThat(Query.parse(query, fields).filter()).isNotNull()));
        }
        for (JsonNode vector : VECTORS.get("invalidIdentifiers")) {
            String query = vector.get("query").asText();
            String field = vector.get("allowedIdentifier").asText();
            tests.add(DynamicTest.dynamicTest("refused " + query, () ->
                    assertThatThrownBy(() -> Query.parse(query, Set.of(field))).isInstanceOf(QueryException.class)
                            .hasMessageContaining("unknown field").hasMessageContaining("(fields: " + field + ")")));
        }
        assertThat(tests).hasSize(8);
        return tests.stream();
    }

    @Test
    void shouldSayWhereAndWhatWasExpected() {
        assertError("blubb=\"foo'", "the string starting with \" is not closed with \" at column 7 in query \"blubb=\"foo'\"");
        assertError("blubb~=5", "'~=' compares strings, not the number 5 at column 8");
        assertError("blubb>='foo'", "'>=' compares numbers, not the string 'foo' at column 8");
        assertError("blubb==foo", "'blubb==foo' compares two fields; one side must be a value (put strings in quotes) at column 1");
        assertError("blubb=5,1", "unexpected ',' after the number 5 at column 8");
        assertError("blubb==5.0ee1", "expected the digits of an exponent at column 12");
        assertError("((blubb=5)", "expected ')' to close the '(' at column 1, found the end at column 11");
        assertError("blubb=0xG", "expected hexadecimal digits after '0x' at column 9");
        assertError("(blubb=5) || && (foo=\"barl\")", "expected a comparison, '!' or '(', found '&&' at column 14");
        assertError("!(!foo!=5 | bar>3) (x=1)", "expected '&', '|', a sort clause or the end, found '(' at column 20");
        assertError("5=6", "'5=6' compares two values; one side must be a field at column 1");
        assertError("foo=09", "'09' is not a number (a leading 0 makes it octal) at column 5");
        assertError("foo=1 [title]", "expected '/' (ascending) or '\\' (descending) after '[' at column 8");
        assertError("artist", "expected a comparison operator (= == != ~= < <= > >=) after 'artist', found the end at column 7");
    }

    @Test
    void shouldReadSortClausesAfterTheFilterOrAlone() {
        Query query = Query.parse("artist ~= 'queen' & year >= 1975 [/album][\\trackNumber]");

        assertThat(query.order()).containsExactly(new OrderTerm("album", true), new OrderTerm("trackNumber", false));
        assertThat(query.toString()).isEqualTo("artist~=queen & year>=1975 [/album][\\trackNumber]");
        assertThat(Query.parse("[\\year]").filter()).isNull();
        assertThat(Query.parse("  ")).isEqualTo(Query.ALL);
        assertThatThrownBy(() -> Query.parse("[/rating]", Set.of("title"))).hasMessageContaining("unknown field 'rating' (fields: title)");
    }

    @Test
    void shouldBindAndTighterThanOr() {
        QueryTerm term = Query.parse("a=1 | b=2 & c=3").filter();

        assertThat(term).isInstanceOf(QueryTerm.Conjunction.class);
        assertThat(((QueryTerm.Conjunction) term).and()).isFalse();
        assertThat(((QueryTerm.Conjunction) term).right()).isInstanceOf(QueryTerm.Conjunction.class);
    }

    @Test
    void shouldReadNumbersInEveryForm() {
        assertThat(value("x=050")).isEqualTo(40L);
        assertThat(value("x=0x1F")).isEqualTo(31L);
        assertThat(value("x=-7")).isEqualTo(-7L);
        assertThat(value("x=2.5e3")).isEqualTo(2500.0);
        assertThat(value("x='a\\'b'")).isEqualTo("a'b");
    }

    private static Object value(String query) {
        return ((QueryTerm.Comparison) Query.parse(query).filter()).value();
    }

    private static void assertError(String query, String message) {
        assertThatThrownBy(() -> Query.parse(query)).isInstanceOf(QueryException.class).hasMessageStartingWith(message);
    }
}
