package dev.tickerplant.daemon.reload;

import dev.tickerplant.config.Settings;
import java.util.Optional;

/**
 * One reading of the configuration.
 *
 * @param settings the settings, validated
 * @param logLevel {@code TICKERPLANT_LOG_LEVEL}, which logback reads at start and a reload applies to the root logger
 */
public record ConfigReading(Settings settings, Optional<String> logLevel) {
}
