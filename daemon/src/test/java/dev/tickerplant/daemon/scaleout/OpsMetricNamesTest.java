package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import dev.tickerplant.testing.Matches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the alerting rules under docs/ops/ query only series a live daemon exports, and every
 * alert's runbook section exists in docs/operations.md.
 *
 * <p>PromQL selects samples, not families, so each name the files use must be a sample name of the text format: a
 * counter with its {@code _total}, a summary by its own name (the quantiles) or its {@code _count} / {@code _sum}.
 * A family name OpenMetrics would print ({@code tickerplant_upstream_frames}) or a histogram's {@code _bucket} matches
 * nothing in Prometheus and fails here. The pages are those of an ingest node with redundant legs (upstream, ring,
 * leg and publishing families) and of a fanout node (fanout, receive-to-written and consuming families).
 */
class OpsMetricNamesTest {
    private static final Path OPS = Path.of("..", "docs", "ops");
    private static final Pattern USED = Pattern.compile("tickerplant_[a-z0-9_]*[a-z0-9]");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final Pattern RUNBOOK = Pattern.compile("runbook: docs/operations\\.md#([a-z0-9-]+)");
    private static final Pattern ALERT = Pattern.compile("^\\s+- alert: (\\S+)$", Pattern.MULTILINE);
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsOnALiveNodesPage() throws Exception {
        Set<String> used = Matches.all(USED, Files.readString(OPS.resolve("grafana-tickerplant.json")));
        used.addAll(Matches.all(USED, Files.readString(OPS.resolve("alerts.yml"))));
        // The extraction itself must see the files' names, or an empty set would pass.
        assertTrue(used.containsAll(Set.of("tickerplant_coverage_ratio", "tickerplant_bus_connected",
                "tickerplant_upstream_reconnects_total", "tickerplant_receive_to_written_seconds_count")), "" + used);

        try (NatsServerProcess nats = NatsServerProcess.start("ops-metrics");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            Daemon ingest = rig.ingest("ingest-1", "--redundancy", "2");
            ScaleOutRig.awaitStreaming(ingest);
            await().atMost(Duration.ofSeconds(30)).until(() -> fanout.busFigures().delivered() > 50);

            String ingestPage = Http.get(ingest.httpPort(), "/metrics").body();
            String fanoutPage = Http.get(fanout.fanout().port(), "/metrics").body();
            Set<String> onPages = Matches.all(SAMPLE, ingestPage);
            onPages.addAll(Matches.all(SAMPLE, fanoutPage));

            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(onPages);
            assertEquals(Set.of(), missing, "queried by docs/ops/ but on neither page; ingest:\n" + ingestPage
                    + "\nfanout:\n" + fanoutPage);
        }
    }

    @Test
    void theDashboardTakesItsPrometheusFromAVariableAndEveryAlertNamesARunbookSection() throws Exception {
        Map<String, Object> dashboard = Json.object(Files.readString(OPS.resolve("grafana-tickerplant.json")));
        List<Object> variables = Json.list(dashboard, "templating", "list");
        assertTrue(variables.stream().anyMatch(v -> "datasource".equals(Json.value(v, "type"))
                && "prometheus".equals(Json.value(v, "query")) && "datasource".equals(Json.value(v, "name"))),
                "a Prometheus datasource variable named datasource: " + variables);
        List<Object> targets = new ArrayList<>();
        for (Object panel : Json.list(dashboard, "panels")) {
            if (!"row".equals(Json.value(panel, "type"))) {
                targets.addAll(Json.list(panel, "targets"));
            }
        }
        assertFalse(targets.isEmpty());
        for (Object target : targets) {
            assertEquals("${datasource}", Json.value(target, "datasource", "uid"), "" + target);
        }

        String rules = Files.readString(OPS.resolve("alerts.yml"));
        String runbook = Files.readString(Path.of("..", "docs", "operations.md"));
        Set<String> sections = new TreeSet<>();
        for (String heading : Matches.all(HEADING, runbook)) {
            sections.add(heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        List<String> alerts = new ArrayList<>(Matches.all(ALERT, rules));
        Set<String> linked = Matches.all(RUNBOOK, rules);
        assertEquals(alerts.size(), linked.size(), "one runbook section per alert: " + alerts + " " + linked);
        for (String alert : alerts) {
            String anchor = alert.toLowerCase(Locale.ROOT);
            assertTrue(linked.contains(anchor), alert + " links docs/operations.md#" + anchor);
            assertTrue(sections.contains(anchor), "docs/operations.md has a section " + alert);
        }
    }
}
