package dev.tickerplant.sim.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProductCatalogTest {

    private final ProductCatalog catalog = ProductCatalog.generate(42);

    /** The selection a client makes: SPOT, quoted in USD, online, tradable, not an alias. */
    private static boolean onlineTradableUsd(Product p) {
        return p.type() == ProductType.SPOT && p.quoteCurrency().equals("USD") && p.flags().tradable()
                && !p.flags().auctionMode() && p.alias().isEmpty();
    }

    @Test
    void listsExactly300OnlineTradableNonAliasUsdSpotProducts() {
        List<Product> selected = catalog.products().stream().filter(ProductCatalogTest::onlineTradableUsd).toList();
        assertEquals(300, selected.size());
        assertTrue(selected.stream().allMatch(Product::trades), "every selected product trades");
    }

    @Test
    void alsoListsTheProductsSuchASelectionMustLeaveOut() {
        Set<String> excluded = catalog.products().stream().filter(p -> !onlineTradableUsd(p))
                .map(Product::id).collect(Collectors.toSet());
        assertTrue(excluded.containsAll(List.of("BTC-EUR", "ETH-BTC", "BTC-USDC", "ETH-USDC", "USDT-USDC", "EURC-USDC",
                "MATIC-USD", "RNDR-USD", "LOOM-USD", "GYEN-USD", "BIT-26DEC25-CDE")), excluded.toString());
        assertTrue(catalog.require("RNDR-USD").flags().tradingDisabled());
        assertEquals("delisted", catalog.require("LOOM-USD").flags().status());
        assertTrue(catalog.require("GYEN-USD").flags().viewOnly());
        assertTrue(catalog.require("MATIC-USD").flags().cancelOnly());
        assertEquals(ProductType.FUTURE, catalog.require("BIT-26DEC25-CDE").type());
    }

    @Test
    void usdcAliasesStreamTheUsdBookExceptTheStablecoinPairs() {
        Product btcUsdc = catalog.require("BTC-USDC");
        Product btcUsd = catalog.require("BTC-USD");
        assertEquals("BTC-USD", btcUsdc.alias());
        assertEquals(btcUsd.index(), btcUsdc.dataSourceIndex());
        assertEquals(List.of("BTC-USDC"), btcUsd.aliasTo());
        assertFalse(btcUsdc.trades());
        Product usdtUsdc = catalog.require("USDT-USDC");
        assertEquals("", usdtUsdc.alias());
        assertEquals(usdtUsdc.index(), usdtUsdc.dataSourceIndex());
        assertTrue(usdtUsdc.trades());
    }

    @Test
    void volumesAreSkewedBtcFirstThenEth() {
        List<Product> usd = catalog.products().stream().filter(ProductCatalogTest::onlineTradableUsd).toList();
        assertEquals("BTC-USD", usd.get(0).id());
        assertEquals("ETH-USD", usd.get(1).id());
        for (int i = 1; i < usd.size(); i++) {
            assertTrue(usd.get(i - 1).quoteVolume24h().compareTo(usd.get(i).quoteVolume24h()) > 0,
                    usd.get(i - 1).id() + " above " + usd.get(i).id());
        }
        BigDecimal top = usd.get(0).quoteVolume24h();
        BigDecimal hundredth = usd.get(99).quoteVolume24h();
        assertTrue(top.compareTo(hundredth.multiply(BigDecimal.valueOf(50))) > 0, "Zipf-like: BTC dwarfs rank 100");
        assertTrue(usd.get(0).tickWeight() > usd.get(1).tickWeight());
    }

    @Test
    void usesRealTickersAndUniqueIds() {
        Set<String> ids = new HashSet<>();
        catalog.products().forEach(p -> assertTrue(ids.add(p.id()), "duplicate " + p.id()));
        assertTrue(ids.containsAll(List.of("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD", "ADA-USD", "SHIB-USD")));
    }

    @Test
    void pricesAreRoundedToPowerOfTenIncrements() {
        for (Product p : catalog.products()) {
            assertTrue(p.referencePrice().scale() == p.priceScale(), p.id() + " price " + p.referencePrice());
            assertTrue(p.priceIncrement().matches("1|0\\.0*1"), p.id() + " increment " + p.priceIncrement());
            long units = Decimals.toUnits(p.referencePrice(), p.priceScale());
            assertTrue(units >= 100, p.id() + " has only " + units + " increments per price");
        }
        assertEquals("0.01", catalog.require("BTC-USD").priceIncrement());
        assertEquals("0.00000001", catalog.require("BTC-USD").baseIncrement());
    }

    @Test
    void sameSeedSameCatalogOtherSeedOtherPrices() {
        ProductCatalog again = ProductCatalog.generate(42);
        assertEquals(catalog.products(), again.products());
        ProductCatalog other = ProductCatalog.generate(7);
        assertNotEquals(catalog.require("BTC-USD").referencePrice(), other.require("BTC-USD").referencePrice());
        assertEquals("BTC-USD", other.get(0).id());
    }
}
