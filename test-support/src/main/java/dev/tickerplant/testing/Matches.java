package dev.tickerplant.testing;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a pattern finds in a page or a file, for tests that compare names across documents and live output. */
public final class Matches {

    private Matches() {
    }

    /** Every match of {@code pattern} in {@code text} (its first group when it has one), sorted, each once. */
    public static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(m.groupCount() > 0 ? 1 : 0));
        }
        return found;
    }
}
