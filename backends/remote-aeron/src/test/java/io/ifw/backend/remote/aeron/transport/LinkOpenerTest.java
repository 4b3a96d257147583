package io.ifw.backend.remote.aeron.transport;


import static io.ifw.backend.remote.aeron.RemoteHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LinkOpenerTest {

    /** A link whose opening waits for the test, as a media-driver launch makes Aeron.connect wait. */
    private static final class SlowLink implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();
        final String openedOn = Thread.currentThread().getName();

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void shouldOpenOnItsOwnThreadWhileTheCallerGoesOn() throws Exception {
        CountDownLatch driverUp = new CountDownLatch(1);
        try (LinkOpener<SlowLink> opener = new LinkOpener<>("ifw-test-driver", () -> {
            try {
                driverUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SlowLink();
        })) {
            opener.start();
            assertThat(opener.opening()).isTrue();
            assertThat(opener.take()).as("the caller is not held while the link opens").isNull();
            opener.start(); // a second start while one runs starts nothing

            driverUp.countDown();
            AtomicReference<SlowLink> link = new AtomicReference<>();
            await(() -> {
                link.set(opener.take());
                return link.get() != null;
            }, "the link is taken once open");
            assertThat(link.get().openedOn).isEqualTo("ifw-test-driver");
            assertThat(opener.opening()).isFalse();
        }
    }

    @Test
    void shouldHandTheCallerWhyAnAttemptFailedAndTryAgainWhenStarted() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (LinkOpener<SlowLink> opener = new LinkOpener<>("ifw-test-driver", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("no media driver in /dev/shm/none");
            }
            return new SlowLink();
        })) {
            opener.start();
            await(() -> attempts.get() == 1, "the first attempt ran");
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            await(() -> {
                try {
                    assertThat(opener.take()).as("no link from a failed attempt").isNull();
                    return false;
                } catch (IllegalStateException e) {
                    failure.set(e);
                    return true;
                }
            }, "the failure reaches the caller");
            assertThat(failure.get()).hasMessage("no media driver in /dev/shm/none");
            assertThat(opener.opening()).isFalse();
            assertThat(opener.take()).as("a failure is handed over once").isNull();

            opener.start();
            AtomicReference<SlowLink> link = new AtomicReference<>();
            await(() -> {
                link.set(opener.take());
                return link.get() != null;
            }, "the second attempt opens");
            assertThat(attempts.get()).isEqualTo(2);
        }
    }

    @Test
    void shouldCloseALinkThatOpensAfterTheOpenerClosed() throws Exception {
        CountDownLatch driverUp = new CountDownLatch(1);
        AtomicReference<SlowLink> opened = new AtomicReference<>();
        LinkOpener<SlowLink> opener = new LinkOpener<>("ifw-test-driver", () -> {
            try {
                driverUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SlowLink link = new SlowLink();
            opened.set(link);
            return link;
        });
        opener.start();
        opener.close();
        driverUp.countDown();

        await(() -> opened.get() != null && opened.get().closed.get(), "the late link is closed, not leaked");
        assertThatThrownBy(opener::start).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
