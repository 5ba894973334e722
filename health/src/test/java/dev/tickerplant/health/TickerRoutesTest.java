package dev.tickerplant.health;

import static dev.tickerplant.testing.Json.list;
import static dev.tickerplant.testing.Json.map;
import static dev.tickerplant.testing.Json.value;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.TickerJson;
import dev.tickerplant.ingest.codec.AdvancedTradeAdapter;
import dev.tickerplant.ingest.codec.ExchangeFeedAdapter;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.metrics.LatencyRecorder;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.ingest.ring.TickerSnapshot;
import dev.tickerplant.testing.Json;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.model.registry.MetricType;
import java.net.URI;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route over a market fed with real Coinbase tickers through the real ring, an upstream conductor that was
 * never started (all connections idle) and a fixed fanout, with clocks the test sets.
 */
class TickerRoutesTest {
    private static final long RECEIVED_EPOCH_NANOS = 1_791_061_111_123_456_789L;
    private static final long RECEIVED_EPOCH_MILLIS = RECEIVED_EPOCH_NANOS / 1_000_000;
    private static final long STARTED_NANOS = 5_000_000_000L;

    private final AtomicLong nanoTime = new AtomicLong(STARTED_NANOS + 90_500_000_000L);
    private final AtomicLong epochMillis = new AtomicLong(RECEIVED_EPOCH_MILLIS + 2_500);
    private final LatencyRecorder exchangeToReceive = new LatencyRecorder("exchange_to_receive",
            "Exchange timestamp to frame read off the socket, in seconds.");
    private final LatencyRecorder receiveToWritten = new LatencyRecorder("receive_to_written",
            "Frame read off the upstream socket to written to a subscriber's socket.");
    private HealthRig rig;

    @BeforeEach
    void feedTheMarket() {
        List<SubscriberView> subscribers = List.of(
                new SubscriberView("c1", "native", "127.0.0.1:50001", "wscat/5.0", RECEIVED_EPOCH_MILLIS - 62_500,
                        10, 2, RECEIVED_EPOCH_MILLIS + 1_000, List.of("ticker:BTC-USD", "ticker:ETH-USD")),
                new SubscriberView("c2", "native", "127.0.0.1:50002", "", RECEIVED_EPOCH_MILLIS, 0, 0, 0,
                        List.of("ticker:*")));
        TestFanout fanout = new TestFanout(subscribers, 1234, 7, 1, 3, 2, 40, receiveToWritten);
        rig = new HealthRig(List.of("BTC-USD", "ETH-USD", "BTC-PERP-INTX", "SOL-USD"), 2,
                URI.create("ws://127.0.0.1:1/"), fanout, List.of(exchangeToReceive), STARTED_NANOS, nanoTime::get,
                epochMillis::get);

        TickerSlot exchange = DecodedFixtures.ticker("exchange-ticker.json", new ExchangeFeedAdapter());
        TickerSlot advancedTrade =
                DecodedFixtures.ticker("advanced-trade-ticker-update.json", new AdvancedTradeAdapter());
        TickOrigin origin = new TickOrigin();
        origin.connectionId = 1;
        origin.linkId = 1;
        origin.receivedEpochNanos = RECEIVED_EPOCH_NANOS;
        assertTrue(rig.ring.tryPublish(exchange, origin));
        assertTrue(rig.ring.tryPublish(advancedTrade, origin));
        assertTrue(rig.ring.tryPublish(exchange, origin)); // the same trade again: a duplicate
        await("2 accepted ticks and 1 duplicate")
                .until(() -> rig.market.accepted() == 2 && rig.market.duplicates() == 1);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void tickersKeepTheExactCoinbaseBytes() {
        HealthRig.Answer answer = rig.get("/api/tickers");
        assertEquals(200, answer.status());
        // Verbatim in the body, trailing zeros and all: never re-formatted through a number.
        assertTrue(answer.body().contains("\"volume_24h\":\"1836.96781750\""), answer.body());
        assertTrue(answer.body().contains("\"last_size\":\"0.00000025\""), answer.body());

        Map<String, Object> body = answer.json();
        assertEquals(4L, value(body, "count"));
        assertEquals(2L, value(body, "with_data"));
        List<Object> tickers = list(body, "tickers");
        assertEquals(List.of("BTC-PERP-INTX", "BTC-USD", "ETH-USD", "SOL-USD"),
                tickers.stream().map(t -> value(t, "product_id")).toList());

        Object btc = tickers.get(1);
        assertEquals(1L, value(btc, "seq"));
        assertEquals(1L, value(btc, "updates"));
        assertEquals(1L, value(btc, "duplicates"));
        assertEquals("2026-10-03T20:58:31.123456Z", value(btc, "receive_time"));
        assertEquals(2_500L, value(btc, "age_ms"));
        assertEquals("conn-01", value(btc, "connection"));
        assertEquals(false, value(btc, "snapshot"));
        assertEquals("2026-10-03T20:58:31.127510Z", value(btc, "exchange_time"));
        assertEquals(137212619516L, value(btc, "sequence"));
        assertEquals(1102042811L, value(btc, "trade_id"));
        assertEquals(Map.ofEntries(
                Map.entry("price", "84737.58"),
                Map.entry("open_24h", "84430.55"),
                Map.entry("volume_24h", "1836.96781750"),
                Map.entry("low_24h", "84400"),
                Map.entry("high_24h", "85021.57"),
                Map.entry("volume_30d", "175984.53012145"),
                Map.entry("best_bid", "84737.58"),
                Map.entry("best_bid_size", "0.19921154"),
                Map.entry("best_ask", "84737.59"),
                Map.entry("best_ask_size", "0.05223077"),
                Map.entry("side", "sell"),
                Map.entry("time", "2026-10-03T20:58:31.127510Z"),
                Map.entry("last_size", "0.00000025")), value(btc, "fields"));

        Object sol = tickers.get(3);
        assertEquals(0L, value(sol, "updates"));
        assertNull(value(sol, "seq"));
        assertNull(value(sol, "fields"));
    }

    @Test
    void oneTickerByProductId() {
        HealthRig.Answer answer = rig.get("/api/tickers/BTC-PERP-INTX");
        assertEquals(200, answer.status());
        Map<String, Object> perp = answer.json();
        assertEquals("BTC-PERP-INTX", value(perp, "product_id"));
        assertEquals(2L, value(perp, "seq"));
        assertEquals("2026-09-05T21:52:10.940239Z", value(perp, "exchange_time"));
        assertNull(value(perp, "sequence"));
        assertNull(value(perp, "trade_id"));
        assertEquals(Map.ofEntries(
                Map.entry("price", "79914.6"),
                Map.entry("volume_24_h", "14174.4213"),
                Map.entry("low_24_h", "79445"),
                Map.entry("high_24_h", "80206"),
                Map.entry("low_52_w", "57705.8"),
                Map.entry("high_52_w", "126340.3"),
                Map.entry("price_percent_chg_24_h", "0.27303411671707"),
                Map.entry("best_bid", "79914.5"),
                Map.entry("best_ask", "79914.6"),
                Map.entry("best_bid_quantity", "0.7944"),
                Map.entry("best_ask_quantity", "0.7554")), value(perp, "fields"));

        assertEquals(200, rig.get("/api/tickers/SOL-USD").status());
        assertEquals("BTC-USD", value(rig.json("/api/tickers/BTC-USD/"), "product_id"));
    }

    @Test
    void productsAreNamedByTheRuleOfTheProductsSetting() {
        // Any case; a bare base currency is that base in the quote currency (USD, the setting's default).
        for (String name : List.of("BTC", "btc", "btc-usd", "BTC-USD")) {
            HealthRig.Answer answer = rig.get("/api/tickers/" + name);
            assertEquals(200, answer.status(), name);
            assertEquals("BTC-USD", value(answer.json(), "product_id"), name);
        }
        assertEquals("SOL-USD", value(rig.json("/api/tickers/Sol"), "product_id"));
        assertEquals(404, rig.get("/api/tickers/BTC-PERP").status(), "an id with a dash is taken as it is");
    }

    @Test
    void aTickerReadsTheSameAsOnTheWebSocket() {
        for (String id : List.of("BTC-USD", "BTC-PERP-INTX")) {
            TickerSnapshot latest = new TickerSnapshot();
            assertTrue(rig.market.product(id).readLatest(latest), id);
            JsonBytes ws = new JsonBytes(512);
            TickerJson.write(ws, latest.ticker, latest.globalSeq, latest.receivedEpochNanos);

            Map<String, Object> api = rig.json("/api/tickers/" + id);
            Map<String, Object> rebuilt = new HashMap<>(map(api, "fields"));
            rebuilt.put("type", "ticker");
            for (String key : List.of("seq", "product_id", "exchange_time", "receive_time", "sequence", "trade_id")) {
                if (value(api, key) != null) {
                    rebuilt.put(key, value(api, key));
                }
            }
            assertEquals(Json.object(ws.toString()), rebuilt, id + ": the same names and values as on /ws");
        }
    }

    @Test
    void unknownProductIs404WithTheClosestIds() {
        HealthRig.Answer typo = rig.get("/api/tickers/BTC-USX");
        assertEquals(404, typo.status());
        assertEquals("application/json", typo.contentType());
        Map<String, Object> body = typo.json();
        assertEquals("unknown_product", value(body, "error"));
        assertEquals("unknown product \"BTC-USX\" (expected: one of the 4 followed product ids, e.g. BTC-USD)",
                value(body, "message"));
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), value(body, "closest"));

        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), value(rig.json("/api/tickers/btc-usx"), "closest"),
                "case is ignored when suggesting");
        HealthRig.Answer bare = rig.get("/api/tickers/DOT");
        assertEquals(404, bare.status());
        assertTrue(((String) value(bare.json(), "message")).startsWith("unknown product \"DOT\" "),
                "the message names what was asked: " + bare.body());
        assertEquals("BTC-PERP-INTX", value(rig.json("/api/tickers/BTC-PERP"), "closest", 0), "a prefix comes first");
        assertEquals(List.of(), value(rig.json("/api/tickers/" + "X".repeat(500)), "closest"));
    }

    @Test
    void healthWithNothingStreamingIsDownWith503() {
        HealthRig.Answer answer = rig.get("/health");
        assertEquals(503, answer.status());
        assertEquals("application/json", answer.contentType());
        assertEquals("no-store", answer.cacheControl());
        assertEquals(answer.bodyBytes(), answer.contentLength());
        Map<String, Object> body = answer.json();
        assertEquals(List.of("status", "active_tickers", "connections", "coverage", "connections_streaming",
                "connections_total", "products_receiving", "products_planned", "coverage_ratio", "thresholds",
                "stale_products", "upstream", "ring", "subscribers", "uptime_s", "version"),
                List.copyOf(body.keySet()));
        assertEquals("down", value(body, "status"));
        assertEquals(2L, value(body, "active_tickers"));
        assertEquals("0/2 connected", value(body, "connections"));
        assertEquals("0.0%", value(body, "coverage"));
        assertEquals(0L, value(body, "products_receiving"));
        assertEquals(4L, value(body, "products_planned"));
        assertEquals(0.0, value(body, "coverage_ratio"));
        assertEquals(0.95, value(body, "thresholds", "ready_coverage"));
        // Its connections have not been started: down, but no product is stale before it has had its chance to flow.
        assertEquals(0L, value(body, "stale_products", "count"));
        assertEquals(List.of(), value(body, "stale_products", "products"));
        assertEquals(Map.of("capacity", 1024L, "remaining", 1024L, "published", 3L, "dropped", 0L, "accepted", 2L,
                "duplicates", 1L, "last_seq", 2L), value(body, "ring"));
        assertEquals(2L, value(body, "subscribers"));
        assertEquals(90L, value(body, "uptime_s"));
        assertEquals(HealthRig.VERSION, value(body, "version"));

        Map<String, Object> conn = map(body, "upstream", 0);
        assertEquals(List.of("id", "name", "state", "products", "acked", "flowing", "messages", "tickers", "errors",
                "malformed", "gaps", "reconnects", "going_away", "last_frame_age_ms", "uptime_s"),
                List.copyOf(conn.keySet()));
        assertEquals("conn-00", value(conn, "name"));
        assertEquals("idle", value(conn, "state"));
        assertEquals(2L, value(conn, "products"));
        assertNull(value(conn, "last_frame_age_ms"));
        assertNull(value(conn, "uptime_s"));
    }

    @Test
    void liveAnswersWhileTheProcessServes() {
        HealthRig.Answer answer = rig.get("/health/live");
        assertEquals(200, answer.status());
        assertEquals("{\"status\":\"live\"}", answer.body());
        assertEquals("no-store", answer.cacheControl());
        assertEquals(answer.bodyBytes(), answer.contentLength());
    }

    @Test
    void subscribersFromTheFanoutView() {
        Map<String, Object> body = rig.json("/api/connections");
        assertEquals(2L, value(body, "count"));
        Map<String, Object> first = map(body, "connections", 0);
        assertEquals(Map.of("id", "c1", "protocol", "native", "remote_address", "127.0.0.1:50001",
                "user_agent", "wscat/5.0", "connected_s", 65L, "messages_sent", 10L, "dropped", 2L,
                "last_activity_ms_ago", 1_500L, "subscriptions", List.of("ticker:BTC-USD", "ticker:ETH-USD")), first);
        assertNull(value(body, "connections", 1, "last_activity_ms_ago"), "no activity yet");
        assertEquals(List.of("ticker:*"), value(body, "connections", 1, "subscriptions"));
    }

    @Test
    void upstreamListsEveryConnectionWithItsProducts() {
        Map<String, Object> body = rig.json("/api/upstream");
        assertEquals(2L, value(body, "connections_total"));
        List<Object> connections = list(body, "connections");
        assertEquals(rig.plan.shards().get(0).productIds(), value(connections.get(0), "product_ids"));
        assertEquals(rig.plan.shards().get(1).productIds(), value(connections.get(1), "product_ids"));
        assertNull(value(connections.get(0), "last_close_reason"), "never connected, never closed");
        assertEquals(0L, value(connections.get(0), "connect_attempts"));
        assertTrue(((Map<?, ?>) connections.get(0)).containsKey("tickers_per_s"));
        assertNull(value(connections.get(0), "tickers_per_s"), "never started: no interval has ended");
    }

    @Test
    void onlyGetIsAllowed() {
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.HEAD)) {
            FullHttpResponse response = rig.request(method, "/health");
            String allow = response.headers().get(HttpHeaderNames.ALLOW);
            HealthRig.Answer answer = HealthRig.Answer.of(response);
            assertEquals(405, answer.status(), method.name());
            assertEquals("GET", allow);
            assertEquals("method_not_allowed", value(answer.json(), "error"));
            assertEquals("method " + method + " on /health (expected: GET)", value(answer.json(), "message"));
        }
        assertEquals(405, HealthRig.Answer.of(rig.request(HttpMethod.POST, "/api/tickers/BTC-USD")).status());
    }

    @Test
    void unknownRoutesAreLeftToTheServer() {
        for (String uri : List.of("/", "/healthz", "/api", "/api/ticker", "/metrics/extra", "/ws")) {
            assertNull(rig.request(HttpMethod.GET, uri), uri);
            assertNull(rig.request(HttpMethod.POST, uri), uri);
        }
        assertEquals(200, rig.get("/health/live?verbose=1").status(), "the query string is not part of the route");
    }

    @Test
    void metricsInTheTextFormatCarryEveryFamilyWithTheExpectedValues() {
        for (int i = 0; i < 99; i++) {
            exchangeToReceive.record(1_000_000);
        }
        exchangeToReceive.record(5_000_000);

        HealthRig.Answer answer = rig.get("/metrics");
        assertEquals(200, answer.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.contentType());
        assertEquals("no-store", answer.cacheControl());
        assertEquals(answer.bodyBytes(), answer.contentLength());
        ScrapedMetrics page = ScrapedMetrics.parse(answer.body());

        // A family without samples is left off the page: no leg with one leg, no frame age before the first frame.
        Set<Metric> withoutSamples = EnumSet.of(Metric.LEG_STREAMING, Metric.LEG_WINS, Metric.LEG_LOSSES,
                Metric.UPSTREAM_LAST_FRAME_AGE);
        for (Metric metric : Metric.values()) {
            if (metric.familyName().startsWith("tickerplant_bus_")) {
                assertEquals(null, page.types().get(metric.familyName()), "no bus, no bus families");
                continue;
            }
            if (EnumSet.of(Metric.CATALOG_REFRESHES, Metric.CATALOG_LAST_REFRESH, Metric.PRODUCTS_FOLLOWED)
                    .contains(metric)) {
                assertEquals(null, page.types().get(metric.familyName()), "no catalog figures, no catalog families");
                continue;
            }
            String type = metric.type() == MetricType.COUNTER ? "counter" : "gauge"; // info is a gauge in 0.0.4
            assertEquals(withoutSamples.contains(metric) ? null : type, page.types().get(metric.familyName()),
                    metric.familyName());
            assertEquals(withoutSamples.contains(metric) ? null : metric.help(), page.help().get(metric.familyName()),
                    metric.familyName());
        }
        assertEquals(1, page.value("tickerplant_up"));
        assertEquals(1, page.value("tickerplant_build_info{version=\"1.2.3-test\"}"));
        assertEquals(90.5, page.value("tickerplant_uptime_seconds"));
        assertEquals(1, page.value("tickerplant_health_status{status=\"down\"}"));
        assertEquals(0, page.value("tickerplant_health_status{status=\"degraded\"}"));
        assertEquals(0, page.value("tickerplant_health_status{status=\"ready\"}"));
        assertEquals(0, page.value("tickerplant_coverage_ratio"));
        assertEquals(2, page.value("tickerplant_upstream_connections"));
        assertEquals(0, page.value("tickerplant_upstream_connections_streaming"));
        assertEquals(0, page.value("tickerplant_products_receiving"));
        assertEquals(4, page.value("tickerplant_products_planned"));
        assertEquals(2, page.value("tickerplant_products_active"));
        assertEquals(0, page.value("tickerplant_upstream_streaming{connection=\"conn-01\"}"));
        assertEquals(2, page.value("tickerplant_upstream_products{connection=\"conn-00\"}"));
        assertEquals(0, page.value("tickerplant_upstream_products_flowing{connection=\"conn-00\"}"));
        assertEquals(0, page.value("tickerplant_upstream_frames_total{connection=\"conn-00\"}"));
        assertEquals(0, page.value("tickerplant_upstream_reconnects_total{connection=\"conn-01\"}"));
        assertEquals(0, page.value("tickerplant_upstream_going_away_total{connection=\"conn-01\"}"));
        assertEquals(0, page.value("tickerplant_upstream_connect_attempts_total{connection=\"conn-01\"}"));
        assertEquals(1024, page.value("tickerplant_ring_capacity"));
        assertEquals(0, page.value("tickerplant_ring_fill_ratio"));
        assertEquals(3, page.value("tickerplant_ring_published_total"));
        assertEquals(0, page.value("tickerplant_ring_dropped_total"));
        assertEquals(2, page.value("tickerplant_ticks_accepted_total"));
        assertEquals(1, page.value("tickerplant_ticks_duplicates_total"));
        assertEquals(2, page.value("tickerplant_subscribers"));
        assertEquals(1234, page.value("tickerplant_fanout_messages_sent_total"));
        assertEquals(7, page.value("tickerplant_fanout_conflated_drops_total"));
        assertEquals(2, page.value("tickerplant_fanout_backlog_batches"));
        assertEquals(40, page.value("tickerplant_fanout_coalesced_batches_total"));
        assertEquals(3, page.value("tickerplant_fanout_command_errors_total"));
        assertEquals(1, page.value("tickerplant_fanout_slow_clients_closed_total"));
        assertEquals(TestFanout.SLOW_REQUESTS_CLOSED, page.value("tickerplant_http_slow_requests_closed_total"));

        String latency = "tickerplant_exchange_to_receive_seconds";
        assertEquals("summary", page.types().get(latency));
        assertEquals("Exchange timestamp to frame read off the socket, in seconds.", page.help().get(latency));
        assertEquals(0.001, page.value(latency + "{quantile=\"0.5\"}"), 0.001 * 0.001);
        assertEquals(0.001, page.value(latency + "{quantile=\"0.9\"}"), 0.001 * 0.001);
        assertEquals(0.001, page.value(latency + "{quantile=\"0.99\"}"), 0.001 * 0.001);
        assertEquals(0.005, page.value(latency + "{quantile=\"0.999\"}"), 0.005 * 0.001);
        assertEquals(0.104, page.value(latency + "_sum"), 0.104 * 0.001);
        assertEquals(100, page.value(latency + "_count"));
        assertEquals("gauge", page.types().get(latency + "_max"));
        assertEquals(0.005, page.value(latency + "_max"), 0.005 * 0.001);

        String empty = "tickerplant_receive_to_written_seconds";
        assertTrue(Double.isNaN(page.value(empty + "{quantile=\"0.99\"}")), "no observations yet");
        assertEquals(0, page.value(empty + "_count"));
        assertEquals(0, page.value(empty + "_max"));
    }

    @Test
    void openMetricsWhenTheScraperAsksForItWithTheSameSeries() {
        exchangeToReceive.record(2_000_000);
        FullHttpResponse response = metrics("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertEquals("accept", response.headers().get(HttpHeaderNames.VARY));
        HealthRig.Answer answer = HealthRig.Answer.of(response);
        assertEquals(200, answer.status());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", answer.contentType());
        assertEquals("no-store", answer.cacheControl());
        assertEquals(answer.bodyBytes(), answer.contentLength());
        assertTrue(answer.body().endsWith("\n# EOF\n"), answer.body());

        ScrapedMetrics openMetrics = ScrapedMetrics.parse(answer.body());
        // OpenMetrics names a counter family without _total and an info family without _info; samples keep both.
        assertEquals("counter", openMetrics.types().get("tickerplant_upstream_frames"));
        assertEquals("info", openMetrics.types().get("tickerplant_build"));
        assertEquals("summary", openMetrics.types().get("tickerplant_exchange_to_receive_seconds"));
        assertEquals(ScrapedMetrics.parse(rig.get("/metrics").body()).samples(), openMetrics.samples(),
                "the same series and values as the text format");
    }

    @Test
    void theTextFormatForEveryOtherAcceptHeader() {
        String textFormat = "text/plain; version=0.0.4; charset=utf-8";
        assertEquals(textFormat, HealthRig.Answer.of(metrics("text/plain")).contentType());
        assertEquals(textFormat, HealthRig.Answer.of(metrics("*/*")).contentType());
        // Prometheus with native histograms prefers protobuf, which this build does not write: the next choice wins.
        String protobuf = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";
        HealthRig.Answer text = HealthRig.Answer.of(metrics(protobuf + ";q=0.7,text/plain;version=0.0.4;q=0.3"));
        assertEquals(textFormat, text.contentType());
        assertTrue(text.body().contains("\ntickerplant_ring_capacity 1024"), text.body());
        HealthRig.Answer openMetrics = HealthRig.Answer.of(metrics(protobuf + ",application/openmetrics-text;q=0.5"));
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8", openMetrics.contentType());
        assertEquals(405, HealthRig.Answer.of(rig.request(HttpMethod.HEAD, "/metrics")).status(), "GET only");
    }

    private FullHttpResponse metrics(String accept) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/metrics");
        request.headers().set(HttpHeaderNames.ACCEPT, accept);
        return rig.routes.handle(request);
    }
}
