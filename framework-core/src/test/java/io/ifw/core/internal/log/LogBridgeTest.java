package io.ifw.core.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogBridgeTest {

    private final List<LogRecord> published = new ArrayList<>();
    private final Logger osgi = Logger.getLogger("osgi");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            published.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        osgi.addHandler(handler);
        osgi.setLevel(Level.ALL);
        osgi.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        osgi.removeHandler(handler);
        osgi.setLevel(null);
        osgi.setUseParentHandlers(true);
    }

    @Test
    void shouldPutAnotherBundlesEntryOnJavaUtilLoggingUnderItsBundleName() {
        new LogBridge().logged(entry("org.apache.felix.scr", "org.apache.felix.scr.Component", LogLevel.WARN, "bundle 12 failed"));

        assertEquals(1, published.size());
        assertEquals("osgi.org.apache.felix.scr", published.get(0).getLoggerName());
        assertEquals(Level.WARNING, published.get(0).getLevel());
        assertEquals("bundle 12 failed", published.get(0).getMessage());
    }

    @Test
    void shouldLeaveOutTheFrameworksEventTraceAndItsOwnRecordsComingBack() {
        LogBridge bridge = new LogBridge();
        bridge.logged(entry("org.apache.felix.framework", "Events.Service", LogLevel.INFO, "ServiceEvent REGISTERED"));
        // where java.util.logging feeds the OSGi log (Karaf), the bridge's own record comes back to it
        bridge.logged(entry("io.ifw.core", "osgi.org.apache.felix.scr", LogLevel.WARN, "bundle 12 failed"));

        assertEquals(List.of(), published);
    }

    @Test
    void shouldNotListenToPaxLoggingWhichHasItsOwnOutput() {
        assertTrue(LogBridge.hasOwnOutput(reference("org.ops4j.pax.logging.pax-logging-log4j2")));
        assertFalse(LogBridge.hasOwnOutput(reference("org.apache.felix.log")));
    }

    private static LogEntry entry(String bundleName, String loggerName, LogLevel level, String message) {
        Bundle bundle = bundle(bundleName);
        return (LogEntry) Proxy.newProxyInstance(LogBridgeTest.class.getClassLoader(), new Class<?>[] {LogEntry.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getBundle": return bundle;
                case "getLoggerName": return loggerName;
                case "getLogLevel": return level;
                case "getMessage": return message;
                case "getTime": return 0L;
                default: return null;
            }
        });
    }

    private static ServiceReference<?> reference(String providerName) {
        Bundle bundle = bundle(providerName);
        return (ServiceReference<?>) Proxy.newProxyInstance(LogBridgeTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> "getBundle".equals(method.getName()) ? bundle : null);
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(LogBridgeTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> "getSymbolicName".equals(method.getName()) ? symbolicName : null);
    }
}
