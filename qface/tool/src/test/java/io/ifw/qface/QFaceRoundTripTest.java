package io.ifw.qface;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.model.FeatureModel;
import io.ifw.core.model.PropertyMember;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** IFW to QFace and back: import(export(F)) has F's feature model fingerprint, for every reference feature. */
class QFaceRoundTripTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(classes = {io.ifw.vehicle.ClimateControl.class, io.ifw.vehicle.WindowControl.class, io.ifw.media.MediaPlayer.class,
            io.ifw.media.MediaLibrary.class, io.ifw.media.MediaIndexer.class, io.ifw.media.AmFmTuner.class})
    void shouldGiveBackTheSameFeatureModel(Class<?> feature) throws Exception {
        FeatureModel original = FeatureModel.of(feature);
        QFaceExporter.Export export = QFaceExporter.export(feature);

        String module = feature.getPackageName();
        QFaceImporter.Result result = QFaceImporter.importTexts(Map.of(export.baseName() + ".qface", export.qface()),
                Map.of(export.baseName() + ".yaml", export.yaml()), new QFaceImporter.Options().packageFor(module, "roundtrip." + module));

        assertThat(result.warnings()).isEmpty();
        try (URLClassLoader loader = GeneratedFeatures.compile(result, work)) {
            FeatureModel back = FeatureModel.of(loader.loadClass("roundtrip." + feature.getName()));
            assertThat(back.schemaText()).isEqualTo(original.schemaText());
            assertThat(back.fingerprint()).isEqualTo(original.fingerprint());
            assertThat(back.id()).isEqualTo(original.id());
            assertThat(back.defaultZones()).isEqualTo(original.defaultZones());
            for (PropertyMember property : original.properties()) {
                PropertyMember copy = back.property(property.name());
                assertThat(copy.attribute()).as(property.name()).hasToString(property.attribute().toString());
                assertThat(String.valueOf(copy.defaultValue())).as(property.name()).isEqualTo(String.valueOf(property.defaultValue()));
                assertThat(copy.unsupportedZones()).as(property.name()).isEqualTo(property.unsupportedZones());
            }
        }
    }

    @Test
    void shouldWriteQFaceThatQtsToolsRead() {
        QFaceExporter.Export climate = QFaceExporter.export(io.ifw.vehicle.ClimateControl.class);

        assertThat(climate.baseName()).isEqualTo("ClimateControl");
        assertThat(climate.qface()).contains("module io.ifw.vehicle 1.0\n",
                "@config: { id: \"io.ifw.vehicle.ClimateControl\", zoned: true }\ninterface ClimateControl {\n",
                "    real targetTemperature;\n", "    readonly real cabinTemperature;\n", "    AirflowDirection airflowDirections;\n",
                "flag AirflowDirection {\n    WINDSHIELD = 1,\n    DASHBOARD = 2,\n    FLOOR = 4\n}\n",
                "enum RecirculationMode {\n    OFF = 0,\n    ON = 1,\n    AUTO = 2\n}\n");
        assertThat(climate.yaml()).contains("io.ifw.vehicle.ClimateControl:\n    config_simulator:\n        zones: [\"FrontLeft\", \"FrontRight\", \"Rear\"]\n",
                "io.ifw.vehicle.ClimateControl#targetTemperature:\n    config_simulator:\n        default: 21.0\n        range: [16, 30]\n",
                "io.ifw.vehicle.ClimateControl#recirculationMode:\n    config_simulator:\n        default: \"RecirculationMode.AUTO\"\n");

        QFaceExporter.Export player = QFaceExporter.export(io.ifw.media.MediaPlayer.class);
        assertThat(player.qface()).contains("    @ifw: { type: \"long\" }\n    readonly int positionMs;\n",
                "    @ifw: { parameters: { positionMs: \"long\" } }\n    void seek(int positionMs);\n", "    model<AudioTrack> playQueue;\n",
                "struct AudioTrack {\n");
        QFaceExporter.Export tuner = QFaceExporter.export(io.ifw.media.AmFmTuner.class);
        assertThat(tuner.qface()).contains("    signal scanStarted();\n", "    TunerStation seekUp();\n", "    model<TunerStation> stations;\n");
    }
}
