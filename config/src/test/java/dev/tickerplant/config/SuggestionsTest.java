package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private final List<String> keys = SettingDefinitions.keys();

    @Test
    void findsTheClosestKnownName() {
        assertEquals(Optional.of("products"), Suggestions.closest("prodcts", keys));
        assertEquals(Optional.of("products-per-connection"), Suggestions.closest("product-per-connection", keys));
        assertEquals(Optional.of("backoff-max"), Suggestions.closest("backof-max", keys));
    }

    @Test
    void ignoresCaseUnderscoresAndLeadingDashes() {
        assertEquals(Optional.of("--top-n"), Suggestions.closest("--TOP_N", CommandLine.knownFlags()));
        assertEquals(Optional.of("ring-size"), Suggestions.closest("RING.SIZE", keys));
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertEquals(Optional.empty(), Suggestions.closest("frobnicate-widgets", keys));
        assertEquals(Optional.empty(), Suggestions.closest("x", keys));
    }
}
