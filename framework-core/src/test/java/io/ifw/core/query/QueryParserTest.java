package io.ifw.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.testing.ConformanceFile;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The query language against the project's conformance cases (Qt's grammar and canonical form), and its error messages. */
class QueryParserTest {

    private static final ConformanceFile CASES = ConformanceFile.load("query-language.json");

    @TestFactory
    Stream<DynamicTest> shouldParseEveryValidQueryToItsCanonicalForm() {
        return CASES.entries("valid", 60).stream().map(entry -> DynamicTest.dynamicTest(entry.text("query"), () ->
                assertThat(Query.parse(entry.text("query")).toString()).as(entry.toString()).isEqualTo(entry.text("canonical"))));
    }

    @TestFactory
    Stream<DynamicTest> shouldRefuseEveryInvalidQueryAtItsColumnWithItsMessage() {
        return CASES.entries("invalid", 25).stream().map(entry -> DynamicTest.dynamicTest(entry.text("query"), () ->
                assertThatThrownBy(() -> Query.parse(entry.text("query"))).as(entry.toString()).isInstanceOf(QueryException.class)
                        .hasMessageStartingWith(entry.text("message") + " at column " + entry.number("column") + " in query ")
                        .satisfies(e -> assertThat(((QueryException) e).column()).isEqualTo(entry.number("column")))));
    }

    @TestFactory
    Stream<DynamicTest> shouldCheckFieldsAgainstTheAllowedOnes() {
        return CASES.entries("fields", 10).stream().map(entry -> DynamicTest.dynamicTest(entry.text("query"), () -> {
            Set<String> fields = new TreeSet<>(entry.texts("fields"));
            if (entry.flag("accepted")) {
                assertThat(Query.parse(entry.text("query"), fields).toString()).isEqualTo(Query.parse(entry.text("query")).toString());
            } else {
                assertThatThrownBy(() -> Query.parse(entry.text("query"), fields)).as(entry.toString())
                        .isInstanceOf(QueryException.class)
                        .hasMessageContaining("unknown field '" + entry.text("unknown") + "' (fields: " + String.join(", ", fields) + ")");
            }
        }));
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
