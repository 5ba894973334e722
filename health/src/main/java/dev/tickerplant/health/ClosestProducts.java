package dev.tickerplant.health;

import dev.tickerplant.ingest.catalog.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggests the product ids a mistyped one probably meant, ignoring case: ids that start with it first ("BTC" for
 * BTC-USD), then by edit distance.
 */
final class ClosestProducts {
    static final int MAX_SUGGESTIONS = 5;
    /** Far enough for a typo or a missing quote currency ("BTC" for BTC-USD), near enough to stay relevant. */
    private static final int MIN_REACH = 4;
    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparing((Candidate c) -> !c.prefix())
            .thenComparingInt(Candidate::distance).thenComparing(Candidate::id);

    private ClosestProducts() {
    }

    /** At most {@link #MAX_SUGGESTIONS} ids, best first, ties by id. */
    static List<String> to(String wanted, List<String> known) {
        String target = wanted.toUpperCase(Locale.ROOT);
        int reach = Math.max(MIN_REACH, target.length() / 2);
        List<Candidate> near = new ArrayList<>();
        for (String id : known) {
            String candidate = id.toUpperCase(Locale.ROOT);
            boolean prefix = !target.isEmpty() && candidate.startsWith(target);
            if (!prefix && Math.abs(candidate.length() - target.length()) > reach) {
                continue; // the distance is at least the difference in length; also bounds the work for long input
            }
            int distance = EditDistance.between(target, candidate);
            if (prefix || distance <= reach) {
                near.add(new Candidate(id, distance, prefix));
            }
        }
        near.sort(BEST_FIRST);
        return near.stream().limit(MAX_SUGGESTIONS).map(Candidate::id).toList();
    }

    private record Candidate(String id, int distance, boolean prefix) {
    }
}
