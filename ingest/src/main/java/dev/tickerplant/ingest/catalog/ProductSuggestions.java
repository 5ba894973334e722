package dev.tickerplant.ingest.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for "did you mean ...?" about a product id, used wherever a product is named: the {@code products}
 * setting at start-up, the fanout's subscribe commands and the {@code /api/tickers/{id}} route. Case is ignored; ids
 * that start with the input come first ({@code BTC} for BTC-USD), then the others by edit distance within reach; ties
 * keep the order the caller lists its candidates in, so a caller that lists busier products first suggests them first.
 */
public final class ProductSuggestions {
    /** Enough to show the likely intent without turning an error message into a catalog listing. */
    public static final int MAX = 3;
    /** Far enough for a typo or a missing quote currency, near enough to stay relevant. */
    private static final int MIN_REACH = 4;
    private static final Comparator<Candidate> BEST_FIRST =
            Comparator.comparing((Candidate c) -> !c.prefix()).thenComparingInt(Candidate::distance);

    private ProductSuggestions() {
    }

    /** At most {@link #MAX} of {@code candidates}, best first; empty when none is close enough to be plausible. */
    public static List<String> closest(String wanted, List<String> candidates) {
        String target = wanted.toUpperCase(Locale.ROOT);
        int reach = Math.max(MIN_REACH, target.length() / 2);
        List<Candidate> near = new ArrayList<>();
        for (String id : candidates) {
            String candidate = id.toUpperCase(Locale.ROOT);
            boolean prefix = !target.isEmpty() && candidate.startsWith(target);
            if (!prefix && Math.abs(candidate.length() - target.length()) > reach) {
                continue; // the distance is at least the difference in length; this also bounds the work for long input
            }
            int distance = EditDistance.between(target, candidate);
            if (prefix || distance <= reach) {
                near.add(new Candidate(id, distance, prefix));
            }
        }
        near.sort(BEST_FIRST); // stable: equal candidates keep the caller's order
        return near.stream().limit(MAX).map(Candidate::id).toList();
    }

    private record Candidate(String id, int distance, boolean prefix) {
    }
}
