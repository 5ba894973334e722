package dev.tickerplant.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line split into setting values ({@code --key value} or {@code --key=value}), the config file to read
 * and whether help was asked for. A flag given twice keeps its last value, so wrappers can append overrides.
 */
final class CommandLine {

    static final String CONFIG_KEY = "config";
    static final String CONFIG_FLAG = "--" + CONFIG_KEY;
    static final String HELP_FLAG = "--help";
    static final String SHORT_HELP_FLAG = "-h";

    private final Map<String, RawValue> values;
    private final Optional<RawValue> configFile;
    private final boolean helpRequested;

    private CommandLine(Map<String, RawValue> values, Optional<RawValue> configFile, boolean helpRequested) {
        this.values = Collections.unmodifiableMap(values);
        this.configFile = configFile;
        this.helpRequested = helpRequested;
    }

    static CommandLine parse(String[] args) {
        for (String arg : args) {
            // Help wins over every other mistake on the line: whoever asks for it is trying to fix one.
            if (arg.equals(HELP_FLAG) || arg.equals(SHORT_HELP_FLAG)) {
                return new CommandLine(Map.of(), Optional.empty(), true);
            }
        }
        Map<String, RawValue> values = new LinkedHashMap<>();
        RawValue configFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw notAnOption(arg);
            }
            int equals = arg.indexOf('=');
            String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String flag = "--" + key;
            Origin origin = Origin.commandLine(flag);
            String inlineValue = equals < 0 ? null : arg.substring(equals + 1);
            if (key.equals(CONFIG_KEY)) {
                String path = inlineValue;
                if (path == null) {
                    path = requireNext(args, i, key, origin, "a file path");
                    i++;
                }
                configFile = new RawValue(path, origin);
                continue;
            }
            Setting<?> setting = SettingDefinitions.byKey(key).orElseThrow(() -> unknownOption(flag));
            String text;
            if (inlineValue != null) {
                text = inlineValue;
            } else if (setting.type().bareFlagAllowed()) {
                boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("-");
                text = valueFollows ? args[++i] : "true";
            } else {
                text = requireNext(args, i, key, origin, setting.type().expectation());
                i++;
            }
            values.put(setting.key(), new RawValue(text, origin));
        }
        return new CommandLine(values, Optional.ofNullable(configFile), false);
    }

    /** Setting values by key; only settings the command line names. */
    Map<String, RawValue> values() {
        return values;
    }

    Optional<RawValue> configFile() {
        return configFile;
    }

    boolean helpRequested() {
        return helpRequested;
    }

    /** Every flag the command line understands, for suggestions. */
    static List<String> knownFlags() {
        List<String> flags = new ArrayList<>();
        SettingDefinitions.ALL.forEach(setting -> flags.add(setting.flag()));
        flags.add(CONFIG_FLAG);
        flags.add(HELP_FLAG);
        return flags;
    }

    private static String requireNext(String[] args, int index, String key, Origin origin, String expected) {
        // "--products --top-n 5" is a forgotten value, not a product called "--top-n".
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new ConfigException("Missing value for setting " + key + ConfigException.from(origin)
                    + ": expected " + expected);
        }
        return args[index + 1];
    }

    private static ConfigException unknownOption(String flag) {
        return new ConfigException("Unknown option " + flag + " (from command line): "
                + Suggestions.didYouMean(flag, knownFlags()));
    }

    private static ConfigException notAnOption(String arg) {
        if (arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")) {
            return unknownOption(arg);
        }
        return new ConfigException("Unexpected argument " + ConfigException.quote(arg)
                + " (from command line): expected options of the form --key value or --key=value");
    }
}
