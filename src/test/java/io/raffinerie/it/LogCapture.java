package io.raffinerie.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;

/** The records the operator in the test JVM logs while it is open. */
final class LogCapture extends Handler implements AutoCloseable {
    private static final Formatter FORMAT = new SimpleFormatter();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }

    List<LogRecord> records() {
        return records;
    }

    /** The formatted messages at that level that start with the prefix. */
    List<String> lines(Level level, String prefix) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogCapture::text)
                .filter(message -> message != null && message.startsWith(prefix)).toList();
    }

    /** The records that carry a stack trace, as logger: message. */
    List<String> withStackTrace() {
        return records.stream().filter(r -> r.getThrown() != null).map(r -> r.getLoggerName() + ": " + text(r)).toList();
    }

    /** The message with its parameters: JBoss Logging's printf-style ones as well as JUL's. */
    static String text(LogRecord record) {
        return record instanceof ExtLogRecord jboss ? jboss.getFormattedMessage() : FORMAT.formatMessage(record);
    }
}
