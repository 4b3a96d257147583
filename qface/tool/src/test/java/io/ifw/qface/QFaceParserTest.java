package io.ifw.qface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.qface.QFaceAst.Document;
import io.ifw.qface.QFaceAst.Member;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The QFace grammar: every construct read as written, and syntax errors with their place. */
class QFaceParserTest {

    @Test
    void shouldReadEveryConstructOfTheSampleModule() throws Exception {
        Document document = QFaceParser.parse(Path.of("org.ifw.sample.qface"), GeneratedFeatures.resource("org.ifw.sample.qface"));

        assertThat(document.module().name()).isEqualTo("org.ifw.sample");
        assertThat(document.module().version()).isEqualTo("2.1");
        assertThat(document.module().decoration().doc()).contains("\\brief The sample module.");
        assertThat(document.module().decoration().tags()).isEqualTo(Map.of("config", Map.of("qml_name", "Sample")));
        assertThat(document.imports()).singleElement().satisfies(i -> {
            assertThat(i.module()).isEqualTo("org.ifw.common");
            assertThat(i.version()).isEqualTo("1.2");
        });
        assertThat(document.interfaces()).extracting(QFaceAst.InterfaceDef::name).containsExactly("Cabin", "Base");
        QFaceAst.InterfaceDef cabin = document.interfaces().get(0);
        assertThat(cabin.extendsName()).isEqualTo("Base");
        assertThat(cabin.decoration().tags()).isEqualTo(Map.of("config", Map.of("zoned", true, "id", "org.ifw.sample.Cabin/2")));
        assertThat(cabin.position()).hasToString("org.ifw.sample.qface:16:1");

        Member target = member(cabin, "targetTemperature");
        assertThat(target.kind()).isEqualTo(Member.Kind.PROPERTY);
        assertThat(target.type()).hasToString("real");
        assertThat(target.decoration().doc()).contains("The temperature asked for");
        assertThat(target.decoration().tags()).isEqualTo(Map.of("config_simulator", Map.of("range", java.util.List.of(16, 30))));
        assertThat(member(cabin, "measuredTemperature").readOnly()).isTrue();
        assertThat(member(cabin, "serialNumber").readOnly()).as("const is read-only").isTrue();
        assertThat(member(cabin, "seatHeater").defaultText()).isEqualTo("1");
        assertThat(member(cabin, "trips").type()).hasToString("list<Trip>");
        assertThat(member(cabin, "tripLog").type()).hasToString("model<Trip>");
        assertThat(member(cabin, "position").type()).hasToString("org.ifw.common.GeoPosition");

        Member synchronize = member(cabin, "synchronize");
        assertThat(synchronize.kind()).isEqualTo(Member.Kind.OPERATION);
        assertThat(synchronize.type()).hasToString("bool");
        assertThat(synchronize.parameters()).extracting(p -> p.type() + " " + p.name()).containsExactly("real temperature", "list<Vents> vents");
        assertThat(member(cabin, "reset").type()).hasToString("void");
        Member warning = member(cabin, "warning");
        assertThat(warning.kind()).isEqualTo(Member.Kind.SIGNAL);
        assertThat(warning.parameters()).extracting(QFaceAst.Parameter::name).containsExactly("code", "level", "mode");
        assertThat(warning.decoration().tags()).containsKey("config");

        QFaceAst.EnumDef mode = document.enums().get(0);
        assertThat(mode.flag()).isFalse();
        assertThat(mode.members()).extracting(QFaceAst.EnumMember::value).containsExactly(0L, 1L, 2L);
        assertThat(mode.members().get(1).decoration().tags()).isEqualTo(Map.of("config", Map.of("qml_name", "On")));
        assertThat(mode.members().get(0).decoration().doc()).isEqualTo("/** Off. */");
        assertThat(document.enums().get(1).flag()).isTrue();
        QFaceAst.StructDef trip = document.structs().get(0);
        assertThat(trip.fields()).extracting(f -> f.type() + " " + f.name())
                .containsExactly("string driver", "real distanceKm", "Stop last", "list<Stop> stops");
        assertThat(trip.fields().get(1).decoration().tags()).isEqualTo(Map.of("config", Map.of("qml_name", "km")));
    }

    private static Member member(QFaceAst.InterfaceDef def, String name) {
        return def.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            interface A {}                                   | bad.qface:1:1: expected 'module' and the module's name (a QFace document starts with it), found 'interface'
            module a                                         | bad.qface:1:9: expected the module's version (e.g. 1.0), found the end of the file
            module a 1.0\\ninterface A { int x; \\n          | bad.qface:3:1: expected '}' to close interface A, found the end of the file
            module a 1.0\\ninterface A { int 5x; }           | bad.qface:2:19: expected the member's name after its type int, found '5x'
            module a 1.0\\nstruct S { int x; void f(); }     | bad.qface:2:25: a struct has fields only, not operations ('f(' in struct S)
            module a 1.0\\nenum E { A = B }                  | bad.qface:2:14: expected a whole number (e.g. 1 or 0x4) for A, found 'B'
            module a 1.0\\nfoo A {}                          | bad.qface:2:1: expected 'interface', 'struct', 'enum' or 'flag', found 'foo'
            module a 1.0\\ninterface A { list<int x; }       | bad.qface:2:24: expected '>' to close list<int, found 'x'
            module a 1.0\\ninterface A { int x = 5; }        | bad.qface:2:23: expected a default value in quotes (e.g. = "100"), found '5'
            module a 1.0\\ninterface A { string s = "open; } | bad.qface:2:26: a string that is never closed (expected ")
            module a 1.0\\n/* open comment                   | bad.qface:2:1: a comment that is never closed (expected '*/')
            module a 1.0\\ninterface A { int x# }            | bad.qface:2:20: unexpected character '#'
            module a 1.0\\ninterface A { readonly void f(); } | bad.qface:2:15: an operation cannot be 'readonly' or 'const' (write 'const' after its parameters)
            module a 1.0\\ninterface A.B { }                 | bad.qface:2:11: expected the name of an interface, which has no '.', found 'A.B'
            module a 1.0\\n@config: { zoned: true\\ninterface A {} | bad.qface:2:23: the tag @config is no valid YAML: expected ',' or '}', but got <stream end>
            """)
    void shouldNameThePlaceAndWhatWasExpectedForASyntaxError(String text, String expected) {
        assertThatThrownBy(() -> QFaceParser.parse(Path.of("bad.qface"), text.replace("\\n", "\n")))
                .isInstanceOf(QFaceException.class)
                .hasMessage(expected.strip());
    }
}
