package dev.tickerplant.daemon;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamState;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog fetched again while the daemon runs, against the real simulator: a new listing joins on a connection of
 * its own or a free slot, a delisted product leaves and its subscribers are told, and the connections whose products
 * did not change are left alone; the refreshes are counted on /metrics, and one that cannot reach the catalog changes
 * nothing. Driven through the admin API's refresh and by the refresh timer. The admin API's product, priority and
 * rotation requests take effect, and each is logged once with what it changed.
 */
class CatalogRefreshTest {
    private static final String ADMIN_TOKEN = "admin-token-for-tests-0123";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final LogCapture logs = LogCapture.ofEverything();
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
        logs.close();
    }

    @Test
    void aNewListingJoinsAndADelistedProductLeavesWithoutTouchingTheOtherConnections() {
        start("--top-n", "4", "--products-per-connection", "2", "--catalog-refresh-interval", "0");
        awaitAllStreaming();
        assertEquals(4, daemon.market().followedProducts().size());
        Map<String, Long> connectsBefore = connectAttempts();
        WebSocketClient watcher = WebSocketClient.connect(daemon.fanout().port(), "/ws");
        watcher.nextJson("welcome");
        watcher.send("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"status\"]}");
        watcher.nextJson("subscriptions");

        // Busier than anything listed: it ranks first, so it joins; the product it pushes to fifth place stays,
        // being within the top N's margin.
        sim.listProduct("NEW-USD", new BigDecimal("10"), new BigDecimal("1e10"));
        sim.delistProduct("BTC-USD");
        Map<String, Object> change = Json.object(admin("POST", "/admin/catalog/refresh", "").body());

        assertEquals(List.of("NEW-USD"), change.get("added"), change.toString());
        assertEquals(List.of("BTC-USD"), change.get("removed"), change.toString());
        Map<String, Object> removed = watcher.nextJson(m -> "status".equals(m.get("type")), WAIT);
        assertEquals(List.of("product", "BTC-USD", "removed"), List.of(removed.get("scope"), removed.get("id"),
                removed.get("state")));
        assertEquals(null, daemon.market().named("BTC-USD"), "no longer a product to subscribe to");

        WebSocketClient subscriber = WebSocketClient.connect(daemon.fanout().port(), "/ws");
        subscriber.nextJson("welcome");
        subscriber.send("{\"type\":\"subscribe\",\"products\":[\"NEW-USD\"],\"channels\":[\"ticker\"]}");
        subscriber.nextJson("subscriptions");
        assertEquals("NEW-USD", subscriber.nextJson(m -> "ticker".equals(m.get("type")), WAIT).get("product_id"), "the new listing flows");

        awaitAllStreaming();
        // Keyed by name and products: a connection whose products changed has a new key.
        Map<String, Long> connectsAfter = connectAttempts();
        List<String> unchanged = connectsBefore.keySet().stream().filter(connectsAfter::containsKey).toList();
        assertFalse(unchanged.isEmpty(), "some connection carried no changed product: " + connectsBefore + " -> "
                + connectsAfter);
        for (String connection : unchanged) {
            assertEquals(connectsBefore.get(connection), connectsAfter.get(connection),
                    connection + " carried no changed product: its link is the one it had");
        }
        assertTrue(logs.lines().stream().anyMatch(l -> l.contains("products changed (catalog refresh): +1 product (NEW-USD),"
                + " -1 (BTC-USD)")), String.join("\n", logs.lines()));
        watcher.close();
        subscriber.close();
    }

    @Test
    void theRefreshTimerPicksUpANewListingByItself() {
        start("--top-n", "3", "--catalog-refresh-interval", "1s");
        sim.listProduct("FRESH-USD", new BigDecimal("2"), new BigDecimal("1e10"));

        await("FRESH-USD followed").atMost(WAIT).until(() -> daemon.market().named("FRESH-USD") != null);
        await("FRESH-USD ticks").atMost(WAIT).until(() -> daemon.market().named("FRESH-USD").updates() > 0);
    }

    @Test
    void refreshesAppliedAndFailedAreOnTheMetricsPage() {
        start("--top-n", "3", "--catalog-refresh-interval", "0");
        awaitAllStreaming();
        assertEquals(0, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"), "the start-up fetch is no refresh");
        assertEquals(0, metric("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(0, metric("tickerplant_catalog_last_refresh_timestamp_seconds"));
        assertEquals(3, metric("tickerplant_products_followed"));

        long before = System.currentTimeMillis();
        HttpResponse<String> applied = admin("POST", "/admin/catalog/refresh", "");
        long after = System.currentTimeMillis();
        assertEquals(200, applied.statusCode(), applied.body());
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        double refreshedAt = metric("tickerplant_catalog_last_refresh_timestamp_seconds");
        assertTrue(refreshedAt >= before / 1e3 && refreshedAt <= after / 1e3, before + " <= " + refreshedAt + " <= "
                + after);

        sim.close();
        sim = null;
        HttpResponse<String> failed = admin("POST", "/admin/catalog/refresh", "");
        assertEquals(502, failed.statusCode(), failed.body());
        assertEquals("catalog_unavailable", Json.object(failed.body()).get("code"));
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"failed\"}"));
        assertEquals(1, metric("tickerplant_catalog_refreshes_total{result=\"ok\"}"));
        assertEquals(refreshedAt, metric("tickerplant_catalog_last_refresh_timestamp_seconds"), "the last applied one");
        assertEquals(3, metric("tickerplant_products_followed"), "still following what it followed");
        assertEquals(3, daemon.market().followedProducts().size());
    }

    @Test
    void operatorsAddAndRemoveProductsAndPriorityProductsThroughTheAdminApi() {
        start("--top-n", "3", "--catalog-refresh-interval", "0");
        awaitAllStreaming();

        HttpResponse<String> added = admin("POST", "/admin/products", "{\"add\":[\"doge\"],\"remove\":[]}");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(List.of("DOGE-USD"), Json.object(added.body()).get("added"));
        HttpResponse<String> priority = admin("POST", "/admin/priority", "{\"add\":[\"DOGE-USD\"],\"remove\":[]}");
        assertEquals(200, priority.statusCode(), priority.body());
        await("DOGE-USD on a priority connection of its own").atMost(WAIT).until(() -> daemon.upstream().sessions()
                .stream().anyMatch(s -> s.products().equals(List.of("DOGE-USD"))
                        && s.stats().state() == UpstreamState.STREAMING));
        Map<String, Object> listed = Json.object(admin("GET", "/admin/products", null).body());
        assertTrue(listed.get("products").toString().contains("id=DOGE-USD, priority=true"), listed.toString());
        assertEquals(List.of("products changed (admin API): +1 product (DOGE-USD), -0; shards: 0 new, 1 changed,"
                + " 0 closed, 0 unchanged", "products changed (admin API): +0 products, -0, 1 moved (DOGE-USD); shards:"
                + " 1 new, 1 changed, 0 closed, 0 unchanged; priority +1 (DOGE-USD), -0"), adminChangeLines(),
                "each change logged once, with what changed");

        HttpResponse<String> unprioritised = admin("POST", "/admin/priority", "{\"remove\":[\"doge\"]}");
        assertEquals(200, unprioritised.statusCode(), unprioritised.body());
        assertEquals(List.of("DOGE-USD"), Json.object(unprioritised.body()).get("priority_removed"));
        await("DOGE-USD shares a connection again").atMost(WAIT).until(() -> daemon.upstream().sessions().stream()
                .anyMatch(s -> s.products().contains("DOGE-USD") && s.products().size() > 1
                        && s.stats().state() == UpstreamState.STREAMING));
        await("DOGE-USD's own connection closed").atMost(WAIT).until(() -> daemon.upstream().sessions().stream()
                .noneMatch(s -> s.products().equals(List.of("DOGE-USD"))));
        listed = Json.object(admin("GET", "/admin/products", null).body());
        assertTrue(listed.get("products").toString().contains("id=DOGE-USD, priority=false"), listed.toString());
        String unprioritisedLine = adminChangeLines().get(2);
        assertTrue(unprioritisedLine.startsWith("products changed (admin API): +0 products, -0, 1 moved (DOGE-USD);")
                && unprioritisedLine.endsWith("; priority +0, -1 (DOGE-USD)"), unprioritisedLine);

        HttpResponse<String> unknown = admin("POST", "/admin/products", "{\"add\":[\"NOPE-USD\"],\"remove\":[]}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("unknown_product", Json.object(unknown.body()).get("code"));

        HttpResponse<String> removed = admin("POST", "/admin/products", "{\"add\":[],\"remove\":[\"DOGE-USD\"]}");
        assertEquals(200, removed.statusCode(), removed.body());
        await("DOGE-USD's connection stopped").atMost(WAIT).until(() -> daemon.upstream().sessions().stream()
                .noneMatch(s -> s.products().contains("DOGE-USD")));
        assertFalse(daemon.market().followedProducts().stream().anyMatch(e -> e.id().equals("DOGE-USD")));
        assertEquals(4, adminChangeLines().size(), String.join("\n", adminChangeLines()));
        assertTrue(adminChangeLines().get(3).startsWith("products changed (admin API): +0 products, -1 (DOGE-USD)"),
                adminChangeLines().get(3));

        HttpResponse<String> level = admin("POST", "/admin/log-level",
                "{\"logger\":\"dev.tickerplant.ingest.upstream\",\"level\":\"debug\"}");
        assertEquals(200, level.statusCode(), level.body());
        assertEquals(Map.of("logger", "dev.tickerplant.ingest.upstream", "was", "INFO", "now", "DEBUG"),
                Json.object(level.body()));
        admin("POST", "/admin/log-level", "{\"logger\":\"dev.tickerplant.ingest.upstream\",\"level\":\"INFO\"}");
    }

    @Test
    void anOperatorRotatesAConnectionMakeBeforeBreak() {
        start("--top-n", "2", "--catalog-refresh-interval", "0");
        awaitAllStreaming();
        UpstreamSession first = daemon.upstream().sessions().get(0);

        HttpResponse<String> answer = admin("POST", "/admin/connections/" + first.name() + "/rotate", "");

        assertEquals(200, answer.statusCode(), answer.body());
        await("rotation completed").atMost(WAIT).until(() -> first.stats().rotationsCompleted.sum() == 1);
        assertEquals(0, first.stats().reconnects.sum(), "make-before-break: never a reconnect");
        // The count goes up just before the line is logged.
        await("the completed rotation logged").atMost(WAIT).until(() -> logs.lines().stream().anyMatch(l -> l.contains(
                "[" + first.name() + "] rotation complete")));
        List<String> rotationLines = logs.lines().stream().filter(l -> l.contains("[" + first.name() + "] rotat"))
                .map(l -> l.substring(l.indexOf(" - ") + 3)).toList();
        assertEquals(2, rotationLines.size(), "started and completed, each logged once: " + rotationLines);
        assertTrue(rotationLines.get(0).startsWith("[" + first.name() + "] rotating (admin API): opening a"
                + " replacement before closing link "), rotationLines.get(0));
        assertTrue(rotationLines.get(1).startsWith("[" + first.name() + "] rotation complete: link "),
                rotationLines.get(1));
        HttpResponse<String> unknown = admin("POST", "/admin/connections/conn-99/rotate", "");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    /** The one-line summaries of the admin API's product changes (not the connections' own lines), as logged. */
    private List<String> adminChangeLines() {
        return logs.linesAtLeast(Level.INFO).stream().map(l -> l.substring(l.indexOf(" - ") + 3))
                .filter(l -> l.startsWith("products changed (admin API)")).toList();
    }

    private void start(String... extra) {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200));
        String[] args = Stream.concat(Stream.of(
                "--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(),
                "--catalog-cache-file", dir.resolve("cache.json").toString(),
                "--listen-port", "0", "--admin-token", ADMIN_TOKEN), Stream.of(extra)).toArray(String[]::new);
        daemon = Daemon.start(SettingsLoader.load(args, Map.of()));
    }

    private void awaitAllStreaming() {
        await("every connection streaming").atMost(WAIT).until(() -> daemon.upstream().sessions().stream()
                .allMatch(s -> s.stats().state() == UpstreamState.STREAMING));
    }

    private Map<String, Long> connectAttempts() {
        Map<String, Long> attempts = new HashMap<>();
        for (UpstreamSession s : daemon.upstream().sessions()) {
            attempts.put(s.name() + " " + s.products(), s.stats().connectAttempts.sum());
        }
        return attempts;
    }

    private double metric(String series) {
        String page = Http.get(daemon.httpPort(), "/metrics").body();
        Matcher sample = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(page);
        assertTrue(sample.find(), "no " + series + " on\n" + page);
        return Double.parseDouble(sample.group(1));
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.fanout().port()
                + path)).header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(WAIT);
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return Http.send(request.build());
    }
}
