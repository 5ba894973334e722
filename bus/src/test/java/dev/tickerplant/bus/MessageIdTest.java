package dev.tickerplant.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream keeps one copy of a tick two ingest nodes publish only if both give it the same message id: each node's
 * market must derive it from the tick alone.
 */
class MessageIdTest {

    @Test
    void twoNodesAcceptingTheSameAdvancedTradeTickNameItAlike() {
        String onA = accepted(new MarketState(List.of("BTC-USD")), advancedTrade("84737.58", "5000.1"));
        String onB = accepted(new MarketState(List.of("ETH-USD", "BTC-USD")), advancedTrade("84737.58", "5000.1"));
        assertEquals(onA, onB);
        assertEquals(true, onA.startsWith("BTC-USD#"), onA);

        String next = accepted(new MarketState(List.of("BTC-USD")), advancedTrade("84737.58", "5000.2"));
        assertNotEquals(onA, next, "the next trade moves the volume: another tick");
    }

    @Test
    void anExchangeTickIsNamedByItsProductSequence() {
        TickEvent event = advancedTrade("1.5", "10");
        event.ticker.exchangeSequence = 4242;
        assertEquals("BTC-USD:4242", accepted(new MarketState(List.of("BTC-USD")), event));
    }

    private static String accepted(MarketState market, TickEvent event) {
        market.onEvent(event, 0, true);
        assertEquals(true, event.accepted);
        return TickPublisher.messageId(event);
    }

    private static TickEvent advancedTrade(String price, String volume) {
        TickEvent event = new TickEvent();
        event.busSequence = -1;
        event.ticker.productId.set("BTC-USD");
        event.ticker.field(TickField.PRICE).set(price);
        event.ticker.field(TickField.VOLUME_24H).set(volume);
        return event;
    }
}
