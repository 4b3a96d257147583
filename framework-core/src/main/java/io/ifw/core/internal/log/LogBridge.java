package io.ifw.core.internal.log;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Puts what other bundles (SCR, the framework, libraries) log through the OSGi Log Service on the
 * container's one logging path, java.util.logging, under the logger {@code osgi.BUNDLE}. The
 * framework's own event entries ({@code Events.*}) are left out: they are a trace, not a log.
 */
@Component(immediate = true)
public final class LogBridge implements LogListener {

    @Reference
    private LogReaderService reader;

    @Activate
    void activate() {
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String loggerName = entry.getLoggerName();
        if (loggerName != null && loggerName.startsWith("Events.")) {
            return;
        }
        String bundle = entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName();
        Logger logger = Logger.getLogger("osgi." + bundle);
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
