package dev.tickerplant.daemon.reload;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tickerplant.config.ConfigException;
import org.slf4j.LoggerFactory;

/** The root logger's level, which logback.xml takes from {@code TICKERPLANT_LOG_LEVEL} at start. */
final class RootLogLevel {
    private RootLogLevel() {
    }

    /** The level {@code value} names, checked before anything is applied. */
    static Level parse(String value) {
        Level level = Level.toLevel(value.strip(), null);
        if (level == null) {
            throw new ConfigException("Invalid TICKERPLANT_LOG_LEVEL = \"" + value
                    + "\": expected one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        return level;
    }

    static Level current() {
        return root().getLevel();
    }

    static void set(Level level) {
        root().setLevel(level);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
