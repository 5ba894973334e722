package dev.tickerplant.daemon.reload;

import dev.tickerplant.config.ConfigException;

/** Loads the settings again, as at start, from the same command line, config file and environment file. */
@FunctionalInterface
public interface ConfigSource {
    /** Nothing to reload from: a daemon built by a test from settings alone. */
    ConfigSource NONE = () -> {
        throw new ConfigException("Cannot reload: this daemon was started from settings, not from a config file");
    };

    /** @throws ConfigException when a setting is bad: the reload then changes nothing */
    ConfigReading read();
}
