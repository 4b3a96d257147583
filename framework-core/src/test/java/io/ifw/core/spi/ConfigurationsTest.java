package io.ifw.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigurationsTest {

    private static final String FILE = "/opt/ifw/conf/configs/io.example.server-main.cfg";

    @interface Config {
        String name() default "default";

        int streamId() default 4100;

        long timeoutMs() default 3000;

        double degrees() default 0.5;

        boolean embedded() default true;

        String[] features() default {"*"};

        String secret() default "";

        String required();

        int max_size() default 7;
    }

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("io.ifw.config").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("io.ifw.config").removeHandler(capture);
    }

    private static Map<String, Object> file(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("felix.fileinstall.filename", "file:" + FILE);
        properties.put("service.pid", "io.example.server.7f3a");
        properties.put("required", "yes");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void shouldReadTextValuesOfEveryTypeAndUseDefaultsForMissingKeys() {
        Config config = Configurations.read(Config.class, file("streamId", " 4200 ", "timeoutMs", "1500", "degrees", "0.25",
                "embedded", "FALSE", "features", "io.ifw.*", "max.size", "9"));

        assertThat(config.name()).isEqualTo("default");
        assertThat(config.streamId()).isEqualTo(4200);
        assertThat(config.timeoutMs()).isEqualTo(1500L);
        assertThat(config.degrees()).isEqualTo(0.25);
        assertThat(config.embedded()).isFalse();
        assertThat(config.features()).containsExactly("io.ifw.*");
        assertThat(config.required()).isEqualTo("yes");
        assertThat(config.max_size()).as("max_size is read from max.size, as Declarative Services names it").isEqualTo(9);
    }

    @Test
    void shouldReadTypedValuesAndLists() {
        Config config = Configurations.read(Config.class, file("streamId", 4300, "timeoutMs", 5, "degrees", 2, "embedded", true,
                "features", new String[] {"a", "b"}));

        assertThat(config.streamId()).isEqualTo(4300);
        assertThat(config.timeoutMs()).isEqualTo(5L);
        assertThat(config.degrees()).isEqualTo(2.0);
        assertThat(config.embedded()).isTrue();
        assertThat(config.features()).containsExactly("a", "b");
        config.features()[0] = "changed";
        assertThat(config.features()).as("each call gives a copy").containsExactly("a", "b");
    }

    @Test
    void shouldNameTheFileKeyValueAndExpectationOfABadValue() {
        assertBad(file("streamId", "abc"), "streamId", "abc", "a whole number (32 bits)");
        assertBad(file("streamId", "99999999999"), "streamId", "99999999999", "a whole number (32 bits)");
        assertBad(file("timeoutMs", "3s"), "timeoutMs", "3s", "a whole number");
        assertBad(file("degrees", "warm"), "degrees", "warm", "a finite number");
        assertBad(file("embedded", "ture"), "embedded", "ture", "true or false");
        assertBad(file("streamId", new String[] {"1", "2"}), "streamId", "1,2", "one value, a whole number (32 bits)");
    }

    @Test
    void shouldRefuseNumbersThatAreNotFinite() {
        assertBad(file("degrees", "NaN"), "degrees", "NaN", "a finite number");
        assertBad(file("degrees", "Infinity"), "degrees", "Infinity", "a finite number");
        assertBad(file("degrees", "-infinity"), "degrees", "-infinity", "a finite number");
        assertBad(file("degrees", Double.POSITIVE_INFINITY), "degrees", "Infinity", "a finite number");
        assertBad(file("degrees", "1e400"), "degrees", "1e400", "a finite number");
    }

    @Test
    void shouldNameARequiredKeyThatIsMissing() {
        Map<String, Object> properties = file();
        properties.remove("required");

        assertThatThrownBy(() -> Configurations.read(Config.class, properties))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(FILE + ": required is missing: expected a text (the key is required)");
    }

    @Test
    void shouldNameTheConfigurationWhenItHasNoFile() {
        Map<String, Object> properties = file("streamId", "x");
        properties.remove("felix.fileinstall.filename");

        assertThatThrownBy(() -> Configurations.read(Config.class, properties))
                .hasMessage("configuration io.example.server.7f3a: streamId = 'x': expected a whole number (32 bits)");
    }

    @Test
    void shouldReportAnUnknownKeyOnceWithTheNearestKnownKey() {
        Map<String, Object> properties = file("secrte", "s3cret", "streamid", "4100", "colour", "red", "ifw.backend.name", "x");

        Configurations.read(Config.class, properties);
        Configurations.read(Config.class, properties);

        assertThat(logged).containsExactlyInAnyOrder(
                "IFW: " + FILE + ": unknown key 'secrte' is ignored; did you mean 'secret'?",
                "IFW: " + FILE + ": unknown key 'streamid' is ignored; did you mean 'streamId'?",
                "IFW: " + FILE + ": unknown key 'colour' is ignored (known keys: degrees, embedded, features, max.size, name, required, "
                        + "secret, streamId, timeoutMs)");
    }

    @Test
    void shouldReportUnknownKeysEvenWhenAValueIsBad() {
        assertThatThrownBy(() -> Configurations.read(Config.class, file("secert", "x", "streamId", "abc")))
                .isInstanceOf(InvalidConfigurationException.class);

        assertThat(logged).containsExactly("IFW: " + FILE + ": unknown key 'secert' is ignored; did you mean 'secret'?");
    }

    @Test
    void shouldCheckARangeAndLogAFailedComponentInOneLine() {
        Map<String, Object> properties = file("timeoutMs", "0");

        assertThatThrownBy(() -> Configurations.readOrFail("io.example.server", Config.class, properties,
                config -> Configurations.check(properties, "timeoutMs", config.timeoutMs() > 0,
                        "a positive number of milliseconds")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(FILE + ": timeoutMs = '0': expected a positive number of milliseconds");

        assertThat(logged).containsExactly(
                "IFW: component io.example.server is FAILED: " + FILE + ": timeoutMs = '0': expected a positive number of milliseconds");
    }

    @Test
    void shouldLogTheSameFailureOfADelayedComponentOnceAndAgainAfterItWasFixed() {
        Map<String, Object> bad = file("timeoutMs", "soon");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> Configurations.readOrFail("io.example.delayed", Config.class, bad, c -> { }))
                    .isInstanceOf(InvalidConfigurationException.class);
        }
        assertThat(logged).hasSize(1);

        Configurations.readOrFail("io.example.delayed", Config.class, file("timeoutMs", "5"), c -> { });
        assertThatThrownBy(() -> Configurations.readOrFail("io.example.delayed", Config.class, bad, c -> { }))
                .isInstanceOf(InvalidConfigurationException.class);

        assertThat(logged).containsExactly(
                "IFW: component io.example.delayed is FAILED: " + FILE + ": timeoutMs = 'soon': expected a whole number",
                "IFW: component io.example.delayed is FAILED: " + FILE + ": timeoutMs = 'soon': expected a whole number");
    }

    @Test
    void shouldPassAGoodConfigurationThroughReadOrFailWithoutLogging() {
        Config config = Configurations.readOrFail("io.example.server", Config.class, file("timeoutMs", "10"), c -> { });

        assertThat(config.timeoutMs()).isEqualTo(10L);
        assertThat(logged).isEmpty();
    }

    @Test
    void shouldNameTheSourceOfAComponentsOwnRefusalOnce() {
        Map<String, Object> properties = file();

        assertThat(Configurations.problem(properties, new IllegalArgumentException("channel 'aeron:tcp' is not aeron:ipc or aeron:udp")))
                .isEqualTo(FILE + ": channel 'aeron:tcp' is not aeron:ipc or aeron:udp");
        assertThat(Configurations.problem(properties, new InvalidConfigurationException(FILE, "streamId", "x", "a whole number (32 bits)")))
                .as("already named").isEqualTo(FILE + ": streamId = 'x': expected a whole number (32 bits)");
    }

    @Test
    void shouldFindTheNearestKeyOnlyWhenItIsClose() {
        List<String> known = List.of("secret", "readOnlySecret", "streamId", "channel");

        assertThat(NearestName.of("secert", known)).isEqualTo("secret");
        assertThat(NearestName.of("chanel", known)).isEqualTo("channel");
        assertThat(NearestName.of("readonlysecret", known)).isEqualTo("readOnlySecret");
        assertThat(NearestName.of("port", known)).isNull();
        assertThat(NearestName.distance("secrte", "secret")).isEqualTo(1);
    }

    @Test
    void shouldSuggestTheOnlyNameThatStartsWithANameCutShort() {
        List<String> members = List.of("targetTemperature", "airConditioning", "airflowDirections", "outsideTemperature");

        assertThat(NearestName.of("targetTemp", members)).as("too far by edits, but a unique prefix").isEqualTo("targetTemperature");
        assertThat(NearestName.of("TARGETtemp", members)).as("case ignored").isEqualTo("targetTemperature");
        assertThat(NearestName.of("air", members)).as("two names start with it").isNull();
        assertThat(NearestName.of("ta", members)).as("too short to be a prefix").isNull();
        assertThat(NearestName.of("outsideTemperatureX", members)).as("edits still win").isEqualTo("outsideTemperature");
    }

    @Test
    void shouldMapMethodNamesToKeysAsDeclarativeServicesDoes() {
        assertThat(Configurations.keyOf("streamId")).isEqualTo("streamId");
        assertThat(Configurations.keyOf("max_size")).isEqualTo("max.size");
        assertThat(Configurations.keyOf("under__score")).isEqualTo("under_score");
        assertThat(Configurations.keyOf("dollar$$sign")).isEqualTo("dollar$sign");
        assertThat(Configurations.keyOf("dropped$")).isEqualTo("dropped");
    }

    private static void assertBad(Map<String, Object> properties, String key, String value, String expected) {
        assertThatThrownBy(() -> Configurations.read(Config.class, properties))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.source()).isEqualTo(FILE);
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.value()).isEqualTo(value);
                    assertThat(e.expected()).isEqualTo(expected);
                })
                .hasMessage(FILE + ": " + key + " = '" + value + "': expected " + expected);
    }
}
