package io.ifw.core.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.Feature;
import io.ifw.core.PagingModel;
import io.ifw.core.Property;
import io.ifw.core.Signal;
import io.ifw.core.ZonedFeature;
import io.ifw.core.annotations.Default;
import io.ifw.core.annotations.Range;
import io.ifw.core.annotations.Unsupported;
import io.ifw.core.annotations.Zones;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.util.promise.Promise;

class FeatureModelRejectionTest {

    private static final String PREFIX = FeatureModelRejectionTest.class.getName() + "$";

    interface NoAnnotation extends Feature {
        Property<Integer> level();
    }

    @io.ifw.core.annotations.Feature(id = "x.NotAFeature")
    interface NotAFeature {
        Property<Integer> level();
    }

    @io.ifw.core.annotations.Feature(id = "x.Overloaded")
    interface Overloaded extends Feature {
        Promise<Void> tune(int frequency);

        Promise<Void> tune(String station);
    }

    @io.ifw.core.annotations.Feature(id = "x.MapType")
    interface MapType extends Feature {
        Property<Map<String, Integer>> table();
    }

    @io.ifw.core.annotations.Feature(id = "x.FloatType")
    interface FloatType extends Feature {
        Promise<Void> set(float value);
    }

    @io.ifw.core.annotations.Feature(id = "x.RawProperty")
    @SuppressWarnings("rawtypes")
    interface RawProperty extends Feature {
        Property level();
    }

    @io.ifw.core.annotations.Feature(id = "x.PlainGetter")
    interface PlainGetter extends Feature {
        int level();
    }

    @io.ifw.core.annotations.Feature(id = "x.RangeOnString")
    interface RangeOnString extends Feature {
        @Range(min = 0, max = 1)
        Property<String> name();
    }

    @io.ifw.core.annotations.Feature(id = "x.BadDefault")
    interface BadDefault extends Feature {
        @Default("warm")
        Property<Double> temperature();
    }

    @io.ifw.core.annotations.Feature(id = "x.DefaultOutOfRange")
    interface DefaultOutOfRange extends Feature {
        @Range(min = 16, max = 30)
        @Default("35")
        Property<Double> temperature();
    }

    @io.ifw.core.annotations.Feature(id = "x.UnknownZone")
    @Zones({"Left", "Right"})
    interface UnknownZone extends ZonedFeature<UnknownZone> {
        @Unsupported(zones = "Middle")
        Property<Boolean> heater();
    }

    @io.ifw.core.annotations.Feature(id = "x.ZonesWithoutZoned")
    @Zones({"Left"})
    interface ZonesWithoutZoned extends Feature {
        Property<Boolean> heater();
    }

    @io.ifw.core.annotations.Feature(id = "x.WrongSelf")
    interface WrongSelf extends ZonedFeature<UnknownZone> {
        Property<Boolean> heater();
    }

    @io.ifw.core.annotations.Feature(id = "x.ModelOfInts")
    interface ModelOfInts extends Feature {
        PagingModel<Integer> numbers();
    }

    @io.ifw.core.annotations.Feature(id = "x.SetOfStrings")
    interface SetOfStrings extends Feature {
        Property<Set<String>> tags();
    }

    record Node(String name, Node next) {
    }

    @io.ifw.core.annotations.Feature(id = "x.Recursive")
    interface Recursive extends Feature {
        Property<Node> head();
    }

    @io.ifw.core.annotations.Feature(id = "x.SignalWithParameter")
    interface SignalWithParameter extends Feature {
        Signal<String> alarm(int level);
    }

    @io.ifw.core.annotations.Feature(id = " ")
    interface BlankId extends Feature {
    }

    @Test
    void shouldRejectAnInterfaceWithoutFeatureAnnotation() {
        assertRejected(NoAnnotation.class, "NoAnnotation: has no @Feature annotation");
    }

    @Test
    void shouldRejectAnInterfaceThatDoesNotExtendFeature() {
        assertRejected(NotAFeature.class, "NotAFeature: does not extend io.ifw.core.Feature");
    }

    @Test
    void shouldRejectAClass() {
        assertThatThrownBy(() -> FeatureModel.of(String.class)).isInstanceOf(FeatureModelException.class)
                .hasMessage("java.lang.String: is not an interface");
    }

    @Test
    void shouldRejectABlankId() {
        assertRejected(BlankId.class, "BlankId: @Feature has an empty id");
    }

    @Test
    void shouldRejectAnOverloadedMember() {
        assertRejected(Overloaded.class, "Overloaded.tune: is overloaded; members are matched by name, so each name may appear once");
    }

    @Test
    void shouldRejectUnsupportedTypesNamingMemberAndType() {
        assertRejected(MapType.class, "MapType.table: unsupported type java.util.Map<java.lang.String, java.lang.Integer> "
                + "(supported: boolean, int, long, double, String, enums, records, List<T>, Set<enum>, PagingModel<record>)");
        assertRejected(FloatType.class, "FloatType.set(value): unsupported type float "
                + "(supported: boolean, int, long, double, String, enums, records, List<T>, Set<enum>, PagingModel<record>)");
        assertRejected(SetOfStrings.class, "SetOfStrings.tags: a Set holds enum constants only, not java.lang.String");
        assertRejected(ModelOfInts.class, "ModelOfInts.numbers: a PagingModel's items must be records, not java.lang.Integer");
        assertRejected(Recursive.class, "Recursive.head (Node.next): record Node contains itself");
    }

    @Test
    void shouldRejectMembersOfTheWrongShape() {
        assertRejected(RawProperty.class, "RawProperty.level: returns a raw Property; give its value type");
        assertRejected(PlainGetter.class, "PlainGetter.level: returns int; a member returns Property, ReadOnlyProperty, "
                + "Promise (an operation), Signal or PagingModel");
        assertRejected(SignalWithParameter.class, "SignalWithParameter.alarm: has parameters; only operations (returning Promise) take parameters");
    }

    @Test
    void shouldRejectAttributesThatDoNotFit() {
        assertRejected(RangeOnString.class, "RangeOnString.name: @Range needs a numeric property, not string");
        assertRejected(BadDefault.class, "BadDefault.temperature: @Default: 'warm' is not a double");
        assertRejected(DefaultOutOfRange.class, "DefaultOutOfRange.temperature: @Default \"35\" breaks its own constraint [16-30]");
        assertRejected(UnknownZone.class, "UnknownZone.heater: @Unsupported names zone 'Middle', which @Zones does not declare [Left, Right]");
    }

    @Test
    void shouldRejectZoneDeclarationsThatDoNotFit() {
        assertRejected(ZonesWithoutZoned.class, "ZonesWithoutZoned: has @Zones but does not extend ZonedFeature");
        assertRejected(WrongSelf.class, "WrongSelf: must extend ZonedFeature<WrongSelf>, not io.ifw.core.ZonedFeature<"
                + PREFIX + "UnknownZone>");
    }

    @Test
    void shouldRejectTheSameInterfaceAgainWithTheSameMessage() {
        assertRejected(MapType.class, "MapType.table: unsupported type");
        assertRejected(MapType.class, "MapType.table: unsupported type");
    }

    private static void assertRejected(Class<?> type, String message) {
        assertThatThrownBy(() -> FeatureModel.of(type)).isInstanceOf(FeatureModelException.class)
                .hasMessageStartingWith(PREFIX + message)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((FeatureModelException) e).interfaceName())
                        .isEqualTo(type.getName()));
    }
}
