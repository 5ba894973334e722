package dev.tickerplant.bench.report;

import dev.tickerplant.bench.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets, each compared with what the run measured. Reported, never asserted: a miss says by how much.
 */
public final class Targets {

    private Targets() {
    }

    /** One target: the rule, the figure, and the verdict (null when the scenario did not run). */
    public record Row(String target, String limit, Double measured, String unit, boolean lowerIsBetter, Boolean met,
                      String missedBy) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.put("limit", limit);
            json.put("measured", measured);
            json.put("unit", unit);
            json.put("met", met);
            json.put("missed_by", missedBy);
            return json;
        }
    }

    public static List<Row> evaluate(Map<String, Object> scenarios) {
        List<Row> rows = new ArrayList<>();
        Object latency = scenarios.get("latency");
        rows.add(atMost("(b) end-to-end p99, 100 subscribers", 500, "us",
                number(latency, "subscriber", "end_to_end", "p99_us")));
        rows.add(atMost("(b) end-to-end p99.9, 100 subscribers", 2_000, "us",
                number(latency, "subscriber", "end_to_end", "p99_9_us")));
        rows.add(atLeast("(c) deliveries/s held, 1 000 subscribers", 1_000_000, "deliveries/s",
                number(scenarios.get("fanout_ramp"), "highest_deliveries_per_s_held")));
        rows.add(atMost("(f) bytes allocated per tick, hot path, in (b)", 64, "B",
                number(latency, "daemon", "alloc_bytes_per_tick_hot_path")));
        Object realistic = scenarios.get("realistic");
        rows.add(atMost("(a) RSS", 150, "MB", number(realistic, "daemon", "peak_rss_mb")));
        rows.add(atMost("(a) CPU, % of one core", 2, "%", number(realistic, "daemon", "cpu_percent_of_one_core")));
        if (scenarios.containsKey("realistic_faults")) {
            // Only in runs that ran it: results written before the scenario existed render as they did.
            rows.add(atMost("(a) under faults: RSS, peak of the window", 150, "MB",
                    number(scenarios.get("realistic_faults"), "memory", "rss_peak_window_mb")));
        }
        Object recovery = scenarios.get("recovery");
        rows.add(atMost("(e) reconnect of one connection, p99", 1_000, "ms", number(recovery, "reset_one_ms", "p99")));
        rows.add(atMost("(e) cold start to 20/20, worst", 6_000, "ms", number(scenarios.get("cold_start"), "max")));
        Object ramp = scenarios.get("fanout_ramp");
        rows.add(atMost("(c) daemon CPU per delivery / nats-server's, worst ramp step", 0.5, "ratio",
                worstStep(ramp, 0, "ratios_over_nats", "cpu_per_delivery_tickerplant_over_nats")));
        Double perDelivery = worstStep(ramp, 500, "daemon_cpu_us_per_delivery");
        rows.add(perDelivery == null && ramp != null
                ? notMeasured("(c) daemon CPU per delivery at >= 500 ticks/s, 1 000 subscribers, worst step", 1, "us",
                        "no ramp step at 500 ticks/s or more was measured (" + Json.at(ramp, "stopped") + ")")
                : atMost("(c) daemon CPU per delivery at >= 500 ticks/s, 1 000 subscribers, worst step", 1, "us",
                        perDelivery));
        Object peer = scenarios.get("peer");
        for (int rate : new int[] {200, 2_000}) {
            Object atRate = peerAt(peer, rate);
            rows.add(atMost("CPU per tick, tickerplant / XChange-stream, " + format(rate) + " ticks/s", 1.0 / 3,
                    "ratio", number(atRate, "ratios", "cpu_per_tick_tickerplant_over_peer")));
            rows.add(atMost("p99, tickerplant subscriber / XChange-stream callback, " + format(rate) + " ticks/s", 0.5,
                    "ratio", number(atRate, "ratios", "p99_subscriber_over_peer_callback")));
        }
        return rows;
    }

    public static List<Map<String, Object>> toJson(List<Row> rows) {
        List<Map<String, Object>> json = new ArrayList<>();
        rows.forEach(r -> json.add(r.toJson()));
        return json;
    }

    static Row atMost(String target, double limit, String unit, Double measured) {
        if (measured == null || measured.isNaN()) {
            return new Row(target, "<= " + format(limit) + " " + unit, null, unit, true, null, null);
        }
        boolean met = measured <= limit;
        return new Row(target, "<= " + format(limit) + " " + unit, measured, unit, true, met,
                met ? null : format(measured - limit) + " " + unit + " over (" + format(measured / limit) + "x)");
    }

    static Row atLeast(String target, double limit, String unit, Double measured) {
        if (measured == null || measured.isNaN()) {
            return new Row(target, ">= " + format(limit) + " " + unit, null, unit, false, null, null);
        }
        boolean met = measured >= limit;
        return new Row(target, ">= " + format(limit) + " " + unit, measured, unit, false, met,
                met ? null : format(limit - measured) + " " + unit + " short (" + format(100 * measured / limit)
                        + " % of target)");
    }

    /** The peer comparison's figures at one tick rate, or null. */
    static Object peerAt(Object peer, int rate) {
        if (Json.at(peer, "by_rate") instanceof List<?> list) {
            for (Object entry : list) {
                Double entryRate = number(entry, "tick_rate");
                if (entryRate != null && entryRate == rate) {
                    return entry;
                }
            }
        }
        return null;
    }

    /** The largest figure at {@code path} over the ramp steps at {@code minRate} ticks/s or more; null if none. */
    static Double worstStep(Object ramp, int minRate, Object... path) {
        Double worst = null;
        if (Json.at(ramp, "steps") instanceof List<?> steps) {
            for (Object step : steps) {
                Double rate = number(step, "tick_rate");
                Double value = number(step, path);
                if (rate != null && rate >= minRate && value != null && !value.isNaN()) {
                    worst = worst == null ? value : Math.max(worst, value);
                }
            }
        }
        return worst;
    }

    /** A target whose scenario ran without producing the figure: no verdict, and why. */
    static Row notMeasured(String target, double limit, String unit, String why) {
        return new Row(target, "<= " + format(limit) + " " + unit, null, unit, true, null, why);
    }

    static Double number(Object root, Object... path) {
        Object value = Json.at(root, path);
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** Three significant digits at most, no exponent. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format("%,.0f", value);
        }
        if (abs >= 100) {
            return String.format("%.0f", value);
        }
        if (abs >= 10) {
            return String.format("%.1f", value);
        }
        if (abs >= 1) {
            return String.format("%.2f", value);
        }
        return String.format("%.3f", value);
    }
}
