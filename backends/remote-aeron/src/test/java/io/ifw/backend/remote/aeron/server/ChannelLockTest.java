package io.ifw.backend.remote.aeron.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifw.backend.remote.aeron.transport.TransportSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLockTest {

    @TempDir
    Path folder;

    private static ServerSettings server(String channel, int stream, String aeronDirectory) {
        return ServerSettings.of("s", channel, stream, List.of("*"), "secret", "", 500, 3000, 2000,
                TransportSettings.of(aeronDirectory, true, "shared", "backoff", 64 * 1024, 10_000));
    }

    @Test
    void shouldTellIpcChannelsApartByAeronDirectoryAndUdpChannelsByEndpoint() {
        assertThat(ChannelLock.key(server("aeron:ipc", 4100, "/dev/shm/a"))).isEqualTo("ipc /dev/shm/a stream 4100");
        assertThat(ChannelLock.key(server("aeron:ipc", 4100, "/dev/shm/b/../a"))).isEqualTo("ipc /dev/shm/a stream 4100");
        assertThat(ChannelLock.key(server("aeron:udp?endpoint=127.0.0.1:40456", 4100, "/dev/shm/a")))
                .isEqualTo(ChannelLock.key(server("aeron:udp?endpoint=127.0.0.1:40456", 4100, "/dev/shm/b")));
        assertThat(ChannelLock.key(server("aeron:udp?endpoint=127.0.0.1:40456", 4101, "/dev/shm/a")))
                .isNotEqualTo(ChannelLock.key(server("aeron:udp?endpoint=127.0.0.1:40456", 4100, "/dev/shm/a")));
    }

    @Test
    void shouldRefuseASecondHolderUntilTheFirstClosesAndNameTheFirst() throws Exception {
        ServerSettings settings = server("aeron:ipc", 4100, folder.resolve("aeron").toString());
        ChannelLock first = ChannelLock.acquire(settings, "server 'first'", folder);
        assertThat(first.held()).isTrue();

        assertThatThrownBy(() -> ChannelLock.acquire(settings, "server 'second'", folder))
                .isInstanceOf(ChannelLock.ChannelTakenException.class)
                .hasMessageStartingWith("server 'first' in process " + ProcessHandle.current().pid() + " on ")
                .hasMessageContaining(" already serves aeron:ipc stream 4100 (lock " + folder);

        first.close();
        try (ChannelLock second = ChannelLock.acquire(settings, "server 'second'", folder)) {
            assertThat(second.held()).isTrue();
        }
    }

    @Test
    void shouldLetTheServerRunUncheckedWhereTheLockFolderCannotBeWritten() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("a-file"), "in the way");
        ServerSettings settings = server("aeron:ipc", 4100, folder.resolve("aeron").toString());

        try (ChannelLock first = ChannelLock.acquire(settings, "server 'first'", notAFolder.resolve("locks"));
             ChannelLock second = ChannelLock.acquire(settings, "server 'second'", notAFolder.resolve("locks"))) {
            assertThat(first.held()).as("no lock could be taken, and none is claimed").isFalse();
            assertThat(second.held()).isFalse();
        }
        assertThat(Files.readString(notAFolder)).isEqualTo("in the way");
    }
}
