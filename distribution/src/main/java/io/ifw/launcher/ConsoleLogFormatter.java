package io.ifw.launcher;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The console's log format: one line per record, with the innermost cause's message instead of
 * a stack trace; the log file keeps the stack traces. Declarative Services' report of a component
 * that failed on a configuration value it cannot use is left out: the component has logged one
 * line naming the file, the key, the value and what is expected. Named in {@code conf/logging.properties}.
 */
public final class ConsoleLogFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        if (record.getThrown() != null && record.getLoggerName() != null && record.getLoggerName().startsWith("osgi.")
                && ResolutionMessage.invalidConfiguration(record.getThrown()) != null) {
            // Declarative Services reporting a component that refused its configuration: the
            // component has said so in one line already ("IFW: component C is FAILED: ..."); the
            // log file keeps this record with its stack trace.
            return "";
        }
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(shortName(record.getLoggerName())).append(": ")
                .append(ResolutionMessage.firstLine(String.valueOf(formatMessage(record))));
        if (record.getThrown() != null) {
            line.append(" (").append(ResolutionMessage.rootCause(record.getThrown())).append("; stack trace in the log file)");
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String shortName(String loggerName) {
        if (loggerName == null) {
            return "";
        }
        if (loggerName.startsWith("osgi.")) {
            return loggerName;
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
