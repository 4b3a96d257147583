package io.ifw.launcher;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The console's log format: one line per record, with the innermost cause's message instead of
 * a stack trace; the log file keeps the stack traces. Named in {@code conf/logging.properties}.
 */
public final class ConsoleLogFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
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
