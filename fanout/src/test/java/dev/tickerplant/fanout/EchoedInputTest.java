package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client sent comes back in an error escaped and cut: each message stays one short printable line. */
class EchoedInputTest {
    private final Harness harness = new Harness(Harness.options());

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aProductIdWithAControlCharacterIsEchoedEscaped() {
        WebSocketClient client = harness.client();

        Map<String, Object> error = client.request("{\"type\":\"subscribe\",\"products\":[\"BTC-USD\\n\"]}");

        assertEquals("unknown_product", error.get("code"), error.toString());
        String message = (String) error.get("message");
        assertTrue(message.startsWith("unknown product \"BTC-USD\\n\": expected a product this daemon follows, "
                + "such as BTC-USD"), message);
        assertPrintableLine(message);
        assertEquals("BTC-USD\\n", Json.map(error.get("details")).get("product"));
    }

    @Test
    void quotesNonAsciiAndInvisibleCharactersAreShownAsEscapes() {
        WebSocketClient client = harness.client();

        Map<String, Object> type = client.request("{\"type\":\"sub\\\"scribe\\u0000\\u2028\\u00e9\"}");
        assertEquals("unknown type \"sub\\\"scribe\\u0000\\u2028\\u00e9\": expected one of subscribe, unsubscribe, "
                + "ping, get_status, get_products", type.get("message"));
        assertEquals("sub\\\"scribe\\u0000\\u2028\\u00e9", Json.map(type.get("details")).get("type"));

        Map<String, Object> channel = client.request(
                "{\"type\":\"subscribe\",\"products\":[\"BTC-USD\"],\"channels\":[\"tick\\ter\\r\"]}");
        assertEquals("field channels: unknown channel \"tick\\ter\\r\", expected ticker, status or alerts",
                channel.get("message"));
        assertEquals("tick\\ter\\r", Json.map(channel.get("details")).get("value"));
    }

    @Test
    void aLongIdIsCutAfterSixtyFourCharacters() {
        WebSocketClient client = harness.client();
        String id = "X".repeat(1000);

        Map<String, Object> error = client.request("{\"type\":\"unsubscribe\",\"products\":[\"" + id + "\"]}");

        String shown = "X".repeat(64) + "...";
        assertTrue(((String) error.get("message")).startsWith("unknown product \"" + shown + "\": "),
                error.toString());
        assertEquals(shown, Json.map(error.get("details")).get("product"));
    }

    @Test
    void theQueryStringSubscribeEchoesEscapedToo() {
        WebSocketClient client = harness.connect("/ws?products=BTC-USD&channels=ticker,sta%0Atus");

        client.nextJson("welcome");
        Map<String, Object> error = client.nextJson("error");

        assertEquals("query parameter channels: unknown channel \"sta\\ntus\", expected one of ticker, status, "
                + "alerts", error.get("message"));
        assertPrintableLine((String) error.get("message"));
    }

    @Test
    void anHttpPathIsEchoedEscaped() {
        String body = Http.get(harness.port(), "/x%0D%0AX-Forged:%201").body();

        assertEquals("no route for GET /x\\r\\nX-Forged: 1", Json.object(body).get("message"));
    }

    static void assertPrintableLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertTrue((c >= 0x20 && c < 0x7f), "character " + i + " of " + text);
        }
    }
}
