package dev.tickerplant.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a config file written in Java-properties syntax: {@code key = value} (or {@code key: value}, or
 * {@code key value}), {@code #} and {@code !} comment lines, a trailing backslash to continue a value on the next
 * line. Unlike {@link java.util.Properties} it keeps line numbers for error messages, rejects a key given twice and
 * takes other backslashes literally, so Windows paths need no doubling. The file is UTF-8.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Setting values by key, each with its file and line.
     *
     * @param location the file's path, with where that path came from ({@code --config} or the environment)
     */
    static Map<String, RawValue> read(RawValue location) {
        Path path = readablePath(location);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            throw invalidLocation(location, "a UTF-8 text file");
        } catch (IOException unreadable) {
            throw invalidLocation(location, "a readable file, but reading failed: " + unreadable);
        }
        return parse(path, lines);
    }

    static Map<String, RawValue> parse(Path path, List<String> lines) {
        Map<String, RawValue> values = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        int next = 0;
        while (next < lines.size()) {
            int lineNumber = next + 1;
            StringBuilder logical = new StringBuilder(lines.get(next++).stripLeading());
            if (logical.length() == 0 || logical.charAt(0) == '#' || logical.charAt(0) == '!') {
                continue;
            }
            while (endsWithContinuation(logical)) {
                logical.setLength(logical.length() - 1);
                if (next < lines.size()) {
                    logical.append(lines.get(next++).stripLeading());
                }
            }
            Origin origin = Origin.configFile(path, lineNumber);
            String line = logical.toString();
            int keyEnd = keyEnd(line);
            String key = line.substring(0, keyEnd);
            String value = valueAfterKey(line, keyEnd);
            requireKnown(key, origin);
            Integer earlier = firstLine.putIfAbsent(key, lineNumber);
            if (earlier != null) {
                throw new ConfigException("Duplicate setting " + key + ConfigException.from(origin)
                        + ": expected each key once, but it is also set on line " + earlier);
            }
            values.put(key, new RawValue(value, origin));
        }
        return Collections.unmodifiableMap(values);
    }

    private static Path readablePath(RawValue location) {
        try {
            return ValueTypes.readableFile().parse(location.text().strip());
        } catch (InvalidValueException invalid) {
            throw invalidLocation(location, invalid.expected());
        }
    }

    private static ConfigException invalidLocation(RawValue location, String expected) {
        return ConfigException.invalid(CommandLine.CONFIG_KEY, location.text(), location.origin(), expected);
    }

    private static void requireKnown(String key, Origin origin) {
        if (key.equals(CommandLine.CONFIG_KEY)) {
            throw new ConfigException("Unknown setting " + ConfigException.quote(key) + ConfigException.from(origin)
                    + ": a config file cannot name another one, expected " + CommandLine.CONFIG_FLAG + " or "
                    + SettingsLoader.CONFIG_ENV);
        }
        if (SettingDefinitions.byKey(key).isEmpty()) {
            throw new ConfigException("Unknown setting " + ConfigException.quote(key) + ConfigException.from(origin)
                    + ": " + Suggestions.didYouMean(key, SettingDefinitions.keys()));
        }
    }

    /** An odd number of trailing backslashes: the last one joins the next line, as in java.util.Properties. */
    private static boolean endsWithContinuation(CharSequence line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The key ends at the first {@code =}, {@code :} or whitespace. */
    private static int keyEnd(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return line.length();
    }

    /** Skips blanks and at most one {@code =} or {@code :} after the key; the rest, trimmed, is the value. */
    private static String valueAfterKey(String line, int keyEnd) {
        String rest = line.substring(keyEnd).stripLeading();
        if (!rest.isEmpty() && (rest.charAt(0) == '=' || rest.charAt(0) == ':')) {
            rest = rest.substring(1);
        }
        return rest.strip();
    }
}
