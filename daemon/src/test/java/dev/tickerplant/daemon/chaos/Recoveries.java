package dev.tickerplant.daemon.chaos;

import java.util.List;
import java.util.Locale;

/** Recovery times of one kind of fault, summarised: how many, how many came back, min / median / max. */
record Recoveries(String kind, int count, int recovered, long minMillis, long medianMillis, long maxMillis) {

    static Recoveries of(String kind, List<Long> millis) {
        List<Long> back = millis.stream().filter(m -> m >= 0).sorted().toList();
        if (back.isEmpty()) {
            return new Recoveries(kind, millis.size(), 0, -1, -1, -1);
        }
        return new Recoveries(kind, millis.size(), back.size(), back.get(0), back.get(back.size() / 2),
                back.get(back.size() - 1));
    }

    String line() {
        if (recovered == 0) {
            return String.format(Locale.ROOT, "%s: %d injected, none recovered", kind, count);
        }
        return String.format(Locale.ROOT, "%s: %d injected, %d streaming again after min %d ms, median %d ms, "
                + "max %d ms", kind, count, recovered, minMillis, medianMillis, maxMillis);
    }
}
