package dev.tickerplant.daemon.reload;

import dev.tickerplant.config.Settings;
import dev.tickerplant.config.SettingsDiff;
import java.util.List;
import java.util.Set;

/**
 * What a reload does with newly loaded settings: the few a running daemon can take are applied, every other change
 * waits for a restart and is only named.
 *
 * @param applied       settings whose new value takes effect now, in --help order
 * @param restartNeeded settings whose new value differs from the running one and needs a restart, in --help order
 */
public record ReloadPlan(List<String> applied, List<String> restartNeeded) {
    /**
     * What a running daemon can change: the product selection and the priority products (followed make-before-break,
     * as a catalog refresh is), /health's thresholds, the fanout's token and origins, the volume-alert threshold.
     * Everything else shapes threads, sockets, connections or buffers built at start.
     */
    public static final Set<String> AT_RUN_TIME = Set.of("products", "top-n", "priority-products",
            "health-ready-coverage", "health-down-coverage", "auth-token", "allowed-origins", "volume-threshold");

    public ReloadPlan {
        applied = List.copyOf(applied);
        restartNeeded = List.copyOf(restartNeeded);
    }

    /**
     * @param started     the settings the daemon started with (what runs, for everything but {@link #AT_RUN_TIME})
     * @param lastApplied the settings last loaded (what runs, for {@link #AT_RUN_TIME})
     * @param loaded      the settings just loaded
     */
    public static ReloadPlan of(Settings started, Settings lastApplied, Settings loaded) {
        List<String> applied = SettingsDiff.changedKeys(lastApplied, loaded).stream()
                .filter(AT_RUN_TIME::contains).toList();
        List<String> restart = SettingsDiff.changedKeys(started, loaded).stream()
                .filter(key -> !AT_RUN_TIME.contains(key)).toList();
        return new ReloadPlan(applied, restart);
    }

    /** "restart needed for: products, listen-port"; empty when nothing waits for a restart. */
    public String restartLine() {
        return restartNeeded.isEmpty() ? "" : "restart needed for: " + String.join(", ", restartNeeded);
    }
}
