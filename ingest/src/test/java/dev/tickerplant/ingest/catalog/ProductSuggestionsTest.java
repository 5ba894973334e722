package dev.tickerplant.ingest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one table for "did you mean ...?" about products: the products setting, the subscribe commands and the
 * /api/tickers route all answer from {@link ProductSuggestions}, so this table is what every surface suggests.
 */
class ProductSuggestionsTest {
    /** In the order a caller would list them: busiest first. */
    private static final List<String> FOLLOWED = List.of("BTC-USD", "ETH-USD", "ETC-USD", "SOL-USD", "BTC-PERP-INTX",
            "DOGE-USD", "BTC-USDC");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            // a typo: the nearest ids, equally near ones in the caller's order
            "BTC-USX  | BTC-USD ETC-USD BTC-USDC",
            "BTCUSD   | BTC-USD ETC-USD BTC-USDC",
            "TBC-USD  | BTC-USD ETC-USD ETH-USD",
            // case is ignored
            "eth-usd  | ETH-USD ETC-USD BTC-USD",
            // ids that start with the input come first, whatever their distance, the nearer of them first
            "BTC      | BTC-USD BTC-USDC BTC-PERP-INTX",
            "BTC-PERP | BTC-PERP-INTX BTC-USD BTC-USDC",
            "DOGE     | DOGE-USD",
            // nothing plausible: no suggestion rather than a random one
            "SOMETHING-ELSE-ENTIRELY | none",
            "X        | none",
    })
    void suggestsTheIdsAMistypedOneProbablyMeant(String wanted, String expected) {
        List<String> suggestions = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertEquals(suggestions, ProductSuggestions.closest(wanted, FOLLOWED));
    }

    @Test
    void longInputIsAnsweredWithoutSuggestion() {
        assertEquals(List.of(), ProductSuggestions.closest("Q".repeat(4000), FOLLOWED));
    }
}
