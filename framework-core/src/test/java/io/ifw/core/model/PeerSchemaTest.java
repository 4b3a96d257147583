package io.ifw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.testing.Cabin;
import io.ifw.core.testing.Jukebox;
import io.ifw.core.testing.Lamp;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerSchemaTest {

    @Test
    void shouldReadEveryMemberOfAModelWithEveryKindOfType() {
        FeatureModel cabin = FeatureModel.of(Cabin.class);

        PeerSchema schema = PeerSchema.parse(cabin.schemaText());

        assertThat(schema.featureId()).isEqualTo("io.ifw.test.Cabin");
        assertThat(schema.members()).extracting(PeerSchema.PeerMember::name)
                .containsExactlyElementsOf(cabin.members().stream().map(Member::name).toList());
        for (Member member : cabin.members()) {
            PeerSchema.PeerMember peer = schema.member(member.name());
            assertThat(peer.index()).isEqualTo(member.index());
            assertThat(peer.signature()).isEqualTo(member.signature());
        }
        assertThat(cabin.compareWith(schema, Set.of()).summary()).isEqualTo("identical");
    }

    @Test
    void shouldGiveTheSameReportFromTheTextAsFromThePeersClasses() {
        List<Class<?>> lamps = List.of(Lamp.class, Evolution.LampSameShape.class, Evolution.LampWithColor.class,
                Evolution.LampBrightnessDouble.class);
        for (Class<?> here : lamps) {
            for (Class<?> there : lamps) {
                FeatureModel own = FeatureModel.of(here);
                FeatureModel peer = FeatureModel.of(there);
                assertThat(own.compareWith(PeerSchema.parse(peer.schemaText()), Set.of("color")))
                        .as(here.getSimpleName() + " with " + there.getSimpleName())
                        .isEqualTo(own.compareWith(peer, Set.of("color")));
            }
        }
    }

    @Test
    void shouldMatchRecordsByFieldNameAndEnumsByName() {
        FeatureModel v1 = FeatureModel.of(Evolution.Radio1.class);

        assertThat(v1.compareWith(PeerSchema.parse(FeatureModel.of(Evolution.Radio2.class).schemaText()), Set.of()).compatible())
                .isTrue();
        assertThat(v1.compareWith(PeerSchema.parse(FeatureModel.of(Evolution.Radio3.class).schemaText()), Set.of()).conflicts())
                .containsExactly("station: property station:Station{name:string,frequency:int} here, "
                        + "property station:Station{name:string,frequency:double} there");
    }

    @Test
    void shouldReadPagingModelsAndOperationsWithParameters() {
        PeerSchema jukebox = PeerSchema.of(FeatureModel.of(Jukebox.class));

        assertThat(jukebox.member("library").kind()).isEqualTo(PeerSchema.Kind.MODEL);
        assertThat(jukebox.member("library").types().get(0).kind()).isEqualTo("model");
        assertThat(jukebox.member("library").types().get(0).fields().get("").fields()).containsOnlyKeys("title", "artist", "year");

        PeerSchema.PeerMember blink = PeerSchema.of(FeatureModel.of(Lamp.class)).member("blink");
        assertThat(blink.kind()).isEqualTo(PeerSchema.Kind.OPERATION);
        assertThat(blink.types()).extracting(PeerSchema.TypeShape::name).containsExactly("int", "int");
    }

    @Test
    void shouldNameTheLineAndTheProblemOfABadText() {
        assertThatThrownBy(() -> PeerSchema.parse("property x:int\n"))
                .hasMessage("schema line 1 'property x:int' does not start with 'feature ID'");
        assertThatThrownBy(() -> PeerSchema.parse("feature a.B\nproperty x:list<int\n"))
                .hasMessageStartingWith("schema line 2 'property x:list<int': ends early");
        assertThatThrownBy(() -> PeerSchema.parse("feature a.B\nwidget x:int\n"))
                .hasMessage("schema line 2 'widget x:int': unknown member kind 'widget'");
        assertThatThrownBy(() -> PeerSchema.parse("feature a.B\nproperty x:int junk\n"))
                .hasMessage("schema line 2 'property x:int junk': unexpected ' junk'");
        assertThatThrownBy(() -> PeerSchema.parse("feature a.B\noperation go(a:int:void\n"))
                .hasMessage("schema line 2 'operation go(a:int:void': expected ')' at column 19, found ':'");
    }
}
