package io.ifw.backend.remote.aeron.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ifw.backend.remote.aeron.client.ClientSettings;
import io.ifw.backend.remote.aeron.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One media driver per directory: started when none is active, shared in the JVM, an external one used as it is. */
class MediaDriversTest {

    private Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory("ifw-drivers-");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private TransportSettings settings(boolean embedded) {
        return TransportSettings.of(root.resolve("aeron").toString(), embedded, "shared", "backoff", 1 << 20, 5_000);
    }

    @Test
    void shouldStartOneEmbeddedDriverPrivateToTheUserAndShareItInTheJvm() throws Exception {
        try (MediaDrivers.Lease first = MediaDrivers.acquire(settings(true)); MediaDrivers.Lease second = MediaDrivers.acquire(settings(true))) {
            assertThat(first.embedded()).isTrue();
            assertThat(second.embedded()).isTrue();
            assertThat(Files.getPosixFilePermissions(root.resolve("aeron"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            first.close();
            assertThat(io.aeron.CommonContext.isDriverActive(root.resolve("aeron").toFile(), 1_000, message -> { }))
                    .as("the driver lives while a lease is held").isTrue();
        }
        assertThat(root.resolve("aeron")).as("the last lease stops the driver, which removes its directory").doesNotExist();
    }

    @Test
    void shouldUseAnExternalDriverAndNotStartAnother() throws Exception {
        try (MediaDriver external = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(root.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy()).dirDeleteOnShutdown(true));
             MediaDrivers.Lease lease = MediaDrivers.acquire(settings(false));
             AeronLink link = AeronLink.open(settings(false), "test")) {
            assertThat(lease.embedded()).isFalse();
            assertThat(link.embeddedDriver()).isFalse();
            assertThat(link.isClosed()).isFalse();
        }
    }

    @Test
    void shouldNameTheDirectoryWhenNoDriverIsActiveAndNoneMayBeStarted() {
        assertThatThrownBy(() -> MediaDrivers.acquire(settings(false))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no Aeron media driver is active in " + root.resolve("aeron")
                        + " and embeddedDriver is false: start aeronmd there or allow the embedded driver");
    }

    @Test
    void shouldReadTheTransportSettingsAndNameWhatIsWrong() {
        assertThat(TransportSettings.of("", true, "Dedicated", "busy-spin", 1 << 16, 1_000).threading())
                .isEqualTo(TransportSettings.Threading.DEDICATED);
        assertThat(TransportSettings.idleStrategy("busy-spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(TransportSettings.idleStrategy("yielding")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(TransportSettings.of("", true, "shared", "backoff", 1 << 20, 5_000).aeronDirectory())
                .isEqualTo(TransportSettings.defaultDirectory());
        assertThatThrownBy(() -> TransportSettings.of("", true, "many", "backoff", 1 << 20, 5_000))
                .hasMessage("threading 'many' is not shared or dedicated");
        assertThatThrownBy(() -> TransportSettings.of("", true, "shared", "lazy", 1 << 20, 5_000))
                .hasMessage("idleStrategy 'lazy' is not backoff, yielding, busy-spin or sleeping");
        assertThatThrownBy(() -> TransportSettings.of("", true, "shared", "backoff", 100_000, 5_000))
                .hasMessage("termLength 100000 is not a power of two from 65536 to 1073741824");
        assertThatThrownBy(() -> TransportSettings.of("", true, "shared", "backoff", 1 << 20, 10))
                .hasMessage("driverTimeoutMs 10 is below 1000");
    }

    @Test
    void shouldNameEveryWrongServerAndClientSetting() {
        TransportSettings transport = settings(true);
        assertThatThrownBy(() -> ServerSettings.of("s", "aeron:tcp", 0, java.util.List.of(), "a", "a", 5, 5, 0, transport))
                .hasMessage("channel 'aeron:tcp' is not an Aeron channel: unknown media: tcp; streamId 0 is reserved; use another; "
                        + "features is empty: give feature ids or *; secret and readOnlySecret are the same; heartbeatIntervalMs 5 is below 10; "
                        + "livenessTimeoutMs 5 is below twice heartbeatIntervalMs (5); maxClientLagMs 0 is below 1");
        assertThatThrownBy(() -> ClientSettings.of("bad name", "aeron:ipc", 4100, "aeron:udp?endpoint=127.0.0.1:0", java.util.List.of("*"),
                "", 100, 50, 40, 0, "retry", 0, transport))
                .hasMessage("name 'bad name' is not letters, digits, '.', '_' or '-'; responseChannel 'aeron:udp?endpoint=127.0.0.1:0' is not "
                        + "of the same media as channel 'aeron:ipc'; suspectAfterMs 50 is below heartbeatIntervalMs (100); livenessTimeoutMs 40 "
                        + "is not above suspectAfterMs (50); callTimeoutMs 0 is below 1; onLoss 'retry' is not stay-bound or unregister");
        ClientSettings udp = ClientSettings.of("car", "aeron:udp?endpoint=127.0.0.1:40456", 4100, "", java.util.List.of("*"), "x", 500,
                1000, 3000, 5000, "unregister", 0, transport);
        assertThat(udp.responseChannel()).isEqualTo("aeron:udp?endpoint=127.0.0.1:0");
        assertThat(udp.onLoss()).isEqualTo(ClientSettings.OnLoss.UNREGISTER);
    }
}
