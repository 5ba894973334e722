package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.active;
import static dev.tickerplant.ingest.catalog.CatalogFixtures.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ProductSelector#refresh}: the selection again, from a catalog fetched while the daemon runs. */
class ProductSelectorRefreshTest {

    private final ProductSelector selector = new ProductSelector();

    @ParameterizedTest(name = "top {0}: margin {1}")
    @CsvSource({"1, 1", "5, 1", "10, 1", "11, 2", "20, 2", "50, 5", "55, 6", "100, 10", "2147483647, 214748365"})
    void theMarginIsATenthOfNRoundedUpAndAtLeastOne(int count, int margin) {
        assertEquals(margin, ProductSelector.margin(count));
    }

    @Test
    void withNothingFollowedTopNIsThePlainTopN() {
        ProductCatalog catalog = usd(12, "P05-USD", "P06-USD");
        for (int n = 1; n <= 14; n++) {
            RefreshedSelection refreshed = selector.refresh(catalog, Selection.topN(n, "USD"), Set.of());

            assertEquals(ids(selector.select(catalog, Selection.topN(n, "USD"))), ids(refreshed.products()), "n=" + n);
            assertEquals(List.of(), refreshed.gone());
        }
    }

    /**
     * Top 5 (margin 1) of twelve products P01..P12 ranked in id order, except where two ranks are swapped. Each row
     * names what is followed now and what the refresh follows, busiest first.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a newcomer overtakes the fifth: the fifth stays at rank 6 "
                    + "| P05 P06 | P01 P02 P03 P04 P05 | P01 P02 P03 P04 P05",
            "nothing moved: the same five "
                    + "|         | P01 P02 P03 P04 P05 | P01 P02 P03 P04 P05",
            "a followed product at rank 7 is beyond the margin: the best other replaces it "
                    + "| P05 P07 | P01 P02 P03 P04 P05 | P01 P02 P03 P04 P07",
            "a followed product at rank 6 keeps its place against an unfollowed fifth "
                    + "|         | P01 P02 P03 P04 P06 | P01 P02 P03 P04 P06",
            "more followed within reach than places: the best ranked of them "
                    + "|         | P01 P02 P03 P04 P05 P06 | P01 P02 P03 P04 P05",
            "followed ids the ranking does not have take no place "
                    + "|         | ETH-EUR BTC-USDC P02 P03 P04 P05 | P01 P02 P03 P04 P05",
            "a followed product far down stays out "
                    + "|         | P12 P02 P03 P04 P05 | P01 P02 P03 P04 P05",
            "a newcomer at the top joins at once: the followed fifth, now sixth, makes way "
                    + "| P01 P06 | P02 P03 P04 P05 P01 | P06 P02 P03 P04 P05",
    })
    void followedProductsNearTheCutStay(String label, String swapped, String followed, String expected) {
        ProductCatalog catalog = swapped == null ? usd(12) : usd(12, swapped.split(" "));

        RefreshedSelection refreshed = selector.refresh(catalog, Selection.topN(5, "USD"), usdIds(followed));

        assertEquals(usdIds(expected), ids(refreshed.products()));
    }

    @Test
    void aProductNearTheCutDoesNotFlapBetweenRefreshes() {
        ProductCatalog quiet = usd(12);
        ProductCatalog swapped = usd(12, "P05-USD", "P06-USD");
        List<String> followed = ids(selector.select(quiet, Selection.topN(5, "USD")));

        for (int refresh = 0; refresh < 6; refresh++) {
            followed = ids(selector.refresh(refresh % 2 == 0 ? swapped : quiet, Selection.topN(5, "USD"), followed)
                    .products());

            assertEquals(usdIds("P01 P02 P03 P04 P05"), followed, "refresh " + refresh);
        }
        // Without hysteresis the fifth place would have changed hands on every refresh.
        assertEquals(usdIds("P01 P02 P03 P04 P06"), ids(selector.select(swapped, Selection.topN(5, "USD"))));
    }

    @Test
    void aFollowedProductThatStoppedTradingOrWasDelistedIsReplaced() {
        List<Product> products = new ArrayList<>(usd(12).products());
        products.removeIf(product -> product.id().equals("P02-USD") || product.id().equals("P03-USD"));
        products.add(product("P02-USD", true, false, "", "1100"));
        ProductCatalog catalog = ProductCatalog.of(products);

        RefreshedSelection refreshed = selector.refresh(catalog, Selection.topN(5, "USD"),
                usdIds("P01 P02 P03 P04 P05"));

        assertEquals(usdIds("P01 P04 P05 P06 P07"), ids(refreshed.products()));
        assertEquals(List.of(), refreshed.gone(), "a top N has nothing to report gone: its products leave the ranking");
    }

    @Test
    void allOfQuoteIsTheActiveSetWhateverIsFollowed() {
        ProductCatalog catalog = usd(6);

        RefreshedSelection refreshed = selector.refresh(catalog, Selection.allOf("USD"), usdIds("P01 P09"));

        assertEquals(selector.select(catalog, Selection.allOf("USD")), refreshed.products());
        assertEquals(List.of(), refreshed.gone());
    }

    @Test
    void aQuoteThatSelectsNothingNowIsAnEmptyResultNotAStartupError() {
        ProductCatalog catalog = usd(6);

        assertEquals(new RefreshedSelection(List.of(), List.of()),
                selector.refresh(catalog, Selection.allOf("GBP"), usdIds("P01")));
        assertEquals(new RefreshedSelection(List.of(), List.of()),
                selector.refresh(catalog, Selection.topN(3, "GBP"), usdIds("P01")));
        assertThrows(StartupException.class, () -> selector.select(catalog, Selection.allOf("GBP")));
    }

    @Test
    void explicitIdsNoLongerListedOrTradingAreReturnedAsGone() {
        ProductCatalog catalog = ProductCatalog.of(List.of(active("BTC-USD", "900"), active("ETH-USD", "700"),
                product("DOGE-USD", false, true, "", "600"), product("XRP-USD", true, false, "", "650"),
                product("BTC-USDC", true, true, "BTC-USD", "800")));

        try (LogCapture log = LogCapture.of(ProductSelector.class)) {
            RefreshedSelection refreshed = selector.refresh(catalog, Selection.explicit(List.of("eth-usd", "OLD-USD",
                    "doge-usd", "BTC-USDC", "XRP-USD", "ETH-USD", "old-usd", "BTC-USD")), usdIds("P01"));

            assertEquals(List.of("ETH-USD", "BTC-USDC", "BTC-USD"), ids(refreshed.products()));
            assertEquals(List.of("OLD-USD", "DOGE-USD", "XRP-USD", "old-usd"), refreshed.gone());
            assertEquals(List.of(), log.lines(Level.WARN), "the caller logs what it drops, once");
        }
    }

    @Test
    void explicitWithEverythingGoneIsEmptyAtRunTimeAndStillFatalAtStartUp() {
        ProductCatalog catalog = usd(3);
        Selection named = Selection.explicit(List.of("OLD-USD", "GONE-USD"));

        assertEquals(new RefreshedSelection(List.of(), List.of("OLD-USD", "GONE-USD")),
                selector.refresh(catalog, named, List.of()));
        assertTrue(assertThrows(StartupException.class, () -> selector.select(catalog, named)).getMessage()
                .startsWith("Unknown products in setting products: \"OLD-USD\""));
    }

    /**
     * USD products P01..Pn, P01 the busiest (volume 100 * (13 - rank)), plus an EUR product and an alias; each pair
     * of {@code swaps} trades volumes.
     */
    private static ProductCatalog usd(int n, String... swaps) {
        List<String> order = new ArrayList<>();
        for (int rank = 1; rank <= n; rank++) {
            order.add(String.format("P%02d-USD", rank));
        }
        for (int i = 0; i + 1 < swaps.length; i += 2) {
            int a = order.indexOf(usdId(swaps[i]));
            int b = order.indexOf(usdId(swaps[i + 1]));
            order.set(a, usdId(swaps[i + 1]));
            order.set(b, usdId(swaps[i]));
        }
        List<Product> products = new ArrayList<>();
        for (int rank = 1; rank <= n; rank++) {
            products.add(active(order.get(rank - 1), String.valueOf(100 * (13 - rank))));
        }
        products.add(active("ETH-EUR", "5000"));
        products.add(product("BTC-USDC", true, true, "P01-USD", "5000"));
        return ProductCatalog.of(products);
    }

    /** "P05" is P05-USD; ids with a dash stay as they are. */
    private static String usdId(String id) {
        return id.contains("-") ? id : id + "-USD";
    }

    private static List<String> usdIds(String ids) {
        return Arrays.stream(ids.trim().split("\\s+")).map(ProductSelectorRefreshTest::usdId).toList();
    }

    private static List<String> ids(List<Product> products) {
        return products.stream().map(Product::id).toList();
    }
}
