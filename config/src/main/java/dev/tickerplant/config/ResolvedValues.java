package dev.tickerplant.config;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting's value with its origin, after choosing, per setting, the first layer that gives one (command line,
 * then environment, then config file) and falling back to the default.
 */
final class ResolvedValues implements Lookup {

    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
    private final Map<Setting<?>, Origin> origins = new IdentityHashMap<>();

    private ResolvedValues() {
    }

    /** @param layers setting values by key, the layer that wins first */
    static ResolvedValues resolve(List<Map<String, RawValue>> layers) {
        ResolvedValues resolved = new ResolvedValues();
        // Table order matters: a derived default may read a setting defined before it.
        for (Setting<?> setting : SettingDefinitions.ALL) {
            resolved.resolveOne(setting, layers);
        }
        return resolved;
    }

    private <T> void resolveOne(Setting<T> setting, List<Map<String, RawValue>> layers) {
        for (Map<String, RawValue> layer : layers) {
            RawValue raw = layer.get(setting.key());
            if (raw != null) {
                values.put(setting, setting.parse(raw));
                origins.put(setting, raw.origin());
                return;
            }
        }
        values.put(setting, setting.defaultValue(this));
        origins.put(setting, Origin.DEFAULT);
    }

    @Override
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalStateException("setting " + setting.key() + " read before it was resolved");
        }
        @SuppressWarnings("unchecked") // put() stored the result of setting.parse or setting.defaultValue: a T
        T value = (T) values.get(setting);
        return value;
    }

    Origin origin(Setting<?> setting) {
        return origins.get(setting);
    }
}
