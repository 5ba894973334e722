package dev.tickerplant.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProductNamesTest {

    @Test
    void aBareBaseCurrencyIsThatBaseInTheQuoteCurrency() {
        assertEquals("BTC-USD", ProductNames.productId("BTC", "USD"));
        assertEquals("BTC-EUR", ProductNames.productId("btc", "EUR"));
        assertEquals("ETH-USD", ProductNames.productId(" eth ", ProductNames.DEFAULT_QUOTE_CURRENCY));
    }

    @Test
    void anIdWithADashIsTakenAsItIsInUpperCase() {
        assertEquals("BTC-USD", ProductNames.productId("btc-usd", "EUR"));
        assertEquals("BTC-PERP-INTX", ProductNames.productId("BTC-PERP-INTX", "USD"));
        assertEquals("", ProductNames.productId("  ", "USD"));
    }

    @Test
    void aNameWithACharacterNoProductIdHasStaysAsItWasAndSoMatchesNothing() {
        assertEquals("BTC-USD\n", ProductNames.productId("BTC-USD\n", "USD"));
        assertEquals("\tbtc", ProductNames.productId("\tbtc", "USD"));
        assertEquals("BTC USD", ProductNames.productId("BTC USD", "USD"));
        assertEquals("btc/usd", ProductNames.productId("btc/usd", "USD"));
    }
}
