package dev.tickerplant.daemon.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.tickerplant.fanout.protocol.UntrustedText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The log-level action of the admin API on logback, the daemon's logging backend: sets one logger's level until the
 * process ends (or until logback.xml is read again). Logs each change once, in the line
 * {@code log level of dev.tickerplant.ingest: INFO -> DEBUG (admin API)}.
 */
public final class LogLevels {
    public static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    static final int MAX_LOGGER_CHARS = 200;
    /** Java names joined by dots, as loggers are named after classes and packages ({@code $} of nested classes too). */
    private static final Pattern LOGGER_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LogLevels.class);

    private final LoggerContext context;

    /** On the logging backend this process runs. */
    public LogLevels() {
        this(LoggerFactory.getILoggerFactory());
    }

    LogLevels(ILoggerFactory loggers) {
        if (!(loggers instanceof LoggerContext logback)) {
            throw new IllegalStateException("the logging backend is " + loggers.getClass().getName()
                    + ", not logback: log levels cannot be set");
        }
        this.context = logback;
    }

    /**
     * Sets {@code loggerName}'s level ({@code ROOT} or {@code root}: the root logger's).
     *
     * @param level TRACE, DEBUG, INFO, WARN, ERROR or OFF, in any case
     * @return the logger's effective level before and its level now
     * @throws AdminException 400 {@code bad_level} or {@code bad_logger}, with nothing changed
     */
    public LogLevelReport set(String loggerName, String level) {
        Level now = parseLevel(level);
        Logger logger = context.getLogger(checkName(loggerName));
        Level was = logger.getEffectiveLevel();
        String line = "log level of {}: {} -> {} (admin API)";
        // Said while this class may still log at INFO, or else once the change let it: silencing the root logger is
        // recorded before it takes effect, and lifting a WARN root is recorded after.
        if (log.isInfoEnabled()) {
            log.info(line, logger.getName(), was, now);
            logger.setLevel(now);
        } else {
            logger.setLevel(now);
            log.info(line, logger.getName(), was, now);
        }
        return new LogLevelReport(logger.getName(), was.toString(), now.toString());
    }

    private static Level parseLevel(String level) {
        String name = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(name)) {
            throw new AdminException(400, "bad_level", "unknown level " + UntrustedText.quote(level)
                    + ": expected one of " + String.join(", ", LEVELS) + " (any case)",
                    Map.of("level", UntrustedText.shown(String.valueOf(level)), "expected", LEVELS));
        }
        return Level.toLevel(name);
    }

    /** The logger's name as logback takes it: the root logger under any case of {@code root}. */
    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw AdminException.badRequest("bad_logger", "blank logger name: expected a logger name such as"
                    + " dev.tickerplant.ingest, or ROOT");
        }
        if (name.equalsIgnoreCase(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            return org.slf4j.Logger.ROOT_LOGGER_NAME;
        }
        if (name.length() > MAX_LOGGER_CHARS || !LOGGER_NAME.matcher(name).matches()) {
            throw new AdminException(400, "bad_logger", "bad logger name " + UntrustedText.quote(name)
                    + ": expected a package or class name (letters, digits, _ and $ between dots, at most "
                    + MAX_LOGGER_CHARS + " characters) such as dev.tickerplant.ingest, or ROOT",
                    Map.of("logger", UntrustedText.shown(name)));
        }
        return name;
    }
}
