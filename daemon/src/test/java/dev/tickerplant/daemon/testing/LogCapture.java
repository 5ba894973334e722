package dev.tickerplant.daemon.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged in this JVM while open, from every logger at every level the configuration lets through to the
 * root logger, with stack traces: what an operator's log file would hold.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture ofEverything() {
        return new LogCapture();
    }

    /** Every event as its log line would read: level, logger, message, then any stack trace. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : snapshot()) {
            StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                    .append(event.getLoggerName()).append(" [").append(event.getThreadName()).append("] - ")
                    .append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append("\n  ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (var frame : t.getStackTraceElementProxyArray()) {
                    line.append("\n    ").append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The lines at {@code level} or above. */
    public List<String> linesAtLeast(Level level) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : snapshot()) {
            if (event.getLevel().isGreaterOrEqual(level)) {
                lines.add(event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
                        + (event.getThrowableProxy() != null ? " / " + event.getThrowableProxy().getClassName() + ": "
                                + event.getThrowableProxy().getMessage() : ""));
            }
        }
        return lines;
    }

    /** Events that carry an exception. */
    public List<String> withThrowable() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : snapshot()) {
            if (event.getThrowableProxy() != null) {
                lines.add(event.getLoggerName() + " - " + event.getFormattedMessage() + " / "
                        + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
            }
        }
        return lines;
    }

    private List<ILoggingEvent> snapshot() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
