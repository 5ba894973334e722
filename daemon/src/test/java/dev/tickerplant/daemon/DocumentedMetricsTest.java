package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import dev.tickerplant.testing.Matches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/health.md and a live daemon's /metrics name the same metrics: every name the page documents is on the page
 * (redundancy 2, so the per-leg families have samples), and every family on the page is documented, latency
 * summaries by their documented {@code tickerplant_<recorder>_seconds} pattern. OpenMetrics carries the same samples.
 */
@EndToEnd
class DocumentedMetricsTest {
    private static final Pattern DOCUMENTED = Pattern.compile("tickerplant_[a-z0-9_]*[a-z0-9]");
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("tickerplant_[a-z0-9_]+_seconds(_max)?");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyDocumentedMetricIsOnTheLivePageAndEveryFamilyOnItIsDocumented() throws Exception {
        Set<String> documented = Matches.all(DOCUMENTED, Files.readString(Path.of("..", "docs", "health.md")));
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100))) {
            Daemon daemon = Daemon.start(SettingsLoader.load(new String[] {
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0", "--top-n", "20", "--redundancy", "2"}, Map.of()));
            try {
                awaitEveryConnectionStreaming(daemon, Duration.ofSeconds(30));
                URI metrics = URI.create("http://127.0.0.1:" + daemon.fanout().port() + "/metrics");

                HttpResponse<String> text = get(metrics, "text/plain");
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        text.headers().firstValue("content-type").orElse(null));
                HttpResponse<String> openMetrics = get(metrics, "application/openmetrics-text; version=1.0.0");
                assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                        openMetrics.headers().firstValue("content-type").orElse(null));
                assertTrue(openMetrics.body().endsWith("\n# EOF\n"), openMetrics.body());
                assertEquals(Matches.all(SAMPLE, text.body()), Matches.all(SAMPLE, openMetrics.body()), "the same series names");

                // The docs also name a few families as OpenMetrics spells them (a counter without _total).
                Set<String> onPage = Matches.all(SAMPLE, text.body());
                onPage.addAll(Matches.all(FAMILY, text.body()));
                onPage.addAll(Matches.all(FAMILY, openMetrics.body()));
                Set<String> missing = new TreeSet<>(documented);
                missing.removeAll(onPage);
                // A node without a bus has no bus families; BusMetricsTest checks them on the nodes that do.
                missing.removeIf(name -> name.startsWith("tickerplant_bus_"));
                assertEquals(Set.of(), missing, "documented in docs/health.md but not on /metrics:\n" + text.body());

                Set<String> undocumented = Matches.all(FAMILY, text.body());
                undocumented.removeAll(documented);
                undocumented.removeIf(family -> LATENCY.matcher(family).matches());
                assertEquals(Set.of(), undocumented, "on /metrics but not in docs/health.md");
            } finally {
                daemon.close();
            }
        }
    }

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static void awaitEveryConnectionStreaming(Daemon daemon, Duration timeout) {
        await("every connection streaming").atMost(timeout)
                .until(() -> daemon.upstream().streamingCount() == daemon.upstream().sessions().size()
                        && daemon.upstream().productsReceiving() == daemon.upstream().plannedProducts());
    }
}
