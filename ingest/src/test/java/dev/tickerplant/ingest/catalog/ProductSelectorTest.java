package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.active;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductSelectorTest {

    private final ProductCatalog catalog = ProductCatalog.of(List.of(
            active("BTC-USD", "900"),
            product("BTC-USDC", true, true, "BTC-USD", "800"),
            active("BTC-USDT", "100"),
            active("ETH-USD", "700"),
            active("SOL-USD", "700"),
            active("ADA-USD", "5"),
            active("ETH-EUR", "50"),
            product("DOGE-USD", false, true, "", "600"),
            product("XRP-USD", true, false, "", "650"),
            product("LUNA-USD", false, false, "", "0")));

    private final ProductSelector selector = new ProductSelector();

    @Test
    void allTakesEveryActiveNonAliasProductOfTheQuoteInIdOrder() {
        assertEquals(List.of("ADA-USD", "BTC-USD", "ETH-USD", "SOL-USD"), ids(selector.select(catalog,
                Selection.defaults())));
        assertEquals(List.of("ETH-EUR"), ids(selector.select(catalog, Selection.allOf("eur"))));
    }

    @Test
    void topNTakesTheBusiestWithTiesById() {
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"),
                ids(selector.select(catalog, Selection.topN(3, "USD"))));
        assertEquals(List.of("BTC-USD", "ETH-USD"), ids(selector.select(catalog, Selection.topN(2, "USD"))));
    }

    @Test
    void topNLargerThanTheMarketTakesWhatThereIs() {
        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD", "ADA-USD"),
                ids(selector.select(catalog, Selection.topN(50, "USD"))));
    }

    @Test
    void explicitKeepsTheGivenOrderMatchesCaseInsensitivelyAndDropsRepeats() {
        List<Product> selected = selector.select(catalog,
                Selection.explicit(List.of("eth-usd", "BTC-USD", "ETH-USD", "btc-usdt")));

        assertEquals(List.of("ETH-USD", "BTC-USD", "BTC-USDT"), ids(selected));
    }

    @Test
    void unknownProductListsTheClosestValidNames() {
        StartupException e = assertThrows(StartupException.class,
                () -> selector.select(catalog, Selection.explicit(List.of("BTC-USD", "BTC-USDX"))));

        assertEquals("Unknown product \"BTC-USDX\" in setting products: closest valid names: BTC-USD, BTC-USDC,"
                + " BTC-USDT", e.getMessage());
    }

    @Test
    void allUnknownProductsAreNamedInOneMessage() {
        StartupException e = assertThrows(StartupException.class,
                () -> selector.select(catalog, Selection.explicit(List.of("BTC-USDX", "ETH-USD", "SOLUSD", "BTC-USDX"))));

        assertEquals("Unknown products in setting products: \"BTC-USDX\" (closest valid names: BTC-USD, BTC-USDC,"
                + " BTC-USDT), \"SOLUSD\" (closest valid names: SOL-USD, BTC-USD, ETH-USD)", e.getMessage());
    }

    @Test
    void explicitInactiveOrAliasProductsAreKeptWithAWarning() {
        try (LogCapture log = LogCapture.of(ProductSelector.class)) {
            List<Product> selected = selector.select(catalog,
                    Selection.explicit(List.of("DOGE-USD", "XRP-USD", "LUNA-USD", "BTC-USDC", "BTC-USD")));

            assertEquals(List.of("DOGE-USD", "XRP-USD", "LUNA-USD", "BTC-USDC", "BTC-USD"), ids(selected));
            assertEquals(List.of(
                    "Product DOGE-USD in setting products is not online; following it anyway, expect few or no ticks",
                    "Product XRP-USD in setting products is not tradable; following it anyway, expect few or no ticks",
                    "Product LUNA-USD in setting products is not online and not tradable; following it anyway,"
                            + " expect few or no ticks",
                    "Product BTC-USDC in setting products is an alias of BTC-USD; its ticks mirror that book"),
                    log.lines(Level.WARN));
        }
    }

    @Test
    void aQuoteCurrencyWithNothingActiveIsAStartupError() {
        StartupException e = assertThrows(StartupException.class,
                () -> selector.select(catalog, Selection.allOf("GBP")));

        assertEquals("Setting products selects no product: the catalog has no online, tradable, non-alias product"
                + " quoted in \"GBP\" (expected one of: EUR, USD, USDC, USDT)", e.getMessage());
    }

    @Test
    void selectionsRejectNonsense() {
        assertEquals("count: 0 (expected >= 1)",
                assertThrows(IllegalArgumentException.class, () -> Selection.topN(0, "USD")).getMessage());
        assertEquals("ids: [] (expected at least one product id)",
                assertThrows(IllegalArgumentException.class, () -> Selection.explicit(List.of())).getMessage());
        assertEquals("quoteCurrency: \" \" (expected a currency code such as USD)",
                assertThrows(IllegalArgumentException.class, () -> Selection.allOf(" ")).getMessage());
    }

    private static List<String> ids(List<Product> products) {
        return products.stream().map(Product::id).toList();
    }
}
