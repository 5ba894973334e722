package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.ingest.upstream.UpstreamState;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live daemon's /metrics counts the catalog refreshes the admin API asks for: an applied one as ok with its time, one
 * that cannot reach the REST endpoint as failed.
 */
class CatalogRefreshMetricsTest {
    private static final String ADMIN_TOKEN = "admin-token-for-tests-0123";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Simulator sim;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void refreshesAppliedAndFailedAreOnTheMetricsPage() {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
        daemon = Daemon.start(SettingsLoader.load(new String[] {
                "--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve("cache.json").toString(),
                "--listen-port", "0", "--admin-token", ADMIN_TOKEN, "--top-n", "3",
                "--catalog-refresh-interval", "0"}, Map.of()));
        await("every connection streaming").atMost(WAIT).until(() -> daemon.upstream().sessions().stream()
                .allMatch(s -> s.stats().state() == UpstreamState.STREAMING));
        assertEquals(0, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"), "the start-up fetch is no refresh");
        assertEquals(0, metric("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(0, metric("tickerplant_catalog_last_refresh_timestamp_seconds"));
        assertEquals(3, metric("tickerplant_products_followed"));

        long before = System.currentTimeMillis();
        HttpResponse<String> applied = refresh();
        long after = System.currentTimeMillis();
        assertEquals(200, applied.statusCode(), applied.body());
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        double refreshedAt = metric("tickerplant_catalog_last_refresh_timestamp_seconds");
        assertTrue(refreshedAt >= before / 1e3 && refreshedAt <= after / 1e3, before + " <= " + refreshedAt + " <= "
                + after);

        sim.close();
        sim = null;
        HttpResponse<String> failed = refresh();
        assertEquals(502, failed.statusCode(), failed.body());
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        assertEquals(refreshedAt, metric("tickerplant_catalog_last_refresh_timestamp_seconds"), "the last applied one");
        assertEquals(3, metric("tickerplant_products_followed"), "still following what it followed");
    }

    private HttpResponse<String> refresh() {
        return Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort()
                        + "/admin/catalog/refresh")).header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private double metric(String series) {
        String page = Http.get(daemon.httpPort(), "/metrics").body();
        Matcher sample = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(page);
        assertTrue(sample.find(), "no " + series + " on\n" + page);
        return Double.parseDouble(sample.group(1));
    }
}
