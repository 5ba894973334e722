package dev.tickerplant.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.testing.SimulatorFixture;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlApiTest {

    @RegisterExtension
    static final SimulatorFixture SIM = SimulatorFixture.of(
            SimulatorOptions.defaults().withTickRate(300).withMaxConnectionsPerSecond(1_000));

    private record Reply(int status, Map<String, Object> body) {
    }

    private Reply call(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SIM.get().controlUri() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = Http.send(request);
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
        return new Reply(response.statusCode(), Json.object(response.body()));
    }

    @Test
    void listsConnectionsAndInjectsFaultsByConnectionAndProduct() throws Exception {
        try (WebSocketClient client = WebSocketClient.connect(SIM.get().advancedTradeUri())) {
            client.send("{\"type\":\"subscribe\",\"product_ids\":[\"DOGE-USD\",\"ADA-USD\"],\"channel\":\"ticker\"}");
            client.nextJson(f -> "subscriptions".equals(f.get("channel")));
            Reply list = call("GET", "/connections");
            assertEquals(200, list.status());
            List<Map<String, Object>> connections = Json.at(list.body(), "connections");
            Map<String, Object> mine = connections.get(connections.size() - 1);
            assertEquals("ADVANCED_TRADE", mine.get("protocol"));
            assertEquals("SUBSCRIBED", mine.get("state"));
            assertEquals(List.of("ADA-USD", "DOGE-USD"), mine.get("products"));
            assertTrue(((String) mine.get("remote_address")).startsWith("127.0.0.1:"));
            assertTrue((long) mine.get("frames_sent") >= 3);

            assertEquals(Map.of("affected", 1L), call("POST", "/faults/error?connection=" + mine.get("id") + "&message=oops").body());
            assertEquals(Map.of("type", "error", "message", "oops"),
                    client.nextJson(f -> "error".equals(f.get("type"))));
            assertEquals(Map.of("affected", 1L), call("POST", "/faults/close?product=DOGE-USD").body());
            client.assertClosedWith(1001, "going away");
        }
    }

    @Test
    void pausesResumesAndRetunesTickGeneration() throws Exception {
        Reply paused = call("POST", "/ticks/pause");
        assertEquals(true, paused.body().get("paused"));
        assertTrue(SIM.get().ticksPaused());
        Reply rate = call("POST", "/ticks/rate?value=1234.5");
        assertEquals(1234.5, rate.body().get("rate"));
        assertEquals(1234.5, SIM.get().tickRate());
        assertEquals(false, call("POST", "/ticks/resume").body().get("paused"));
        Reply stats = call("GET", "/stats");
        assertEquals(1234.5, stats.body().get("tick_rate"));
        assertTrue(stats.body().containsKey("max_connection_opens_in_any_window"));
        SIM.get().tickRate(300);
    }

    @Test
    void rejectsConnectionsOnRequest() throws Exception {
        assertEquals(Map.of("rejecting_next", 1L), call("POST", "/faults/reject-connections?count=1").body());
        assertEquals(429, WebSocketClient.upgradeStatus(SIM.get().advancedTradeUri()));
    }

    @Test
    void badRequestsGetOneLineErrors() throws Exception {
        Reply missing = call("POST", "/faults/drop?count=many");
        assertEquals(400, missing.status());
        assertEquals("count: many (expected: a non-negative integer)", missing.body().get("message"));
        Reply both = call("POST", "/faults/reset?connection=1&product=BTC-USD");
        assertEquals("connection and product: both given (expected: at most one target)", both.body().get("message"));
        Reply unknownProduct = call("POST", "/faults/stall?product=NOPE-USD");
        assertEquals(400, unknownProduct.status());
        assertEquals("product: NOPE-USD (expected: an id in the catalog, e.g. BTC-USD)", unknownProduct.body().get("message"));
        assertEquals(404, call("POST", "/faults/explode").status());
        assertEquals(405, call("GET", "/faults/reset").status());
        assertEquals(405, call("POST", "/connections").status());
        assertTrue(((List<?>) call("GET", "/").body().get("routes")).size() > 10);
    }
}
