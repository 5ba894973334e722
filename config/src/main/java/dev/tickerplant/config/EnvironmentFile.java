package dev.tickerplant.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of a systemd {@code EnvironmentFile=} ({@code KEY=value} lines, {@code #} or {@code ;} comments,
 * values optionally in single or double quotes), read again by a reload: systemd reads the file only when it starts
 * the process, so the process environment keeps the values of that moment.
 */
public final class EnvironmentFile {
    private EnvironmentFile() {
    }

    /** @throws ConfigException when the file cannot be read, naming it */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read environment file " + file + ": " + e
                    + " (expected: a readable UTF-8 file of KEY=value lines, as the unit's EnvironmentFile=)");
        }
        return parse(lines);
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
