package dev.tickerplant.config;

import java.util.List;

/** Which settings two loads disagree on, by key: what a reload of the settings would change. */
public final class SettingsDiff {
    private SettingsDiff() {
    }

    /** The keys of the settings whose values differ between {@code before} and {@code after}, in --help order. */
    public static List<String> changedKeys(Settings before, Settings after) {
        return SettingDefinitions.ALL.stream().filter(setting -> !setting.sameIn(before, after)).map(Setting::key)
                .toList();
    }
}
