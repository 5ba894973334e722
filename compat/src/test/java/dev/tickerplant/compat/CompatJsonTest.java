package dev.tickerplant.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.message.AdvancedTradeMessages;
import dev.tickerplant.coinbase.message.ExchangeMessages;
import dev.tickerplant.fanout.protocol.Fixtures;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.fanout.protocol.Timestamps;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.testing.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compat encoders on Coinbase's own sample messages, decoded as the daemon decodes them. */
class CompatJsonTest {
    private static final long NOW = Instant.parse("2026-10-03T20:58:31Z").getEpochSecond() * 1_000_000_000L
            + 129_034_567L;

    @Test
    void advancedTradeTickerObjectKeepsEveryFieldOfTheCaptureWithItsExactBytes() {
        for (String fixture : List.of("10-ticker-capture.json", "08-ticker-doc.json")) {
            JsonBytes out = new JsonBytes(64);
            AdvancedTradeJson.writeTicker(out, Fixtures.ticker(fixture, true));
            Map<String, Object> original = firstTicker(Fixtures.text(fixture));
            assertEquals(original, Json.object(out.toString()), fixture);
            assertTrue(out.toString().startsWith("{\"type\":\"ticker\",\"product_id\":\""), out.toString());
        }
    }

    @Test
    void advancedTradeTickerFromAnExchangeTickHasOnlyTheFieldsBothHaveUnderAdvancedTradeNames() {
        JsonBytes out = new JsonBytes(64);
        AdvancedTradeJson.writeTicker(out, Fixtures.ticker("37-ticker-capture.json", false));
        assertEquals("{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"84737.58\",\"volume_24_h\":"
                + "\"1836.96781750\",\"low_24_h\":\"84400\",\"high_24_h\":\"85021.57\",\"best_bid\":\"84737.58\","
                + "\"best_bid_quantity\":\"0.19921154\",\"best_ask\":\"84737.59\",\"best_ask_quantity\":"
                + "\"0.05223077\"}", out.toString());
    }

    @Test
    void advancedTradeFrameWrapsSharedTickerObjectsInTheClientsEnvelope() {
        ByteBuf ticker = Unpooled.copiedBuffer("{\"type\":\"ticker\",\"product_id\":\"A\"}", StandardCharsets.US_ASCII);
        ByteBuf second = Unpooled.copiedBuffer("{\"type\":\"ticker\",\"product_id\":\"B\"}", StandardCharsets.US_ASCII);
        ByteBuf frame = Unpooled.buffer();
        AdvancedTradeJson.writeFrame(frame, AdvancedTradeJson.Tickers.BATCH_UPDATE, NOW, 91,
                new ByteBuf[] {ticker, second}, 2, new JsonBytes(16));

        assertEquals(0x81, frame.readUnsignedByte(), "FIN + text");
        assertEquals(126, frame.readUnsignedByte(), "a 16-bit payload length follows");
        assertEquals(frame.readableBytes() - 2, frame.readUnsignedShort());
        assertEquals("{\"channel\":\"ticker_batch\",\"client_id\":\"\",\"timestamp\":\"2026-10-03T20:58:31.129034Z\","
                + "\"sequence_num\":91,\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":"
                + "\"A\"},{\"type\":\"ticker\",\"product_id\":\"B\"}]}]}", frame.toString(StandardCharsets.US_ASCII));
        assertEquals(0, ticker.readerIndex(), "the shared ticker is only read, never consumed");
    }

    @Test
    void advancedTradeControlMessagesHaveCoinbasesShapes() {
        JsonBytes heartbeat = new JsonBytes(16);
        AdvancedTradeJson.heartbeats(heartbeat, NOW, 4, 139651, 139_651_272_674_714L);
        assertEquals("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"2026-10-03T20:58:31.129034Z\","
                + "\"sequence_num\":4,\"events\":[{\"current_time\":\"2026-10-03 20:58:31.129034567 +0000 UTC "
                + "m=+139651.272674714\",\"heartbeat_counter\":139651}]}", heartbeat.toString());
        assertEquals("2026-10-03 20:58:31.1 +0000 UTC m=+0.000000001",
                AdvancedTradeJson.goTime(NOW - 29_034_567L, 1), "Go drops the fraction's trailing zeros");

        Map<String, List<String>> channels = new LinkedHashMap<>();
        channels.put("ticker", List.of("BTC-USD", "ETH-USD"));
        channels.put("heartbeats", List.of("heartbeats"));
        assertEquals("{\"channel\":\"subscriptions\",\"client_id\":\"\",\"timestamp\":\"2026-10-03T20:58:31.129034Z\","
                + "\"sequence_num\":2,\"events\":[{\"subscriptions\":{\"ticker\":[\"BTC-USD\",\"ETH-USD\"],"
                + "\"heartbeats\":[\"heartbeats\"]}}]}", ascii(AdvancedTradeMessages.subscriptions(Timestamps.format(NOW), 2, channels)));
        assertEquals("{\"type\":\"error\",\"message\":\"authentication failure\"}",
                ascii(AdvancedTradeMessages.error("authentication failure")));
    }

    @Test
    void exchangeTickerFromAnExchangeTickIsTheCaptureByteForByte() {
        for (String fixture : List.of("37-ticker-capture.json", "38-ticker-capture.json", "36-ticker-doc.json")) {
            JsonBytes out = new JsonBytes(64);
            ExchangeJson.writeTicker(out, Fixtures.ticker(fixture, false));
            assertEquals(Fixtures.text(fixture).replaceAll("\\s+", ""), out.toString(), fixture);
        }
    }

    @Test
    void exchangeTickerFromAnAdvancedTradeTickLeavesOutWhatAdvancedTradeLacks() {
        TickerSlot tick = Fixtures.ticker("10-ticker-capture.json", true);
        JsonBytes out = new JsonBytes(64);
        ExchangeJson.writeTicker(out, tick);
        Map<String, Object> ticker = Json.object(out.toString());
        assertEquals(List.of("type", "product_id", "price", "volume_24h", "low_24h", "high_24h", "best_bid",
                "best_bid_size", "best_ask", "best_ask_size"), List.copyOf(ticker.keySet()));
        assertEquals("14174.4213", ticker.get("volume_24h"));
        for (String absent : List.of("sequence", "trade_id", "side", "last_size", "time", "open_24h", "volume_30d")) {
            assertFalse(ticker.containsKey(absent), absent);
        }
    }

    @Test
    void exchangeControlMessagesHaveCoinbasesShapes() {
        JsonBytes out = new JsonBytes(16);
        ExchangeJson.writeHeartbeat(out, "ETH-USD", 32589047800L, 319738525, NOW);
        assertEquals("{\"type\":\"heartbeat\",\"last_trade_id\":319738525,\"product_id\":\"ETH-USD\",\"sequence\":"
                + "32589047800,\"time\":\"2026-10-03T20:58:31.129034Z\"}", out.toString());
        out.reset();
        ExchangeJson.writeHeartbeat(out, "ETH-USD", -1, -1, NOW);
        assertEquals("{\"type\":\"heartbeat\",\"product_id\":\"ETH-USD\",\"time\":\"2026-10-03T20:58:31.129034Z\"}",
                out.toString());
        assertEquals("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"],"
                + "\"account_ids\":null}]}", ascii(ExchangeMessages.subscriptions(Map.of("ticker", List.of("BTC-USD")))));
        assertEquals("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"No channels provided\"}",
                ascii(ExchangeMessages.error("Failed to subscribe", "No channels provided")));
    }

    private static Map<String, Object> firstTicker(String frame) {
        Map<String, Object> event = Json.map(Json.list(Json.object(frame).get("events")).get(0));
        return Json.map(Json.list(event.get("tickers")).get(0));
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
