package dev.tickerplant.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Setting values from the environment: {@code TICKERPLANT_<KEY>}, then the seed system's aliases. An empty variable
 * counts as unset, because container files often declare a variable without giving it a value.
 */
final class EnvironmentVariables {

    private EnvironmentVariables() {
    }

    /** Setting values by key; only settings the environment names. */
    static Map<String, RawValue> read(Map<String, String> env) {
        Map<String, RawValue> values = new LinkedHashMap<>();
        for (Setting<?> setting : SettingDefinitions.ALL) {
            for (String name : setting.envNames()) {
                String text = env.get(name);
                if (text != null && !text.isBlank()) {
                    values.put(setting.key(), new RawValue(text, Origin.environment(name)));
                    break;
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }
}
