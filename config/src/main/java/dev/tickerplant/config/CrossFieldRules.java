package dev.tickerplant.config;

import java.net.URI;
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

    static void requirePriorityPerConnectionAtMostPerConnection(int priorityPerConnection, Origin priorityOrigin,
            int perConnection, Origin perConnectionOrigin) {
        if (priorityPerConnection > perConnection) {
            throw ConfigException.invalid(SettingDefinitions.PRIORITY_PRODUCTS_PER_CONNECTION.key(),
                    String.valueOf(priorityPerConnection), priorityOrigin,
                    "an integer at most " + SettingDefinitions.PRODUCTS_PER_CONNECTION.key() + " = " + perConnection
                            + ConfigException.from(perConnectionOrigin));
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

    static void requireBusForRole(Role role, Origin roleOrigin, List<URI> servers) {
        if (role.needsBus() && servers.isEmpty()) {
            throw new ConfigException("Invalid setting " + SettingDefinitions.ROLE.key() + " = "
                    + ConfigException.quote(role.key()) + ConfigException.from(roleOrigin) + ": it needs "
                    + SettingDefinitions.NATS_URL.key() + " (e.g. " + SettingDefinitions.NATS_URL.flag()
                    + " nats://127.0.0.1:4222)");
        }
    }

    static void requireSingleInstanceOnFanout(Role role, Origin roleOrigin, InstanceSlot instance,
            Origin instanceOrigin) {
        if (role == Role.FANOUT && !instance.equals(InstanceSlot.ONLY)) {
            throw new ConfigException("Conflicting settings " + SettingDefinitions.INSTANCE.key() + " = " + instance
                    + ConfigException.from(instanceOrigin) + " and " + SettingDefinitions.ROLE.key() + " = " + role
                    + ConfigException.from(roleOrigin) + ": " + SettingDefinitions.INSTANCE.key()
                    + " applies to ingest nodes only; leave it at " + InstanceSlot.ONLY + " on a fanout node");
        }
    }

    static void requireUpstreamToSimulate(Role role, Origin roleOrigin, boolean simulate, Origin simulateOrigin) {
        if (simulate && !role.hasUpstream()) {
            throw new ConfigException("Conflicting settings " + SettingDefinitions.SIMULATE.key() + " = true"
                    + ConfigException.from(simulateOrigin) + " and " + SettingDefinitions.ROLE.key() + " = " + role
                    + ConfigException.from(roleOrigin) + ": a fanout node has no upstream to simulate; leave "
                    + SettingDefinitions.SIMULATE.key() + " off, or simulate on an ingest or all node");
        }
    }

    static void requireDuplicateWindowAtMostMaxAge(Duration maxAge, Origin maxAgeOrigin, Duration window,
            Origin windowOrigin) {
        // JetStream refuses a stream whose duplicate window is longer than its max age.
        if (window.compareTo(maxAge) > 0) {
            throw ConfigException.invalid(SettingDefinitions.NATS_DUPLICATE_WINDOW.key(),
                    DurationFormat.format(window), windowOrigin, "a duration at most "
                            + SettingDefinitions.NATS_MAX_AGE.key() + " = " + DurationFormat.format(maxAge)
                            + ConfigException.from(maxAgeOrigin));
        }
    }
}
