package io.sdlclens.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The service's log lines at or above a level, as they are written, while it is open. */
public final class LogRecords extends Handler implements AutoCloseable {

    private final Level least;
    private final List<String> lines = new ArrayList<>();

    private LogRecords(Level least) {
        this.least = least;
    }

    public static LogRecords capture(Level least) {
        LogRecords records = new LogRecords(least);
        Logger.getLogger("").addHandler(records);
        return records;
    }

    /** "LEVEL logger: message", formatted as the log shows it. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= least.intValue()) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
