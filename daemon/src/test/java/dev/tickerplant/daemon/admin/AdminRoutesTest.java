package dev.tickerplant.daemon.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.tickerplant.daemon.testing.LogCapture;
import dev.tickerplant.fanout.http.RoutesServer;
import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.security.AccessPolicy;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.transport.Transport;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin routes over a real server and router, with recording actions: each route's call and answer, every class of
 * error in the house format, the token and Origin checks, the API being off without a token, and the catalog refresh
 * answered when its future completes, ahead of a request pipelined behind it.
 */
class AdminRoutesTest {
    private static final String TOKEN = "admin-token-for-tests-0123456789";
    private static final String BEARER = "Bearer " + TOKEN;

    private final RecordingActions actions = new RecordingActions();
    private final AtomicLong nanoTime = new AtomicLong();
    private final RoutesServer server = serve(new AdminRoutes(actions, Optional.of(TOKEN), nanoTime::get));

    @AfterEach
    void close() {
        server.close();
    }

    // ---- routes ---------------------------------------------------------------------------------------------------

    @Test
    void productsAreListedWithTheirConnections() {
        HttpResponse<String> response = call("GET", "/admin/products", null, "Authorization", BEARER);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("cache-control").orElseThrow());
        assertEquals(Map.of("selection", "top 2 USD", "products", List.of(
                        Map.of("id", "BTC-USD", "priority", true, "connection", "conn-01a"),
                        Map.of("id", "ETH-USD", "priority", false, "connection", "conn-02a"))),
                Json.object(response.body()));
        assertEquals(List.of("products"), actions.calls);
    }

    @Test
    void aProductChangeIsPassedOnAndItsReportAnsweredInSnakeCase() {
        HttpResponse<String> response = post("/admin/products", "{\"add\":[\"sol-usd\"],\"remove\":[\"ETH-USD\"]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("changeProducts [sol-usd] [ETH-USD]"), actions.calls);
        assertEquals(Map.of("added", List.of("SOL-USD"), "removed", List.of("ETH-USD"), "priority_added", List.of(),
                "priority_removed", List.of(), "connections_opened", 1L, "connections_changed", 2L,
                "connections_closed", 0L), Json.object(response.body()));
    }

    @Test
    void aPriorityChangeMayOnlyAdd() {
        HttpResponse<String> response = post("/admin/priority", "{\"add\":[\"BTC-USD\"]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("changePriority [BTC-USD] []"), actions.calls);
        assertEquals(List.of("BTC-USD"), Json.object(response.body()).get("priority_added"));
    }

    @Test
    void aConnectionIsRotatedByName() {
        HttpResponse<String> response = post("/admin/connections/conn-03a/rotate", "");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("rotate conn-03a"), actions.calls);
        assertEquals(Map.of("connection", "conn-03a", "started", true, "detail",
                        "replacement link opening; the current one closes once it streams"),
                Json.object(response.body()));
    }

    @Test
    void aLogLevelIsSet() {
        HttpResponse<String> response = post("/admin/log-level",
                "{\"logger\":\"dev.tickerplant.ingest\",\"level\":\"DEBUG\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("logLevel dev.tickerplant.ingest DEBUG"), actions.calls);
        assertEquals(Map.of("logger", "dev.tickerplant.ingest", "was", "INFO", "now", "DEBUG"),
                Json.object(response.body()));
    }

    @Test
    void theCatalogRefreshIsAnsweredWhenItCompletesAndAPipelinedRequestWaitsForIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) Http.WAIT.toMillis());
            String auth = "Authorization: " + BEARER + "\r\n";
            String requests = "POST /admin/catalog/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                    + "Content-Length: 0\r\n\r\n"
                    + "GET /admin/products HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            CompletableFuture<ChangeReport> refresh = await().until(actions.refresh::get, f -> f != null);
            server.eventLoops().get(0).submit(() -> { }).get(Http.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(0, socket.getInputStream().available(), "nothing answered before the refresh completes");
            assertEquals(List.of("refreshCatalog"), actions.calls, "the pipelined request waits");

            refresh.complete(RecordingActions.REFRESHED);

            Http.RawResponse refreshed = Http.next(socket);
            assertEquals(200, refreshed.status(), refreshed.body());
            assertEquals(List.of("NEW-USD"), Json.object(refreshed.body()).get("added"));
            Http.RawResponse products = Http.next(socket);
            assertEquals(200, products.status(), products.body());
            assertEquals("top 2 USD", Json.object(products.body()).get("selection"));
            assertEquals(List.of("refreshCatalog", "products"), actions.calls);
        }
    }

    @Test
    void aRefusedRefreshIsAnsweredWithItsOwnErrorAndAFailedOneWith500() {
        CompletableFuture<HttpResponse<String>> refused = postLater("/admin/catalog/refresh");
        await().until(actions.refresh::get, f -> f != null).completeExceptionally(new AdminException(503,
                "catalog_unavailable", "the catalog could not be fetched: HTTP 502", Map.of("attempts", 3)));
        HttpResponse<String> response = refused.join();
        assertEquals(503, response.statusCode());
        assertEquals(Map.of("code", "catalog_unavailable", "message", "the catalog could not be fetched: HTTP 502",
                "details", Map.of("attempts", 3L)), Json.object(response.body()));

        actions.refresh.set(null);
        CompletableFuture<HttpResponse<String>> failed = postLater("/admin/catalog/refresh");
        await().until(actions.refresh::get, f -> f != null).completeExceptionally(new IllegalStateException("boom"));
        response = failed.join();
        assertEquals(500, response.statusCode());
        assertEquals("internal_error", Json.object(response.body()).get("code"));
    }

    // ---- errors ---------------------------------------------------------------------------------------------------

    private static final String EXAMPLE = "{\"add\":[\"BTC-USD\"],\"remove\":[\"ETH-USD\"]}";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("/admin/products", "", "missing body: expected a JSON object such as " + EXAMPLE),
                Arguments.of("/admin/products", "{\"add\":",
                        "malformed JSON body: Unexpected end-of-input within/between Object entries"),
                Arguments.of("/admin/products", "[\"BTC-USD\"]",
                        "body: expected a JSON object such as " + EXAMPLE + ", got an array"),
                Arguments.of("/admin/products", "{\"add\":\"BTC-USD\"}",
                        "field add: expected an array of product ids such as [\"BTC-USD\"], got a string"),
                Arguments.of("/admin/priority", "{\"add\":[\"BTC-USD\",7]}",
                        "field add[1]: expected a product id such as \"BTC-USD\", got a number"),
                Arguments.of("/admin/priority", "{\"add\":[],\"remove\":[]}",
                        "nothing to change: expected product ids in add, remove or both, e.g. " + EXAMPLE),
                Arguments.of("/admin/products", "{\"add\":[\"X\"],\"drop\\n\":[]}",
                        "unknown field \"drop\\n\": expected only add and remove"),
                Arguments.of("/admin/products", "{\"add\":[\"X\"],\"add\":[\"Y\"]}",
                        "malformed JSON body: Duplicate field 'add'"),
                Arguments.of("/admin/log-level", "{\"logger\":\"dev.tickerplant\"}",
                        "missing field level: expected a level such as \"DEBUG\""),
                Arguments.of("/admin/log-level", "{\"logger\":null,\"level\":\"DEBUG\"}",
                        "field logger: expected a logger name such as \"dev.tickerplant.ingest\", or \"ROOT\","
                                + " got null"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIs400NamingWhatWasExpected(String path, String body, String message) {
        HttpResponse<String> response = post(path, body);

        assertEquals(400, response.statusCode(), response.body());
        Map<String, Object> error = Json.object(response.body());
        assertEquals("bad_request", error.get("code"));
        assertEquals(message, error.get("message"));
        assertTrue(error.get("details") instanceof Map, response.body());
        assertEquals(List.of(), actions.calls, "nothing was asked of the actions");
    }

    @Test
    void anUnknownAdminPathIs404InTheHouseFormat() {
        for (String path : List.of("/admin", "/admin/nothing", "/admin/connections//rotate",
                "/admin/connections/a%2Fb/rotate")) {
            HttpResponse<String> response = call("POST", path, "", "Authorization", BEARER);
            assertEquals(404, response.statusCode(), path);
            Map<String, Object> error = Json.object(response.body());
            assertEquals("not_found", error.get("code"), path);
            assertTrue(((String) error.get("message")).startsWith("no admin route for POST /admin"), path);
        }
        assertEquals(List.of(), actions.calls);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        HttpResponse<String> priority = call("GET", "/admin/priority", null, "Authorization", BEARER);
        assertEquals(405, priority.statusCode());
        assertEquals("POST", priority.headers().firstValue("allow").orElseThrow());
        assertEquals(Map.of("code", "method_not_allowed", "message",
                        "method not allowed: GET /admin/priority (expected: POST)", "details",
                        Map.of("allow", List.of("POST"))), Json.object(priority.body()));

        HttpResponse<String> products = call("DELETE", "/admin/products", null, "Authorization", BEARER);
        assertEquals(405, products.statusCode());
        assertEquals("GET, POST", products.headers().firstValue("allow").orElseThrow());

        assertEquals(405, call("GET", "/admin/catalog/refresh", null, "Authorization", BEARER).statusCode());
        assertEquals(405, call("GET", "/admin/connections/conn-01a/rotate", null, "Authorization", BEARER)
                .statusCode());
        assertEquals(List.of(), actions.calls, "no refresh or rotation started");
    }

    @Test
    void anActionsRefusalKeepsItsStatusCodeAndDetails() {
        actions.failure.set(new AdminException(404, "unknown_connection", "no connection \"conn-99a\": expected"
                + " one of conn-01a, conn-02a", Map.of("known", List.of("conn-01a", "conn-02a"))));

        HttpResponse<String> response = post("/admin/connections/conn-99a/rotate", "");

        assertEquals(404, response.statusCode());
        assertEquals(Map.of("code", "unknown_connection", "message",
                "no connection \"conn-99a\": expected one of conn-01a, conn-02a", "details",
                Map.of("known", List.of("conn-01a", "conn-02a"))), Json.object(response.body()));
    }

    @Test
    void anActionThatFailsIs500() {
        actions.failure.set(new IllegalStateException("boom"));

        HttpResponse<String> response = post("/admin/products", "{\"add\":[\"SOL-USD\"]}");

        assertEquals(500, response.statusCode());
        assertEquals(Map.of("code", "internal_error", "message", "POST /admin/products failed:"
                + " java.lang.IllegalStateException: boom (the daemon's log has the details)", "details", Map.of()),
                Json.object(response.body()));
    }

    @Test
    void errorsStayWithinTheHouseBound() {
        actions.failure.set(new AdminException(400, "unknown_product", "x".repeat(5000),
                Map.of("suggestions", List.of("y".repeat(2000)))));

        HttpResponse<String> response = post("/admin/products", "{\"add\":[\"SOL-USD\"]}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().getBytes(StandardCharsets.UTF_8).length <= ServerMessages.MAX_ERROR_BYTES,
                response.body().length() + " bytes");
        Map<String, Object> error = Json.object(response.body());
        assertEquals("unknown_product", error.get("code"));
        assertEquals(Map.of(), error.get("details"));
        assertTrue(((String) error.get("message")).endsWith("..."), "the message is cut");
    }

    // ---- access ---------------------------------------------------------------------------------------------------

    @Test
    void withoutTheRightTokenTheAnswerIs401AndTheTokenIsNotRepeated() {
        HttpResponse<String> missing = call("GET", "/admin/products", null);
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer realm=\"tickerplant-admin\"",
                missing.headers().firstValue("www-authenticate").orElseThrow());
        assertEquals("unauthorized", Json.object(missing.body()).get("code"));

        String wrong = "not-the-admin-token-4242";
        HttpResponse<String> invalid = call("POST", "/admin/products", "{\"add\":[\"SOL-USD\"]}",
                "Authorization", "Bearer " + wrong);
        assertEquals(401, invalid.statusCode());
        assertEquals("Bearer realm=\"tickerplant-admin\", error=\"invalid_token\"",
                invalid.headers().firstValue("www-authenticate").orElseThrow());
        assertFalse(invalid.body().contains(wrong), invalid.body());
        assertFalse(invalid.body().contains(TOKEN), invalid.body());

        assertEquals(401, call("GET", "/admin/nothing", null, "Authorization", "Basic " + TOKEN).statusCode(),
                "another scheme, and unknown paths too");
        assertEquals(List.of(), actions.calls);

        assertEquals(200, call("GET", "/admin/products", null, "Authorization", "bearer " + TOKEN).statusCode(),
                "the scheme in any case");
    }

    @Test
    void aRequestWithAnOriginIsRefusedEvenWithTheToken() {
        HttpResponse<String> response = call("POST", "/admin/products", "{\"add\":[\"SOL-USD\"]}",
                "Authorization", BEARER, "Origin", "https://example.com");

        assertEquals(403, response.statusCode());
        Map<String, Object> error = Json.object(response.body());
        assertEquals("forbidden_origin", error.get("code"));
        assertTrue(((String) error.get("message")).contains("(\"https://example.com\")"), response.body());
        assertEquals(List.of(), actions.calls);
    }

    @Test
    void refusalsAreLoggedRateLimitedAndWithoutTheToken() {
        String wrong = "not-the-admin-token-4242";
        try (LogCapture log = LogCapture.ofEverything()) {
            call("GET", "/admin/products", null, "Authorization", "Bearer " + wrong);
            call("GET", "/admin/products", null, "Authorization", "Bearer " + wrong);
            nanoTime.addAndGet(Duration.ofMinutes(1).toNanos());
            call("GET", "/admin/products", null, "Origin", "https://example.com");

            List<String> warnings = log.linesAtLeast(Level.WARN).stream()
                    .filter(line -> line.contains("admin API refused")).toList();
            assertEquals(List.of(
                    "WARN " + AdminRoutes.class.getName() + " - admin API refused GET /admin/products: 401"
                            + " wrong bearer token",
                    "WARN " + AdminRoutes.class.getName() + " - admin API refused GET /admin/products: 403"
                            + " Origin \"https://example.com\" (1 similar refusals not logged)"), warnings);
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(wrong) || line.contains(TOKEN)));
        }
    }

    @Test
    void withoutATokenTheAdminApiIsOff() {
        try (RoutesServer off = serve(new AdminRoutes(actions, Optional.empty()))) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + off.port() + "/admin/products"))
                    .timeout(Http.WAIT).header("Authorization", BEARER).GET().build());

            assertEquals(404, response.statusCode());
            assertEquals("no route for GET /admin/products", Json.object(response.body()).get("message"),
                    "the server's own 404: nothing under /admin answers");
            assertEquals(List.of(), actions.calls);
        }
    }

    @Test
    void pathsOutsideAdminAreLeftToOtherRoutes() {
        HttpResponse<String> response = call("GET", "/administrator", null, "Authorization", BEARER);

        assertEquals(404, response.statusCode());
        assertEquals("no route for GET /administrator", Json.object(response.body()).get("message"));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static RoutesServer serve(AdminRoutes routes) {
        return RoutesServer.start("127.0.0.1", 0, routes, AccessPolicy.open(), Transport.forThisProcess(),
                Duration.ofSeconds(30));
    }

    private HttpResponse<String> post(String path, String body) {
        return call("POST", path, body, "Authorization", BEARER);
    }

    private CompletableFuture<HttpResponse<String>> postLater(String path) {
        return Http.client().sendAsync(request("POST", path, "", "Authorization", BEARER),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @param headers names and values, alternating */
    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        return Http.send(request(method, path, body, headers));
    }

    private HttpRequest request(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Http.WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }
}
