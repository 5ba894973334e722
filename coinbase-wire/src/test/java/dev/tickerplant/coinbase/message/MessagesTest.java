package dev.tickerplant.coinbase.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.testing.Fixtures;
import dev.tickerplant.testing.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's control messages, against Coinbase's captures. */
class MessagesTest {

    private static final String STAMP = "2026-09-05T22:10:29.562097895Z";

    @Test
    void advancedTradeAckIsTheCaptureWhenWrittenWithTheCapturesValues() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdvancedTradeMessages.subscriptions(out, false, STAMP, 2,
                Map.of("ticker", List.of("BTC-PERP-INTX", "ETH-PERP-INTX")));
        assertEquals(Json.parseExact(Fixtures.bytes("advanced-trade/25-subscriptions-capture.json")),
                Json.parseExact(out.toByteArray()));
    }

    @Test
    void advancedTradeAckWithClientIdListsEveryChannelInOrderAndAnEmptyOneAsAnObject() {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        channels.put("ticker", List.of("BTC-USD"));
        channels.put("heartbeats", List.of("heartbeats"));
        assertEquals("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"" + STAMP + "\","
                + "\"sequence_num\":7,\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\"],"
                + "\"heartbeats\":[\"heartbeats\"]}}]}", text(AdvancedTradeMessages.subscriptions(STAMP, 7, channels)));
        assertEquals("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"" + STAMP + "\","
                + "\"sequence_num\":8,\"events\":[{\"subscriptions\":{}}]}",
                text(AdvancedTradeMessages.subscriptions(STAMP, 8, Map.of())));
    }

    @Test
    void advancedTradeHeartbeatsCarryTheCounterAsANumberOrAsAString() {
        ByteArrayOutputStream number = new ByteArrayOutputStream();
        AdvancedTradeMessages.heartbeats(number, true, STAMP, 3, "2026-09-05 22:10:30.25788961 +0000 UTC m=+1.5", 7,
                false);
        assertEquals("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"" + STAMP + "\",\"sequence_num\":3,"
                + "\"events\":[{\"current_time\":\"2026-09-05 22:10:30.25788961 +0000 UTC m=+1.5\","
                + "\"heartbeat_counter\":7}]}", text(number.toByteArray()));
        ByteArrayOutputStream string = new ByteArrayOutputStream();
        AdvancedTradeMessages.heartbeats(string, false, STAMP, 3, "t", 7, true);
        assertEquals("{\"channel\":\"heartbeats\",\"timestamp\":\"" + STAMP + "\",\"sequence_num\":3,"
                + "\"events\":[{\"current_time\":\"t\",\"heartbeat_counter\":\"7\"}]}", text(string.toByteArray()));
    }

    @Test
    void errorsAreBareObjectsWithAnEscapedMessage() {
        assertEquals("{\"type\":\"error\",\"message\":\"say \\\"no\\\"\"}",
                text(AdvancedTradeMessages.error("say \"no\"")));
        assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\"}",
                text(ExchangeMessages.error("Failed to subscribe", "No channels provided")));
        assertEquals("{\"type\":\"error\",\"message\":\"Malformed JSON\"}",
                text(ExchangeMessages.error("Malformed JSON", null)));
    }

    @Test
    void exchangeAckIsTheCaptureWhenWrittenWithTheCapturesValues() {
        assertEquals(Json.parseExact(Fixtures.bytes("exchange/33-subscriptions-capture.json")),
                Json.parseExact(ExchangeMessages.subscriptions(Map.of("ticker_1000", List.of("BTC-USD")))));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
