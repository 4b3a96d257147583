package io.ifw.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.model.RecordType;
import io.ifw.core.testing.ConformanceFile;
import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.ModelMember;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryFilterTest {

    enum Genre { ROCK, JAZZ }

    record Track(String title, String artist, int year, double rating, Genre genre) {
    }

    private static final RecordType TRACK = (RecordType) ((ModelMember) FeatureModel.of(Library.class).member("tracks")).type().item();

    @io.ifw.core.annotations.Feature(id = "io.ifw.test.Library")
    interface Library extends io.ifw.core.Feature {
        io.ifw.core.PagingModel<Track> tracks();
    }

    private final List<Track> tracks = List.of(
            new Track("Bohemian Rhapsody", "Queen", 1975, 4.9, Genre.ROCK),
            new Track("So What", "Miles Davis", 1959, 4.8, Genre.JAZZ),
            new Track("Radio Ga Ga", "Queen", 1984, 3.9, Genre.ROCK),
            new Track("Take Five", "Dave Brubeck", 1959, 4.7, Genre.JAZZ));

    @Test
    void shouldFilterWithComparisonsConjunctionsAndNegation() {
        assertThat(titles("artist='Queen' & year<1980")).containsExactly("Bohemian Rhapsody");
        assertThat(titles("year=1959 | rating>=4.9")).containsExactly("Bohemian Rhapsody", "So What", "Take Five");
        assertThat(titles("!(genre='JAZZ')")).containsExactly("Bohemian Rhapsody", "Radio Ga Ga");
        assertThat(titles("artist~='QUEEN'")).containsExactly("Bohemian Rhapsody", "Radio Ga Ga");
        assertThat(titles("title='*a*a*' & artist!='Miles*'")).containsExactly("Bohemian Rhapsody", "Radio Ga Ga");
        assertThat(titles("1960>year")).containsExactly("So What", "Take Five");
    }

    @Test
    void shouldSortBySortClausesInOrder() {
        QueryFilter filter = QueryFilter.compile(Query.parse("[\\year][/title]"), TRACK);

        assertThat(tracks.stream().sorted(filter.order()).map(Track::title))
                .containsExactly("Radio Ga Ga", "Bohemian Rhapsody", "So What", "Take Five");
    }

    @Test
    void shouldRefuseFieldsTheRecordDoesNotHaveAndComparisonsItsTypesCannotMake() {
        assertThatThrownBy(() -> QueryFilter.compile(Query.parse("album='x'"), TRACK))
                .hasMessageStartingWith("unknown field 'album' (fields: artist, genre, rating, title, year)");
        assertThatThrownBy(() -> QueryFilter.compile(Query.parse("year='old'"), TRACK))
                .hasMessageStartingWith("the field 'year' is int, which '=' cannot compare with the string 'old'");
        assertThatThrownBy(() -> QueryFilter.compile(Query.parse("title>5"), TRACK))
                .hasMessageStartingWith("the field 'title' is string, which '>' cannot compare with 5");
    }

    @Test
    void shouldRoundTripEveryConformanceQueryThroughTheBinaryForm() {
        for (ConformanceFile.Entry entry : ConformanceFile.load("query-language.json").entries("valid", 60)) {
            Query query = Query.parse(entry.text("query"));
            assertThat(QueryCodec.decode(QueryCodec.encode(query))).isEqualTo(query);
        }
        Query sorted = Query.parse("a='x' [/b][\\c]");
        assertThat(QueryCodec.decode(QueryCodec.encode(sorted))).isEqualTo(sorted);
    }

    @Test
    void shouldKeepEveryOperatorsBinaryCodeWhateverItsPlaceInTheEnum() {
        java.util.Map<Operator, Integer> codes = java.util.Map.of(Operator.EQUALS, 0, Operator.NOT_EQUALS, 1,
                Operator.EQUALS_IGNORE_CASE, 2, Operator.LESS, 3, Operator.LESS_OR_EQUAL, 4, Operator.GREATER, 5,
                Operator.GREATER_OR_EQUAL, 6);
        assertThat(codes).hasSize(Operator.values().length);
        codes.forEach((operator, code) -> {
            assertThat(QueryCodec.code(operator)).as(operator.name()).isEqualTo(code);
            assertThat(QueryCodec.operator(code)).isEqualTo(operator);
        });
        assertThatThrownBy(() -> QueryCodec.operator(7)).hasMessageStartingWith("malformed binary query: operator 7");
    }

    @Test
    void shouldRefuseMalformedBinaryQueriesWithoutOtherFailures() {
        byte[] valid = QueryCodec.encode(Query.parse("(a='x' | !b>3) & c~='y' [/d]"));
        assertThatThrownBy(() -> QueryCodec.decode(new byte[] {9})).hasMessageStartingWith("malformed binary query: version 9");
        assertThatThrownBy(() -> QueryCodec.decode(java.util.Arrays.copyOf(valid, valid.length - 3)))
                .hasMessageStartingWith("malformed binary query: truncated");
        byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> QueryCodec.decode(longer)).hasMessageStartingWith("malformed binary query: 1 bytes after the end");
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                QueryCodec.decode(mutated);
            } catch (QueryException expected) {
                assertThat(expected.getMessage()).startsWith("malformed binary query: ");
            }
        }
    }

    private List<String> titles(String query) {
        QueryFilter filter = QueryFilter.compile(Query.parse(query, java.util.Set.of("title", "artist", "year", "rating", "genre")), TRACK);
        return tracks.stream().filter(filter::matches).map(Track::title).toList();
    }
}
