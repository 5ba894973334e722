package dev.tickerplant.fanout.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.FanoutServer;
import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access policy over real loopback sockets: token, Origin allow-list and connections per address. */
class AccessControlTest {
    private static final String TOKEN = "tp-test-token-4f9d2c71e8b3a6";
    private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD");

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ListAppender<ILoggingEvent> policyLog = new ListAppender<>();
    private final Logger policyLogger = (Logger) LoggerFactory.getLogger(AccessPolicy.class);

    @AfterEach
    void closeAll() throws Exception {
        policyLogger.detachAppender(policyLog);
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void upgradesOnAnyPathAndApiNeedTheTokenWhileHealthAndMetricsStayOpen() throws Exception {
        int port = start(AccessRules.defaults().withBearerToken(TOKEN));

        try (WebSocketClient none = upgrade(port, "/ws")) {
            assertEquals(401, none.status());
            assertEquals("{\"error\":\"unauthorized\",\"message\":\"missing bearer token for GET /ws: expected an "
                    + "Authorization: Bearer <token> header or a token query parameter\"}", none.body());
            assertEquals("Bearer realm=\"tickerplant\"", none.header("www-authenticate"));
            assertTrue(none.closedByServer(), "a refused upgrade closes the connection");
        }
        String wrong = "tp-wrong-token-000000000000";
        try (WebSocketClient badHeader = upgrade(port, "/ws", "Authorization: Bearer " + wrong)) {
            assertEquals(401, badHeader.status());
            assertTrue(badHeader.body().contains("invalid bearer token for GET /ws"), badHeader.body());
            assertFalse(badHeader.body().contains(wrong), "the presented token is never echoed: " + badHeader.body());
            assertEquals("Bearer realm=\"tickerplant\", error=\"invalid_token\"",
                    badHeader.header("www-authenticate"));
        }
        try (WebSocketClient badQuery = upgrade(port, "/ws?token=" + wrong)) {
            assertEquals(401, badQuery.status());
            assertFalse(badQuery.body().contains(wrong), badQuery.body());
        }
        try (WebSocketClient prefixOnly = upgrade(port, "/ws", "Authorization: Bearer " + TOKEN.substring(0, 20))) {
            assertEquals(401, prefixOnly.status(), "a prefix of the token is not the token");
        }
        try (WebSocketClient otherPath = upgrade(port, "/coinbase/advanced-trade")) {
            assertEquals(401, otherPath.status(), "every WebSocket endpoint is guarded, not only /ws");
        }

        try (WebSocketClient header = upgrade(port, "/ws", "Authorization: bearer " + TOKEN)) {
            assertEquals(101, header.status());
            assertTrue(header.next().contains("\"type\":\"welcome\""));
        }
        try (WebSocketClient query = upgrade(port, "/ws?products=BTC-USD&token=" + TOKEN)) {
            assertEquals(101, query.status(), "browsers cannot set headers on a WebSocket: the query works too");
            assertTrue(query.next().contains("\"type\":\"welcome\""));
        }

        assertEquals(401, get(port, "/api/connections").status());
        assertEquals(401, get(port, "/api/connections?token=" + TOKEN).status(),
                "the query parameter is for WebSocket upgrades only");
        assertEquals(401, get(port, "/api").status());
        assertEquals(200, get(port, "/api/connections", "Authorization: Bearer " + TOKEN).status());
        for (String path : List.of("/health", "/health/live", "/metrics")) {
            Http.RawResponse answer = get(port, path);
            assertEquals(200, answer.status(), path + " stays open");
            assertFalse(answer.body().contains(TOKEN), answer.body());
        }
        assertTrue(policyLog.list.stream().noneMatch(e -> e.getFormattedMessage().contains(wrong)
                || e.getFormattedMessage().contains(TOKEN)), "no token in the log");
    }

    @Test
    void anOriginOutsideTheAllowListIsRefusedAndRequestsWithoutOneAreNot() throws Exception {
        int port = start(AccessRules.defaults().withAllowedOrigins(List.of("https://app.example.com")));

        try (WebSocketClient evil = upgrade(port, "/ws", "Origin: https://evil.example")) {
            assertEquals(403, evil.status());
            assertEquals("{\"error\":\"forbidden_origin\",\"message\":\"Origin \\\"https://evil.example\\\" may not "
                    + "use GET /ws: expected one of https://app.example.com (allowed-origins)\"}", evil.body());
        }
        assertEquals(403, get(port, "/api/connections", "Origin: http://app.example.com").status(),
                "another scheme is another origin");
        try (WebSocketClient allowed = upgrade(port, "/ws", "Origin: HTTPS://App.Example.com:443")) {
            assertEquals(101, allowed.status(), "compared in the canonical form");
        }
        try (WebSocketClient noOrigin = upgrade(port, "/ws")) {
            assertEquals(101, noOrigin.status(), "programs send no Origin; only browsers do");
        }
        assertEquals(200, get(port, "/health", "Origin: https://evil.example").status());
    }

    @Test
    void aRefusalLogLineQuotesTheRequestEscapedAndStaysOneLine() throws Exception {
        int port = start(AccessRules.defaults().withAllowedOrigins(List.of("https://app.example.com")));

        // A decoded CR LF in the path, a non-ASCII byte and a tab in the Origin: none may reach the log raw.
        assertEquals(403, get(port, "/api/x%0D%0AINFO%20forged:%20" + "y".repeat(500),
                "Origin: https://evil\u00e9.example\tx").status());

        List<String> refusals = policyLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("refused ")).toList();
        assertEquals(1, refusals.size(), () -> "one refusal logged: " + refusals);
        String line = refusals.get(0);
        assertTrue(line.contains("GET /api/x\\r\\nINFO forged: yyy"), line);
        assertTrue(line.contains("Origin \"https://evil\\u00e9.example\\tx\""), line);
        assertFalse(line.contains("y".repeat(100)), () -> "the path is cut: " + line);
        assertTrue(line.length() < 400, () -> line.length() + " characters: " + line);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7f, "character " + i + " of " + line);
        }
    }

    @Test
    void anAddressHoldsAtMostItsShareOfConnectionsAndGetsASlotBackWhenOneCloses() throws Exception {
        int port = start(AccessRules.defaults().withMaxConnectionsPerIp(3));
        List<WebSocketClient> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebSocketClient client = track(upgrade(port, "/ws"));
            assertEquals(101, client.status());
            held.add(client);
        }

        try (WebSocketClient fourth = upgrade(port, "/ws")) {
            assertEquals(429, fourth.status());
            assertEquals("{\"error\":\"too_many_connections\",\"message\":\"too many connections from 127.0.0.1: 3 "
                    + "open, expected at most 3 per address (max-connections-per-ip); close one and retry\"}",
                    fourth.body());
            assertEquals("1", fourth.header("retry-after"));
        }
        assertEquals(200, get(port, "/health").status(), "plain HTTP does not take a WebSocket slot");

        held.get(0).close();
        // The slot comes back when the server sees the close.
        await("a closed connection gives its slot back")
                .until(() -> track(upgrade(port, "/ws")).status() == 101);
        try (WebSocketClient again = upgrade(port, "/ws")) {
            assertEquals(429, again.status(), "refused attempts took no slot: still exactly 3 open");
        }
    }

    @Test
    void refusalsAreLoggedOnceWithoutTheTokenAndTheRestCounted() throws Exception {
        int port = start(AccessRules.defaults().withBearerToken(TOKEN));
        String wrong = "tp-guessing-" + "x".repeat(20);
        for (int i = 0; i < 50; i++) {
            try (WebSocketClient attempt = upgrade(port, "/ws", "Authorization: Bearer " + wrong + i)) {
                assertEquals(401, attempt.status());
            }
        }

        List<String> infoLines = policyLog.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, infoLines.size(), "a storm of refusals is one line per quiet period: " + infoLines);
        assertTrue(infoLines.get(0).startsWith("refused GET /ws from 127.0.0.1: 401 invalid bearer token"),
                infoLines.get(0));
        assertTrue(policyLog.list.stream().noneMatch(e -> e.getFormattedMessage().contains("tp-guessing")));
    }

    @Test
    void theTokenIsMatchedWhole() {
        BearerToken token = new BearerToken(TOKEN);

        assertTrue(token.matches(TOKEN));
        assertFalse(token.matches(TOKEN + "x"));
        assertFalse(token.matches(TOKEN.substring(1)));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
        assertEquals("AccessRules[bearerToken=****, maxConnectionsPerIp=1000, allowedOrigins=[]]",
                AccessRules.defaults().withBearerToken(TOKEN).toString());
        assertFalse(FanoutOptions.defaults().withAccess(AccessRules.defaults().withBearerToken(TOKEN)).toString()
                .contains(TOKEN));
    }

    private int start(AccessRules rules) {
        policyLog.start();
        policyLogger.addAppender(policyLog);
        List<Product> products = PRODUCTS.stream()
                .map(id -> new Product(id, id.substring(0, 3), "USD", true, true, "", BigDecimal.ONE)).toList();
        MarketState market = new MarketState(PRODUCTS);
        TickRing ring = new TickRing(1024, market, new DefaultThreadFactory("access-test-consumer", true));
        ring.start();
        open.add(ring::close);
        UpstreamConductor upstream = new UpstreamConductor(new ShardPlanner().plan(products, 15, Set.of()),
                new UpstreamOptions(URI.create("ws://127.0.0.1:9/"), CoinbaseProtocol.ADVANCED_TRADE,
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(20),
                        Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(2)),
                Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                new RateLimiter("subscribe", 8, System::nanoTime),
                Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0), () -> null, 1);
        open.add(() -> upstream.close(1000));
        FanoutServer server = new FanoutServer(FanoutOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withAccess(rules), market, upstream, routes());
        server.start();
        open.add(() -> server.close(Duration.ofSeconds(2)));
        return server.port();
    }

    /** Stands in for the health module: answers its paths with a fixed body. */
    private static HttpRoutes routes() {
        Set<String> known = Set.of("/health", "/health/live", "/metrics", "/api/connections");
        return request -> {
            String path = new QueryStringDecoder(request.uri()).path();
            if (!known.contains(path)) {
                return null;
            }
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.OK, Unpooled.copiedBuffer("{\"route\":\"" + path + "\"}",
                            StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            return response;
        };
    }

    private Http.RawResponse get(int port, String path, String... headers) {
        return track(Http.raw(port, "GET", path, headers));
    }

    /** An upgrade request with these extra header lines; the answer as it is, read on demand. */
    private static WebSocketClient upgrade(int port, String pathAndQuery, String... headers) {
        return WebSocketClient.to(port, pathAndQuery).header(headers).readOnDemand().upgrade();
    }

    private <T extends AutoCloseable> T track(T client) {
        open.add(client);
        return client;
    }
}
