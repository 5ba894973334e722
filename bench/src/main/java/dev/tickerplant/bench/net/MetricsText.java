package dev.tickerplant.bench.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's latency summaries from its Prometheus text ({@code GET /metrics}): every
 * {@code tickerplant_<stage>_seconds} family with its quantiles, count and max, converted to microseconds.
 */
public final class MetricsText {

    private static final Pattern SAMPLE = Pattern.compile(
            "^tickerplant_([a-z0-9_]+?)_seconds(_count|_max|_sum)?(?:\\{quantile=\"([0-9.]+)\"\\})? (\\S+)$");

    private MetricsText() {
    }

    /** Stage name (e.g. {@code exchange_to_receive}) → {@code p50_us, p90_us, p99_us, p99_9_us, max_us, count}. */
    public static Map<String, Map<String, Object>> latencies(String text) {
        Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Map<String, Object> stage = stages.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>());
            double value = parse(m.group(4));
            String suffix = m.group(2);
            if (suffix == null && m.group(3) != null) {
                stage.put(quantileKey(m.group(3)), value * 1e6);
            } else if ("_count".equals(suffix)) {
                stage.put("count", (long) value);
            } else if ("_max".equals(suffix)) {
                stage.put("max_us", value * 1e6);
            }
        }
        stages.values().removeIf(stage -> !stage.containsKey("count"));
        return stages;
    }

    private static String quantileKey(String quantile) {
        return switch (quantile) {
            case "0.5" -> "p50_us";
            case "0.9" -> "p90_us";
            case "0.99" -> "p99_us";
            case "0.999" -> "p99_9_us";
            default -> "q" + quantile + "_us";
        };
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
