package dev.tickerplant.bench.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.sim.market.Market;
import dev.tickerplant.sim.market.ProductCatalog;
import dev.tickerplant.sim.market.Tick;
import dev.tickerplant.sim.market.TickSchedule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The NATS publisher's payload is the daemon's ticker message for the simulator's trade. */
class DaemonTickerPayloadTest {

    @Test
    void aTradeBecomesTheDaemonsTickerWithItsIntendedTimeAsExchangeTime() {
        Instant intended = Instant.parse("2026-10-03T20:58:31.127510999Z");
        Market market = new Market(ProductCatalog.generate(1), 1, 0, TickSchedule.poisson(), 16,
                Clock.fixed(intended, ZoneOffset.UTC), System::nanoTime);
        Tick tick = market.latest().of("BTC-USD");
        long sent = Instant.parse("2026-10-03T20:58:31.129034Z").toEpochMilli() * 1_000_000L;

        JsonBytes json = new DaemonTickerPayload().encode(tick, 42, sent);
        String text = new String(json.array(), 0, json.length(), StandardCharsets.US_ASCII);

        assertTrue(text.startsWith("{\"type\":\"ticker\",\"seq\":42,\"product_id\":\"BTC-USD\",\"price\":\""
                + tick.price() + "\",\"volume_24_h\":\""), text);
        assertTrue(text.contains(",\"best_ask_quantity\":\"" + tick.bestAskQuantity() + "\""), text);
        String time = tick.time().toString().substring(0, 19);
        assertTrue(text.contains(",\"exchange_time\":\"" + time), text);
        assertTrue(text.endsWith(",\"receive_time\":\"2026-10-03T20:58:31.129000Z\"}"), text);
        assertTrue(json.length() > 300 && json.length() < 500, json.length() + " bytes: " + text);
        assertEquals('}', text.charAt(text.length() - 1));
    }
}
