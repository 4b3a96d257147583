package io.ifw.core.internal.log;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Puts what other bundles (SCR, the framework, libraries) log through the OSGi Log Service on the
 * container's one logging path, java.util.logging, under the logger {@code osgi.BUNDLE}. The
 * framework's own event entries ({@code Events.*}) are left out: they are a trace, not a log.
 * Optional: where no Log Service reader is registered there is nothing to bridge, and where the
 * reader is Pax Logging's (Karaf) the container has its own output, which java.util.logging
 * already feeds: bridging it back would print every entry twice, or for ever.
 */
@Component(immediate = true)
public final class LogBridge implements LogListener {

    private static final String BRIDGED = "osgi.";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void addReader(LogReaderService reader, ServiceReference<LogReaderService> reference) {
        if (!hasOwnOutput(reference)) {
            reader.addLogListener(this);
        }
    }

    void removeReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    static boolean hasOwnOutput(ServiceReference<?> reference) {
        Bundle provider = reference.getBundle();
        return provider != null && provider.getSymbolicName() != null && provider.getSymbolicName().startsWith("org.ops4j.pax.logging");
    }

    @Override
    public void logged(LogEntry entry) {
        String loggerName = entry.getLoggerName();
        // Events.*: the framework's trace; osgi.*: this bridge's own records, where the log feeds itself
        if (loggerName != null && (loggerName.startsWith("Events.") || loggerName.startsWith(BRIDGED))) {
            return;
        }
        String bundle = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        Logger logger = Logger.getLogger(BRIDGED + bundle);
        Level level = level(entry);
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, entry.getMessage());
        record.setLoggerName(logger.getName());
        record.setThrown(entry.getException());
        record.setInstant(java.time.Instant.ofEpochMilli(entry.getTime()));
        logger.log(record);
    }

    private static Level level(LogEntry entry) {
        switch (entry.getLogLevel()) {
            case AUDIT:
            case ERROR:
                return Level.SEVERE;
            case WARN:
                return Level.WARNING;
            case INFO:
                return Level.INFO;
            case DEBUG:
                return Level.FINE;
            default:
                return Level.FINEST;
        }
    }
}
