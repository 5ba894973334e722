package dev.tickerplant.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.bench.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a flight recording says about one measurement window: bytes each thread allocated, where the CPU samples
 * landed and which allocation sites dominate. Reads the events {@code jfr print --json} wrote.
 */
public final class FlightRecording {

    public static final String THREAD_ALLOCATION = "jdk.ThreadAllocationStatistics";
    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    public static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";

    private final JsonNode events;

    private FlightRecording(JsonNode events) {
        this.events = events;
    }

    public static FlightRecording parse(String jfrPrintJson) {
        JsonNode events = Json.tree(jfrPrintJson).path("recording").path("events");
        if (!events.isArray()) {
            throw new IllegalArgumentException("not the output of jfr print --json: no recording.events array");
        }
        return new FlightRecording(events);
    }

    /** One line of a ranking: what, and its share of the window's samples (or allocated bytes) in percent. */
    public record Share(String what, double percent) {
    }

    /**
     * Bytes allocated in the window per thread group (thread names with their pool numbers removed, e.g.
     * {@code upstream-1-2} counts as {@code upstream}). A thread's counter is read at its last sample at or before
     * each end of the window; threads born inside the window count from zero.
     */
    public Map<String, Long> allocatedPerThreadGroup(Instant from, Instant to) {
        Map<String, Long> atStart = new HashMap<>();
        Map<String, Long> atEnd = new HashMap<>();
        Map<String, String> group = new HashMap<>();
        for (JsonNode event : events) {
            if (!THREAD_ALLOCATION.equals(event.path("type").asText())) {
                continue;
            }
            Instant time = time(event);
            String thread = threadName(event.path("values").path("thread"));
            long allocated = event.path("values").path("allocated").longValue();
            group.put(thread, threadGroup(thread));
            if (!time.isAfter(from)) {
                atStart.merge(thread, allocated, Math::max);
            }
            if (!time.isAfter(to)) {
                atEnd.merge(thread, allocated, Math::max);
            }
        }
        Map<String, Long> perGroup = new TreeMap<>();
        atEnd.forEach((thread, end) -> perGroup.merge(group.get(thread), end - atStart.getOrDefault(thread, 0L),
                Long::sum));
        return perGroup;
    }

    /** The methods on top of the stack in the window's execution samples, by share of samples. */
    public List<Share> hotMethods(Instant from, Instant to, int limit) {
        Map<String, Double> counts = new HashMap<>();
        for (JsonNode event : events) {
            if (EXECUTION_SAMPLE.equals(event.path("type").asText()) && inside(event, from, to)) {
                String thread = threadGroup(threadName(event.path("values").path("sampledThread")));
                counts.merge(frame(event, 0) + " [" + thread + "]", 1.0, Double::sum);
            }
        }
        return ranking(counts, limit);
    }

    /** Allocation samples in the window by class and allocating frames, weighted by the bytes they stand for. */
    public List<Share> allocationSites(Instant from, Instant to, int limit) {
        Map<String, Double> weights = new HashMap<>();
        for (JsonNode event : events) {
            if (ALLOCATION_SAMPLE.equals(event.path("type").asText()) && inside(event, from, to)) {
                JsonNode values = event.path("values");
                String thread = threadGroup(threadName(values.path("eventThread")));
                String site = className(values.path("objectClass").path("name")) + " in " + frame(event, 0) + " < "
                        + frame(event, 1) + " [" + thread + "]";
                weights.merge(site, values.path("weight").doubleValue(), Double::sum);
            }
        }
        return ranking(weights, limit);
    }

    /** {@code upstream-1-2} → {@code upstream}; {@code main} stays {@code main}. */
    static String threadGroup(String thread) {
        String stripped = thread.replaceAll("(-\\d+)+$", "");
        return stripped.isEmpty() ? thread : stripped;
    }

    private static List<Share> ranking(Map<String, Double> totals, int limit) {
        double sum = totals.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Share> shares = new ArrayList<>();
        totals.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .forEach(e -> shares.add(new Share(e.getKey(), sum == 0 ? 0 : 100 * e.getValue() / sum)));
        return shares;
    }

    private static boolean inside(JsonNode event, Instant from, Instant to) {
        Instant time = time(event);
        return !time.isBefore(from) && !time.isAfter(to);
    }

    private static Instant time(JsonNode event) {
        return Instant.parse(event.path("values").path("startTime").asText());
    }

    private static String threadName(JsonNode thread) {
        JsonNode name = thread.path("javaName");
        if (name.isMissingNode() || name.isNull()) {
            name = thread.path("osName");
        }
        return name.isMissingNode() || name.isNull() ? "?" : name.asText();
    }

    private static String frame(JsonNode event, int index) {
        JsonNode method = event.path("values").path("stackTrace").path("frames").path(index).path("method");
        if (method.isMissingNode() || method.isNull()) {
            return "?";
        }
        return className(method.path("type").path("name")) + "." + text(method.path("name"));
    }

    /** {@code dev/tickerplant/ingest/ring/MarketState} → {@code MarketState}; keeps nested class names. */
    private static String className(JsonNode internalName) {
        if (internalName.isMissingNode() || internalName.isNull()) {
            return "?";
        }
        String name = internalName.asText();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** A value as the report writes it; "null" where there is none, as string concatenation always wrote it. */
    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "null" : value.asText();
    }

    /** Totals as JSON-ready values. */
    public static List<Map<String, Object>> toJson(List<Share> shares) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (Share s : shares) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("what", s.what());
            item.put("percent", s.percent());
            json.add(item);
        }
        return json;
    }
}
