package dev.tickerplant.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a mistyped one was probably meant to be, for "did you mean ...?". */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code given} by edit distance, ignoring case, leading dashes and the difference between
     * {@code -}, {@code _} and {@code .}; empty when nothing is close enough to be a plausible typo.
     */
    static Optional<String> closest(String given, Collection<String> candidates) {
        String wanted = normalize(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || bestDistance > Math.max(2, normalize(best).length() / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** {@code "did you mean --top-n?"}, or a pointer to the full list when no name is close. */
    static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates)
                .map(name -> "did you mean " + name + "?")
                .orElse("expected one of the settings listed by --help");
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        int start = 0;
        while (start < lower.length() && lower.charAt(start) == '-') {
            start++;
        }
        return lower.substring(start);
    }

    /** Levenshtein distance with two rows. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
