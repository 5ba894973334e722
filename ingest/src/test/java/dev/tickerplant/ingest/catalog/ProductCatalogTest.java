package dev.tickerplant.ingest.catalog;

import static dev.tickerplant.ingest.catalog.CatalogFixtures.active;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductCatalogTest {

    private final ProductCatalog catalog = ProductCatalog.of(List.of(
            active("ETH-USD", "700"),
            active("BTC-USDT", "100"),
            active("BTC-USD", "900"),
            active("BTC-USDC", "800")));

    @Test
    void ordersProductsById() {
        assertEquals(List.of("BTC-USD", "BTC-USDC", "BTC-USDT", "ETH-USD"),
                catalog.products().stream().map(Product::id).toList());
        assertEquals(4, catalog.size());
    }

    @Test
    void findsByIdIgnoringCase() {
        assertEquals("BTC-USDC", catalog.find("btc-usdc").orElseThrow().id());
        assertEquals(Optional.empty(), catalog.find("BTC-EUR"));
    }

    @Test
    void closestIdsRankEquallyCloseIdsByVolumeThenId() {
        assertEquals(List.of("BTC-USD", "BTC-USDC", "BTC-USDT"), catalog.closestIds("btc-usdx"));
        assertEquals("ETH-USD", catalog.closestIds("ETHUSD").get(0));
        assertEquals(List.of(), catalog.closestIds("NOTHING-LIKE-IT-AT-ALL"));
    }

    @Test
    void closestIdsBreakEqualVolumeById() {
        ProductCatalog tied = ProductCatalog.of(List.of(active("ABD-USD", "1"), active("ABC-USD", "1")));

        assertEquals(List.of("ABC-USD", "ABD-USD"), tied.closestIds("ABX-USD"));
    }

    @Test
    void rejectsDuplicateIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProductCatalog.of(List.of(active("BTC-USD", "1"), active("BTC-USD", "2"))));

        assertEquals("products: duplicate id \"BTC-USD\" (expected each product once)", e.getMessage());
    }

    @Test
    void productRejectsNegativeVolumeAndBlankIds() {
        assertEquals("quoteVolume24h: -1 for BTC-USD (expected >= 0)", assertThrows(IllegalArgumentException.class,
                () -> new Product("BTC-USD", "BTC", "USD", true, true, "", new BigDecimal("-1"))).getMessage());
        assertEquals("id: \" \" (expected a non-blank value)", assertThrows(IllegalArgumentException.class,
                () -> new Product(" ", "BTC", "USD", true, true, "", BigDecimal.ONE)).getMessage());
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.between("BTC-USD", "BTC-USD"));
        assertEquals(1, EditDistance.between("BTC-USD", "BTC-USDC"));
        assertEquals(1, EditDistance.between("BTC-USDX", "BTC-USDC"));
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(3, EditDistance.between("", "abc"));
        assertEquals(1, EditDistance.between("BTCUSD", "BTC-USD"));
        assertEquals(2, EditDistance.between("TBC-USD", "BTC-USD"));
    }
}
