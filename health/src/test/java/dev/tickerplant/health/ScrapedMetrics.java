package dev.tickerplant.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A /metrics page (text format 0.0.4 or OpenMetrics) read back: each family's {@code # TYPE} and {@code # HELP}, and
 * every sample as {@code name{labels}} → value, the labels as the page writes them. A line that is none of these
 * fails the test.
 */
record ScrapedMetrics(Map<String, String> types, Map<String, String> help, Map<String, Double> samples) {
    private static final Pattern META = Pattern.compile("# (TYPE|HELP) (\\S+) (.*)");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*})?) (\\S+)");

    static ScrapedMetrics parse(String page) {
        ScrapedMetrics parsed = new ScrapedMetrics(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (String line : page.split("\n")) {
            Matcher meta = META.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (meta.matches()) {
                (meta.group(1).equals("TYPE") ? parsed.types : parsed.help).put(meta.group(2), meta.group(3));
            } else if (sample.matches()) {
                if (parsed.samples.put(sample.group(1), number(sample.group(2))) != null) {
                    throw new AssertionError("series twice: " + sample.group(1));
                }
            } else if (!line.equals("# EOF")) {
                throw new AssertionError("not a metrics line: \"" + line + "\"");
            }
        }
        return parsed;
    }

    double value(String series) {
        Double value = samples.get(series);
        if (value == null) {
            throw new AssertionError("no series " + series + " among " + samples.keySet());
        }
        return value;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
