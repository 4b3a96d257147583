package io.ifw.qface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QFace to IFW: what is generated from the sample module, and every kind of bad input refused with its place. */
class QFaceImporterTest {

    @TempDir
    Path work;

    @Test
    @SuppressWarnings("unchecked")
    void shouldGenerateFeaturesThatCompileAndReadAsIfwFeatureModels() throws Exception {
        QFaceImporter.Result result = GeneratedFeatures.importSample(new QFaceImporter.Options());

        assertThat(result.warnings()).isEmpty();
        assertThat(result.featureInterfaces()).containsExactly("org.ifw.sample.Cabin", "org.ifw.sample.Base");
        assertThat(result.paths()).contains("org/ifw/sample/package-info.java", "org/ifw/sample/Trip.java", "org/ifw/sample/Stop.java",
                "org/ifw/sample/Mode.java", "org/ifw/sample/Vents.java", "org/ifw/common/GeoPosition.java", "org/ifw/common/Unit.java",
                "simulation/Cabin.json", "simulation/Base.json");
        try (URLClassLoader loader = GeneratedFeatures.compile(result, work)) {
            FeatureModel cabin = FeatureModel.of(loader.loadClass("org.ifw.sample.Cabin"));

            assertThat(cabin.id()).isEqualTo("org.ifw.sample.Cabin/2");
            assertThat(cabin.version()).isEqualTo("2.1");
            assertThat(cabin.isZoned()).isTrue();
            assertThat(cabin.defaultZones()).containsExactly("Driver", "Passenger", "Rear");
            assertThat(cabin.schemaText()).isEqualTo("""
                    feature org.ifw.sample.Cabin/2
                    signal doorOpened:void
                    property favourites:list<string>
                    property heaterOn:bool
                    property label:string
                    property lastTrip:Trip{driver:string,distanceKm:double,last:Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}},stops:list<Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}}>}
                    operation lastTripOf(driver:string):Trip{driver:string,distanceKm:double,last:Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}},stops:list<Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}}>}
                    property measuredTemperature:double readonly
                    property mode:enum Mode{Off,On,Auto}
                    property position:GeoPosition{latitude:double,longitude:double}
                    property ready:bool readonly
                    operation reset():void
                    property seatHeater:int
                    property serialNumber:string readonly
                    operation synchronize(temperature:double,vents:list<set<enum Vents{Windshield,Dashboard,Floor}>>):bool
                    property targetTemperature:double
                    signal tripEnded:Trip{driver:string,distanceKm:double,last:Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}},stops:list<Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}}>}
                    model tripLog:model<Trip{driver:string,distanceKm:double,last:Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}},stops:list<Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}}>}>
                    property trips:list<Trip{driver:string,distanceKm:double,last:Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}},stops:list<Stop{name:string,minutes:int,where:GeoPosition{latitude:double,longitude:double}}>}>
                    property unit:enum Unit{Metric,Imperial}
                    property vents:set<enum Vents{Windshield,Dashboard,Floor}>
                    signal warning:WarningEvent{code:string,level:int,mode:enum Mode{Off,On,Auto}}
                    """);
            PropertyMember target = cabin.property("targetTemperature");
            assertThat(target.attribute().constraintText()).isEqualTo("[16-30]");
            assertThat(target.defaultValue()).as("per-zone defaults live in the simulation data only").isNull();
            assertThat(cabin.property("seatHeater").defaultValue()).isEqualTo(1);
            assertThat((List<Object>) cabin.property("seatHeater").attribute().domain()).containsExactly(0, 1, 2, 3);
            assertThat(cabin.property("vents").defaultValue()).hasToString("[Dashboard, Floor]");
            assertThat(cabin.property("measuredTemperature").unsupportedZones()).containsExactly("Rear");
            assertThat(cabin.property("unit").unsupportedEverywhere()).isTrue();
            assertThat(FeatureModel.of(loader.loadClass("org.ifw.sample.Base")).id()).isEqualTo("org.ifw.sample.Base");
        }
        assertThat(GeneratedFeatures.file(result, "org/ifw/sample/package-info.java"))
                .contains(" * <p>It uses every construct of QFace that IFW maps.", "@org.osgi.annotation.versioning.Version(\"2.1.0\")",
                        "@org.osgi.annotation.bundle.Export", "package org.ifw.sample;");
        assertThat(GeneratedFeatures.file(result, "org/ifw/sample/Cabin.java"))
                .contains("    /**\n     * The temperature asked for, in degrees Celsius.\n     */\n    @Range(min = 16, max = 30)\n    Property<Double> targetTemperature();")
                .contains("record WarningEvent(String code, int level, Mode mode)")
                .contains("import org.osgi.annotation.versioning.ProviderType;", "@ProviderType\npublic interface Cabin extends ")
                .contains("Promise<Boolean> synchronize(double temperature, List<Set<Vents>> vents);");
        assertThat(GeneratedFeatures.file(result, "org/ifw/sample/Trip.java")).contains(" * @param driver Who drove.");
        assertThat(GeneratedFeatures.file(result, "simulation/Cabin.json"))
                .startsWith("{\n  \"org.ifw.sample.Cabin/2\": {\n    \"zones\": [\"Driver\", \"Passenger\", \"Rear\"],")
                .contains("\"default\": { \"Driver\": 21.5, \"Passenger\": 22.0, \"=\": 20.0 }")
                .contains("\"default\": { \"type\": \"enum\", \"value\": \"Vents::Dashboard|Vents::Floor\" }")
                .contains("\"unsupported\": { \"Rear\": true }");
        assertThat(GeneratedFeatures.file(result, "simulation/Base.json")).isEqualTo("{\n  \"Base\": {\n    \"ready\": { \"default\": true }\n  }\n}\n");
    }

    @Test
    void shouldMapModulesToTheJavaPackagesAskedFor() throws Exception {
        QFaceImporter.Result result = GeneratedFeatures.importSample(new QFaceImporter.Options().packageFor("org.ifw.common", "com.example.common"));

        assertThat(result.paths()).contains("com/example/common/GeoPosition.java");
        assertThat(GeneratedFeatures.file(result, "org/ifw/sample/Cabin.java")).contains("import com.example.common.GeoPosition;");
    }

    @Test
    void shouldReadQtsOwnAnnotationFormsAndWarnAboutWhatItIgnores() throws Exception {
        QFaceImporter.Result result = QFaceImporter.importTexts(Map.of("qt.qface", """
                @config_simulator: { simulationFile: "qrc:/simulation.qml" }
                module Example.If.Climate 1.0
                @config: { zoned: true, qml_type: "Climate", unknownKey: 1 }
                interface Climate {
                    @config_simulator: { range_high: 5 }
                    int fan;
                    @config: { getter_name: "isOn" }
                    bool on;
                }
                """), Map.of("qt.yaml", """
                Example.If.Climate.Climate:
                    config_simulator:
                        zones: [ Left, Right ]
                Example.If.Climate.Climate#on:
                    config_simulator:
                        default: { Left: true, =: false }
                Example.If.Climate.Climate#on:
                    config_simulator:
                        default: true
                """), new QFaceImporter.Options());

        assertThat(result.paths()).contains("example/if_/climate/Climate.java");
        assertThat(result.warnings()).extracting(QFaceProblem::toString).containsExactly(
                "qt.yaml:7:1: Example.If.Climate.Climate#on is written twice in this file (also at line 4); as in Qt's generator, this later entry replaces it",
                "qt.qface:1:1: config_simulator.simulationFile is not read: IFW's simulator serves the generated simulation data, and behaviour beyond data is a SimulationBehavior service (see docs/simulation.md)",
                "qt.qface:3:1: config.unknownKey of interface Climate is not used by IFW; ignored",
                "qt.qface:5:5: config_simulator.range_high of Climate.fan is not a key Qt's simulator reads (it reads default, domain, maximum, minimum, range, unsupported, zoned); ignored");
        assertThat(GeneratedFeatures.file(result, "example/if_/climate/Climate.java")).contains("@Default(\"true\")\n    Property<Boolean> on();");
    }

    @Test
    void shouldSkipWhatIfwCannotExpressOnlyWhenAskedTo() throws Exception {
        String qface = """
                module m 1.0
                interface A {
                    var anything;
                    map<int> table;
                    int kept;
                    void take(var value);
                }
                struct S { int a; var b; }
                """;
        assertThatThrownBy(() -> QFaceImporter.importTexts(Map.of("m.qface", qface), Map.of(), new QFaceImporter.Options()))
                .isInstanceOf(QFaceException.class)
                .hasMessage(String.join("\n",
                        "m.qface:8:19: the type var (any value) is not supported: an IFW value has one type (field b of struct S)",
                        "m.qface:3:5: the type var (any value) is not supported: an IFW value has one type (member anything of A)",
                        "m.qface:4:5: the type map<int> is not supported: IFW has no map values (use a list of a struct with a key field) (member table of A)",
                        "m.qface:6:15: the type var (any value) is not supported: an IFW value has one type (member take of A)"));

        QFaceImporter.Result skipped = QFaceImporter.importTexts(Map.of("m.qface", qface), Map.of(), new QFaceImporter.Options().skipUnsupported(true));
        assertThat(skipped.warnings()).extracting(QFaceProblem::toString).containsExactly(
                "m.qface:8:19: the type var (any value) is not supported: an IFW value has one type; field b of struct S is left out",
                "m.qface:3:5: the type var (any value) is not supported: an IFW value has one type; member anything of A is left out",
                "m.qface:4:5: the type map<int> is not supported: IFW has no map values (use a list of a struct with a key field); member table of A is left out",
                "m.qface:6:15: the type var (any value) is not supported: an IFW value has one type; member take of A is left out");
        assertThat(GeneratedFeatures.file(skipped, "m/A.java")).contains("Property<Integer> kept();").doesNotContain("anything", "table", "take");
        assertThat(GeneratedFeatures.file(skipped, "m/S.java")).contains("int a) {");
    }

    @Test
    void shouldRefuseBadInputNamingEachProblemAndItsPlaceAndGenerateNothing() {
        Map<String, String> qface = new LinkedHashMap<>();
        qface.put("bad.qface", """
                module bad 1.0
                import missing.module 1.0
                @config: { zoned: true }
                interface Bad {
                    Temperatur target;
                    other.Type foreign;
                    int status;
                    int default;
                    string label = "x";
                    @config_simulator: { range: [0, 10], default: 12 }
                    int level;
                    @config_simulator: { range: [0, 10] }
                    string name;
                    @config_simulator: { default: Mode.Of }
                    Mode mode;
                    @config_simulator: { default: { Left: 1, Middle: 2 } }
                    int zoned;
                    model<int> numbers;
                    Bad self;
                    void f(int a);
                    void f(string b);
                }
                enum Mode { Off, On }
                struct Temperature { real value; }
                struct Loop { Loop next; }
                """);
        Map<String, String> annotations = Map.of("bad.yaml", """
                bad.Bad:
                    config_simulator:
                        zones: [ Left, Right ]
                bad.Bda#level:
                    config_simulator:
                        default: 1
                bad.Bad#levl:
                    config_simulator:
                        default: 1
                """);

        assertThatThrownBy(() -> QFaceImporter.importTexts(qface, annotations, new QFaceImporter.Options()))
                .isInstanceOf(QFaceException.class)
                .satisfies(e -> assertThat(((QFaceException) e).problems()).extracting(QFaceProblem::toString).containsExactly(
                        "bad.yaml:4:1: the annotation names type 'Bda', which module bad does not have; did you mean Bad?",
                        "bad.yaml:7:1: the annotation names member 'levl' of Bad, which it does not have; did you mean level?",
                        "bad.qface:2:1: imports module missing.module 1.0, which none of the files given defines (modules given: bad)"));

        Map<String, String> resolvable = new LinkedHashMap<>(qface);
        resolvable.put("bad.qface", qface.get("bad.qface").replace("import missing.module 1.0\n", ""));
        assertThatThrownBy(() -> QFaceImporter.importTexts(resolvable, Map.of("bad.yaml", "bad.Bad:\n    config_simulator:\n        zones: [ Left, Right ]\n"),
                new QFaceImporter.Options()))
                .isInstanceOf(QFaceException.class)
                .satisfies(e -> assertThat(((QFaceException) e).problems()).extracting(QFaceProblem::toString).containsExactly(
                        "bad.qface:24:20: struct Loop contains itself through field next; an IFW record cannot",
                        "bad.qface:20:10: interface Bad has a member named f twice (also at bad.qface:19:10); IFW matches members by name, so overloads are not supported",
                        "bad.qface:4:5: unknown type 'Temperatur' (modules searched: bad); did you mean Temperature?",
                        "bad.qface:5:5: unknown type 'other.Type' (modules searched: other (not given))",
                        "bad.qface:6:9: the member 'status' of Bad clashes with the method status() every IFW feature (or Java object) has; rename it",
                        "bad.qface:7:9: the member of Bad is named 'default', a Java keyword; rename it",
                        "bad.qface:9:5: the default 12 of Bad.level is outside its range [0, 10]",
                        "bad.qface:11:5: a range (minimum, maximum, range) needs a numeric property; Bad.name is a string",
                        "bad.qface:13:5: the default of Bad.mode is Mode.Of, which is no value of Mode (Off, On; did you mean Off?)",
                        "bad.qface:15:5: Bad.zoned has a value for zone 'Middle', which Bad does not have (zones: Left, Right)",
                        "bad.qface:17:5: a model's items must be a struct, not int (member numbers of Bad)",
                        "bad.qface:18:5: the interface Bad is used as a value; an IFW value is a bool, int, real, string, enum, flag, struct or list, not a feature (member self of Bad)"));
    }

    @Test
    void shouldReadFilesFromDiskWithTheirAnnotationFileAndWriteNothingWhenOneHasAProblem(@TempDir Path folder) throws Exception {
        Path good = folder.resolve("good.qface");
        java.nio.file.Files.writeString(good, "module good 1.0\ninterface G { int level; }\n");
        java.nio.file.Files.writeString(folder.resolve("good.yaml"), "good.G#level:\n    config_simulator:\n        default: 3\n");
        Path broken = folder.resolve("broken.qface");
        java.nio.file.Files.writeString(broken, "module broken 1.0\ninterface B { int }\n");

        QFaceImporter.Result result = QFaceImporter.importFiles(List.of(good), new QFaceImporter.Options());
        assertThat(GeneratedFeatures.file(result, "good/G.java")).contains("@Default(\"3\")");

        assertThatThrownBy(() -> QFaceImporter.importFiles(List.of(good, broken, folder.resolve("absent.qface")), new QFaceImporter.Options()))
                .hasMessage("broken.qface:2:19: expected the member's name after its type int, found '}'\n" + folder.resolve("absent.qface") + ":1:1: no such file");
    }

    @Test
    void shouldNameWhatIsWrongInAnAnnotationFile() {
        Map<String, String> qface = Map.of("a.qface", "module a 1.0\ninterface A { int level; }\n");

        assertThatThrownBy(() -> QFaceImporter.importTexts(qface, Map.of("a.yaml", "a.A#level:\n  config_simulator: {default: [1\n"),
                new QFaceImporter.Options()))
                .hasMessageStartingWith("a.yaml:3:1: no valid YAML: ");
        assertThatThrownBy(() -> QFaceImporter.importTexts(qface, Map.of("a.yaml", "- a.A\n"), new QFaceImporter.Options()))
                .hasMessage("a.yaml:1:1: an annotation file is a map from element names (Module.Interface#member) to their tags");
        assertThatThrownBy(() -> QFaceImporter.importTexts(qface, Map.of("a.yaml", "a.A#level: 3\nb.B:\n  config: {}\n"), new QFaceImporter.Options()))
                .hasMessage("a.yaml:1:1: the tags of a.A#level must be a map of tag names (e.g. config_simulator:), not '3'");
        assertThatThrownBy(() -> QFaceImporter.importTexts(qface, Map.of("a.yaml", "b.B:\n  config: {}\n"), new QFaceImporter.Options()))
                .hasMessage("a.yaml:1:1: the annotation names 'b.B', but no module of that name was given (modules: a; an entry is Module,"
                        + " Module.Type or Module.Interface#member)");
    }

    @Test
    void shouldRefuseIfwTagsItCannotRead() {
        assertThatThrownBy(() -> QFaceImporter.importTexts(Map.of("t.qface", """
                module t 1.0
                interface T {
                    @ifw: { type: "set<int>" }
                    list<int> numbers;
                    @ifw: { type: 5 }
                    int five;
                    @ifw: { type: "list<" }
                    int open;
                    @ifw: { parameters: { amount: "long" } }
                    void pay(int sum);
                }
                """), Map.of(), new QFaceImporter.Options()))
                .isInstanceOf(QFaceException.class)
                .satisfies(e -> assertThat(((QFaceException) e).problems()).extracting(QFaceProblem::toString).containsExactly(
                        "t.qface:3:5: set<T> holds the values of an enum, not int (member numbers of T)",
                        "t.qface:5:5: @ifw type must be a type written as text (e.g. \"long\" or \"set<Mode>\"), not '5'",
                        "t.qface:7:5: the @ifw type 'list<': expected a type (bool, int, real, string, var, list<T>, map<T>, model<T> or a name), found the end of the file",
                        "t.qface:9:5: @ifw parameters names 'amount', which pay does not have (parameters: [sum])"));
    }

    @Test
    void shouldRefuseAPackageNameJavaCannotHave() {
        assertThatThrownBy(() -> QFaceImporter.importTexts(Map.of("p.qface", "module p 1.0\ninterface P { int x; }\n"), Map.of(),
                new QFaceImporter.Options().packageFor("p", "com.1bad")))
                .hasMessage("p.qface:1:1: module p gives the Java package 'com.1bad', which is not a valid package name; map it to one"
                        + " with a package option (p=a.valid.name)");
    }

    @Test
    void shouldReportTheCompilersMessagesWhenGeneratedSourcesDoNotCompile() {
        QFaceImporter.Result broken = new QFaceImporter.Result(List.of(new QFaceImporter.GeneratedFile("x/X.java",
                "package x;\npublic interface X { Missing m(); }\n", false)), List.of(), List.of("x.X"));

        assertThatThrownBy(() -> GeneratedFeatures.compile(broken, work))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the generated sources do not compile:\n")
                .hasMessageContaining("X.java:2: error: cannot find symbol");
    }
}
