package io.ifw.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What one java.util.logging logger logs while a test runs: {@code try (LogLines log = LogLines.of(NAME)) { … }}. */
final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogLines(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(handler);
    }

    static LogLines of(String loggerName) {
        return new LogLines(loggerName);
    }

    /** Each record as "LEVEL message" (and " exception" when it has one). */
    List<String> withLevel() {
        return records.stream().map(r -> r.getLevel() + " " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** Each record's message. */
    List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
