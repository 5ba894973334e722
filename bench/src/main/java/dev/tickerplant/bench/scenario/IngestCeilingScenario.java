package dev.tickerplant.bench.scenario;

import dev.tickerplant.bench.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.bench.json.Json;
import dev.tickerplant.bench.process.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (d) The ingest ceiling, by JMH in its own JVMs: ticks decoded per second on one core for each dialect, and decode
 * plus ring publish with the real consumer running.
 */
public final class IngestCeilingScenario {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private IngestCeilingScenario() {
    }

    public static Outcome run(RunContext context) {
        Path dir = context.dir("ingest-ceiling");
        Path results = dir.resolve("jmh.json");
        List<String> args = new ArrayList<>(context.plan().jmhArgs());
        args.addAll(List.of("-rf", "json", "-rff", results.toString(), "dev.tickerplant.bench.jmh.*"));
        try (JavaProcess jmh = JavaProcess.start("jmh", List.of(), context.benchJar().toString(),
                "org.openjdk.jmh.Main", args, dir.resolve("jmh.log"))) {
            jmh.awaitLine(l -> l.startsWith("Benchmark result is saved to"), TIMEOUT, "JMH results");
        }
        try {
            return Outcome.of(Map.of("benchmarks", parse(Files.readString(results))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + results, e);
        }
    }

    /** JMH's JSON results as rows: benchmark, parameters, score and error (ops/s), and its secondary counters. */
    static List<Map<String, Object>> parse(String json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        JsonNode results = Json.tree(json);
        if (!results.isArray()) {
            throw new IllegalArgumentException("JMH results are not a JSON array");
        }
        for (JsonNode result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            String name = result.path("benchmark").asText("null");
            row.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            Object params = Json.plain(result.get("params"));
            row.put("params", params == null ? Map.of() : params);
            row.put("ops_per_s", Json.plain(result.path("primaryMetric").path("score")));
            row.put("error", Json.plain(result.path("primaryMetric").path("scoreError")));
            JsonNode secondary = result.path("secondaryMetrics");
            if (secondary.isObject()) {
                Map<String, Object> counters = new LinkedHashMap<>();
                secondary.fields().forEachRemaining(metric ->
                        counters.put(metric.getKey(), Json.plain(metric.getValue().path("score"))));
                row.put("counters_per_s", counters);
            }
            rows.add(row);
        }
        return rows;
    }
}
