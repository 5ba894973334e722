package dev.tickerplant.config;

import java.time.Duration;
import java.util.List;

/**
 * Rules that tie two settings together. The loader applies them with the origins it knows, so the user learns where
 * each value came from; the records apply them again without origins, so no inconsistent {@link Settings} exists.
 * A {@code null} origin is left out of the message.
 */
final class CrossFieldRules {

    private CrossFieldRules() {
    }

    static void requireProductsOrTopN(List<String> products, Origin productsOrigin, int topN, Origin topNOrigin) {
        if (!products.isEmpty() && topN > 0) {
            throw new ConfigException("Conflicting settings " + SettingDefinitions.PRODUCTS.key()
                    + ConfigException.from(productsOrigin) + " and " + SettingDefinitions.TOP_N.key() + " = " + topN
                    + ConfigException.from(topNOrigin) + ": expected only one of them, either explicit "
                    + SettingDefinitions.PRODUCTS.key() + " or the top N by volume");
        }
    }

    static void requireBackoffMaxAtLeastInitial(Duration initial, Origin initialOrigin, Duration max,
            Origin maxOrigin) {
        if (max.compareTo(initial) < 0) {
            Setting<Duration> initialSetting = SettingDefinitions.BACKOFF_INITIAL;
            throw ConfigException.invalid(SettingDefinitions.BACKOFF_MAX.key(), DurationFormat.format(max),
                    maxOrigin, "a duration at least " + initialSetting.key() + " = "
                            + DurationFormat.format(initial) + ConfigException.from(initialOrigin));
        }
    }

    static void requireBothCredentialsOrNeither(boolean hasKeyName, Origin keyNameOrigin, boolean hasKeyFile,
            Origin keyFileOrigin) {
        if (hasKeyName == hasKeyFile) {
            return;
        }
        Setting<?> given = hasKeyName ? SettingDefinitions.API_KEY_NAME : SettingDefinitions.API_PRIVATE_KEY_FILE;
        Setting<?> missing = hasKeyName ? SettingDefinitions.API_PRIVATE_KEY_FILE : SettingDefinitions.API_KEY_NAME;
        Origin givenOrigin = hasKeyName ? keyNameOrigin : keyFileOrigin;
        throw new ConfigException("Missing setting " + missing.key() + ": " + given.key() + " is set"
                + ConfigException.from(givenOrigin) + ", expected both " + SettingDefinitions.API_KEY_NAME.key()
                + " and " + SettingDefinitions.API_PRIVATE_KEY_FILE.key() + " or neither");
    }

    static void requireWriteBufferLowAtMostHigh(int low, Origin lowOrigin, int high, Origin highOrigin) {
        if (high < low) {
            throw ConfigException.invalid(SettingDefinitions.WRITE_BUFFER_HIGH.key(), ByteSizeFormat.format(high),
                    highOrigin, "a size at least " + SettingDefinitions.WRITE_BUFFER_LOW.key() + " = "
                            + ByteSizeFormat.format(low) + ConfigException.from(lowOrigin));
        }
    }

    static void requireDownCoverageAtMostReady(double ready, Origin readyOrigin, double down, Origin downOrigin) {
        if (down > ready) {
            throw ConfigException.invalid(SettingDefinitions.HEALTH_DOWN_COVERAGE.key(),
                    SettingDefinitions.HEALTH_DOWN_COVERAGE.type().format(down), downOrigin,
                    "a number at most " + SettingDefinitions.HEALTH_READY_COVERAGE.key() + " = "
                            + SettingDefinitions.HEALTH_READY_COVERAGE.type().format(ready)
                            + ConfigException.from(readyOrigin));
        }
    }
}
