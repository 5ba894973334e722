package dev.tickerplant.fanout.protocol;

import java.util.Arrays;
import java.util.List;

/** What a client can subscribe to, per product. */
public enum Channel {
    /** Every accepted tick (or, with {@code min_change_pct}, the ones that moved the price enough). */
    TICKER("ticker"),
    /** Upstream connections going stale and recovering, for the products they carry. */
    STATUS("status"),
    /** Volume alerts. */
    ALERTS("alerts");

    public static final List<String> NAMES = Arrays.stream(values()).map(Channel::wireName).toList();

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Null for a name that is not a channel. */
    public static Channel byWireName(String name) {
        for (Channel c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
