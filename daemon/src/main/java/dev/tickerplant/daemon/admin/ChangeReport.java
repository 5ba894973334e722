package dev.tickerplant.daemon.admin;

import java.util.List;

/**
 * What one change of the product set did: the products it added and removed (and moved onto or off the priority
 * connections) and what became of the upstream connections. Changes to connections are started when this is returned,
 * not finished: each is make-before-break.
 *
 * @param connectionsOpened  new connections (every leg counted)
 * @param connectionsChanged connections that resubscribe to a new product list through a replacement link
 * @param connectionsClosed  connections that carried only removed products
 */
public record ChangeReport(List<String> added, List<String> removed, List<String> priorityAdded,
                           List<String> priorityRemoved, int connectionsOpened, int connectionsChanged,
                           int connectionsClosed) {

    public ChangeReport {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        priorityAdded = List.copyOf(priorityAdded);
        priorityRemoved = List.copyOf(priorityRemoved);
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && priorityAdded.isEmpty() && priorityRemoved.isEmpty();
    }
}
