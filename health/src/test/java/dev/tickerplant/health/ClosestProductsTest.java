package dev.tickerplant.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestProductsTest {
    private static final List<String> KNOWN = List.of("BTC-USD", "ETH-USD", "ETC-USD", "SOL-USD", "BTC-PERP-INTX",
            "DOGE-USD");

    @Test
    void nearestFirstIgnoringCase() {
        assertEquals(List.of("ETH-USD", "ETC-USD", "BTC-USD", "SOL-USD", "DOGE-USD"),
                ClosestProducts.to("eth-usd", KNOWN));
        assertEquals("BTC-USD", ClosestProducts.to("BTCUSD", KNOWN).get(0));
    }

    @Test
    void idsStartingWithTheInputComeFirst() {
        assertEquals(List.of("BTC-USD", "BTC-PERP-INTX"), ClosestProducts.to("BTC-", KNOWN).subList(0, 2));
        assertEquals("DOGE-USD", ClosestProducts.to("DOGE", KNOWN).get(0));
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertEquals(List.of(), ClosestProducts.to("SOMETHING-ELSE-ENTIRELY", KNOWN));
        assertEquals(List.of(), ClosestProducts.to("Q".repeat(4000), KNOWN));
    }
}
