package io.ifw.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifw.core.spi.Configurations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final GatewaySettings OPEN = GatewaySettings.DEFAULTS;
    private static final GatewaySettings SECURED = GatewaySettings.of(Map.of("secret", "full", "readOnlySecret", "look",
            "allowedOrigins", "https://hmi.example:8443"));

    @Test
    void shouldAdmitOnlyLoopbackClientsWithoutASecret() {
        assertThat(Admission.decide(OPEN, null, true, null, "127.0.0.1:8181").role()).isEqualTo(Role.FULL);
        Admission remote = Admission.decide(OPEN, null, false, null, "10.0.0.2:8181");
        assertThat(remote.admitted()).isFalse();
        assertThat(remote.status()).isEqualTo(403);
        assertThat(remote.refusal()).isEqualTo("no secret is configured, so the gateway admits clients on its own host only");
    }

    @Test
    void shouldGiveEachTokenItsRole() {
        assertThat(Admission.decide(SECURED, "full", false, null, "h").role()).isEqualTo(Role.FULL);
        assertThat(Admission.decide(SECURED, "look", false, null, "h").role()).isEqualTo(Role.READ_ONLY);
        Admission none = Admission.decide(SECURED, null, true, null, "h");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.refusal()).startsWith("a token is required");
        Admission wrong = Admission.decide(SECURED, "fulll", true, null, "h");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.refusal()).isEqualTo("the token is not valid");
    }

    @Test
    void shouldCheckTheOriginOfBrowsers() {
        assertThat(Admission.decide(OPEN, null, true, "http://127.0.0.1:8181", "127.0.0.1:8181").admitted()).isTrue();
        assertThat(Admission.decide(OPEN, null, true, "http://localhost", "localhost:80").admitted()).as("default port").isTrue();
        Admission evil = Admission.decide(OPEN, null, true, "http://evil.example", "127.0.0.1:8181");
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.refusal()).isEqualTo("origin http://evil.example is not allowed (a page of this server, or allowedOrigins: none)");
        assertThat(Admission.decide(SECURED, "full", false, "https://hmi.example:8443", "car:8181").admitted()).isTrue();
        assertThat(Admission.decide(SECURED, "full", false, "https://hmi.example", "car:8181").refusal())
                .contains("allowedOrigins: https://hmi.example:8443");
        assertThat(Admission.decide(OPEN, null, true, "not a uri at all", "127.0.0.1:8181").admitted()).isFalse();
    }

    @Test
    void shouldReadTheTokenFromTheQueryOrTheHeader() {
        assertThat(Admission.token("a=1&token=s%20ecret", null)).isEqualTo("s ecret");
        assertThat(Admission.token(null, "Bearer abc ")).isEqualTo("abc");
        assertThat(Admission.token("a=1", "Basic xyz")).isNull();
    }

    @Test
    void shouldNameBadSettings() {
        assertThat(List.of(
                message(Map.of("secret", "same", "readOnlySecret", "same")),
                message(Map.of("readOnlySecret", "look")),
                message(Map.of("allowedOrigins", "hmi.example")),
                message(Map.of("maxEvents", "lots")),
                message(Map.of("maxEvents", "3")),
                message(Map.of("maxMessageBytes", "100"))))
                .containsExactly(
                        "configuration (no file): readOnlySecret = '(hidden)': expected a token other than secret (one token cannot give two roles)",
                        "configuration (no file): secret is missing: expected a full-access secret as well when readOnlySecret is set"
                                + " (else loopback clients would get full access without one)",
                        "configuration (no file): allowedOrigins = 'hmi.example': expected origins written scheme://host[:port], separated by commas",
                        "configuration (no file): maxEvents = 'lots': expected a whole number (32 bits)",
                        "configuration (no file): maxEvents = '3': expected a whole number of at least 16",
                        "configuration (no file): maxMessageBytes = '100': expected a whole number of at least 1024");
    }

    @Test
    void shouldNameAMistypedKeyWithTheKeyMeant() {
        assertThat(Configurations.unknownKeys(GatewaySettings.Config.class, Map.of("secrte", "full", "service.pid", "io.ifw.gateway")))
                .containsExactly("unknown key 'secrte' is ignored; did you mean 'secret'?");
        assertThat(GatewaySettings.of(Map.of("secrte", "full")).hasSecret()).isFalse();
    }

    private static String message(Map<String, Object> properties) {
        try {
            GatewaySettings.of(properties);
            return "accepted";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
