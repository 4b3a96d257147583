package io.ifw.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.aeron.Aeron;
import io.aeron.ConcurrentPublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.inject.Inject;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Aeron (embedded media driver, IPC and UDP) and Chronicle Queue, run inside Felix from the
 * re-bundled jars the container ships: the riskiest part of the stack, proven first.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AeronChronicleSmokeIT {

    private static final int STREAM_ID = 1001;
    private static final int MESSAGES = 1_000;
    private static final int MESSAGE_BYTES = 64;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    @Inject
    private BundleContext context;

    private Path workFolder;

    @Configuration
    public Option[] config() {
        return IfwContainerOptions.container();
    }

    @Before
    public void createWorkFolder() throws IOException {
        workFolder = Files.createTempDirectory("ifw-smoke-");
    }

    @After
    public void deleteWorkFolder() throws IOException {
        try (Stream<Path> files = Files.walk(workFolder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertTrue("work folder left behind: " + workFolder, Files.notExists(workFolder));
    }

    @Test
    public void shouldLoadAeronAndChronicleFromTheContainerBundles() {
        assertEquals("io.ifw.thirdparty.aeron", bundleOf(Aeron.class).getSymbolicName());
        assertEquals("io.ifw.thirdparty.aeron", bundleOf(MediaDriver.class).getSymbolicName());
        assertEquals("io.ifw.thirdparty.chronicle", bundleOf(ChronicleQueue.class).getSymbolicName());
    }

    @Test
    public void shouldExchangeMessagesIntactOverAeronIpc() {
        exchangeOver("aeron:ipc");
    }

    @Test
    public void shouldExchangeMessagesIntactOverAeronUdpOnLoopback() throws IOException {
        exchangeOver("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
    }

    @Test
    public void shouldAppendToAndTailAChronicleQueue() {
        // Chronicle finds its services (the buffer cleaner) with ServiceLoader through the thread's
        // context class loader; inside OSGi that must be Chronicle's own bundle.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ChronicleQueue.class.getClassLoader());
        try {
            appendAndTail();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void appendAndTail() {
        List<byte[]> written = new ArrayList<>();
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(workFolder.resolve("queue")).build();
             ExcerptAppender appender = queue.createAppender()) {
            for (int i = 0; i < MESSAGES; i++) {
                byte[] payload = payload(i);
                written.add(payload);
                try (DocumentContext document = appender.writingDocument()) {
                    document.wire().bytes().writeInt(i).write(payload);
                }
            }
            ExcerptTailer tailer = queue.createTailer().toStart();
            for (int i = 0; i < MESSAGES; i++) {
                try (DocumentContext document = tailer.readingDocument()) {
                    assertTrue("document " + i + " missing", document.isPresent());
                    Bytes<?> bytes = document.wire().bytes();
                    assertEquals(i, bytes.readInt());
                    byte[] read = new byte[MESSAGE_BYTES];
                    bytes.read(read);
                    assertArrayEquals("document " + i, written.get(i), read);
                }
            }
            try (DocumentContext document = tailer.readingDocument()) {
                assertTrue("no document expected after the last", !document.isPresent());
            }
        }
        assertTrue("queue files were written", workFolder.resolve("queue").toFile().list().length > 0);
    }

    private void exchangeOver(String channel) {
        MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(workFolder.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true);
        MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
        Aeron aeron = null;
        try {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Subscription subscription = aeron.addSubscription(channel, STREAM_ID);
            ConcurrentPublication publication = aeron.addPublication(channel, STREAM_ID);
            awaitConnected(publication, subscription);
            List<byte[]> received = new ArrayList<>();
            UnsafeBuffer buffer = new UnsafeBuffer(new byte[MESSAGE_BYTES]);
            long deadline = System.nanoTime() + TIMEOUT_NS;
            int sent = 0;
            while (received.size() < MESSAGES && System.nanoTime() < deadline) {
                if (sent < MESSAGES) {
                    buffer.putBytes(0, payload(sent));
                    if (publication.offer(buffer, 0, MESSAGE_BYTES) > 0) {
                        sent++;
                    }
                }
                subscription.poll((data, offset, length, header) -> {
                    byte[] copy = new byte[length];
                    data.getBytes(offset, copy);
                    received.add(copy);
                }, 10);
            }
            assertEquals("messages received over " + channel, MESSAGES, received.size());
            for (int i = 0; i < MESSAGES; i++) {
                assertArrayEquals("message " + i + " over " + channel, payload(i), received.get(i));
            }
        } finally {
            CloseHelper.closeAll(aeron, driver);
        }
    }

    private static void awaitConnected(ConcurrentPublication publication, Subscription subscription) {
        long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!(publication.isConnected() && subscription.isConnected())) {
            assertTrue("publication and subscription did not connect", System.nanoTime() < deadline);
            Thread.onSpinWait();
        }
    }

    /** A message whose every byte depends on its number, so a mix-up or corruption shows. */
    private static byte[] payload(int number) {
        byte[] payload = new byte[MESSAGE_BYTES];
        for (int i = 0; i < MESSAGE_BYTES; i++) {
            payload[i] = (byte) (number * 31 + i * 7);
        }
        return payload;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Bundle bundleOf(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        assertTrue(type.getName() + " was not loaded from a bundle", bundle != null);
        return bundle;
    }
}
