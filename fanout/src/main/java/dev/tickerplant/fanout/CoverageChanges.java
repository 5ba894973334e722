package dev.tickerplant.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive polls of the upstream connections into {@code status} events. Pure logic, no I/O, owned by the
 * polling loop.
 *
 * <ul>
 *   <li>{@code connection} scope: a connection stopped or resumed streaming. With redundant A/B legs its products may
 *   still be covered by the other leg.</li>
 *   <li>{@code product} scope: every connection that carries the product is stale (the daemon is blind to it), or
 *   one is not any more.</li>
 * </ul>
 *
 * A connection still starting ({@link ConnectionStatus#starting()}: no link closed, never streamed) is not stale: at
 * start-up nothing is reported until a connection that had its chance fails, and its first ack is no recovery.
 *
 * A connection that dropped and came back between two polls (its drop count moved) is reported stale then recovered,
 * and so are the products it alone carries.
 */
final class CoverageChanges {

    /** One status event: scope {@code connection} or {@code product}, the connection or product id, its products. */
    record Event(String scope, String id, boolean stale, List<String> products, String reason) {
    }

    private Map<String, ConnectionStatus> previous;
    private Map<String, Boolean> previouslyCovered = Map.of();

    /** The events between the last poll and this one; none for the first poll, which only sets the baseline. */
    List<Event> next(List<ConnectionStatus> now) {
        if (unchanged(now)) {
            return List.of(); // the usual poll: skip rebuilding the per-product maps
        }
        Map<String, ConnectionStatus> byId = new LinkedHashMap<>();
        now.forEach(c -> byId.put(c.id(), c));
        Map<String, List<ConnectionStatus>> carriers = carriers(now);
        Map<String, Boolean> covered = new HashMap<>();
        carriers.forEach((product, list) -> covered.put(product, !allStale(list)));
        List<Event> events = new ArrayList<>();
        if (previous != null) {
            for (ConnectionStatus c : now) {
                ConnectionStatus was = previous.get(c.id());
                if (was == null) {
                    continue;
                }
                if (was.stale() != c.stale()) {
                    events.add(connection(c, c.stale()));
                } else if (bounced(c, was)) {
                    events.add(connection(c, true));
                    events.add(connection(c, false));
                }
            }
            for (Map.Entry<String, List<ConnectionStatus>> e : carriers.entrySet()) {
                String product = e.getKey();
                Boolean wasCovered = previouslyCovered.get(product);
                boolean isCovered = covered.get(product);
                if (wasCovered == null) {
                    continue;
                }
                if (wasCovered != isCovered) {
                    events.add(product(product, !isCovered, e.getValue()));
                } else if (isCovered && e.getValue().size() == 1 && bounced(e.getValue().get(0),
                        previous.get(e.getValue().get(0).id()))) {
                    events.add(product(product, true, e.getValue()));
                    events.add(product(product, false, e.getValue()));
                }
            }
        }
        previous = byId;
        previouslyCovered = covered;
        return events;
    }

    /** Every connection is as it was at the last poll: same products, same streaming state, no drop in between. */
    private boolean unchanged(List<ConnectionStatus> now) {
        if (previous == null || previous.size() != now.size()) {
            return false;
        }
        for (ConnectionStatus c : now) {
            ConnectionStatus was = previous.get(c.id());
            if (was == null || was.streaming() != c.streaming() || was.stale() != c.stale()
                    || was.drops() != c.drops() || !was.products().equals(c.products())) {
                return false;
            }
        }
        return true;
    }

    /** Products whose every connection is stale, with the reason, as of {@code now}. */
    static List<Event> blindProducts(List<ConnectionStatus> now) {
        List<Event> blind = new ArrayList<>();
        carriers(now).forEach((product, list) -> {
            if (allStale(list)) {
                blind.add(product(product, true, list));
            }
        });
        return blind;
    }

    static Event connection(ConnectionStatus c, boolean stale) {
        return new Event("connection", c.id(), stale, c.products(), stale ? staleReason(c) : "streaming again");
    }

    private static Event product(String product, boolean stale, List<ConnectionStatus> carriers) {
        String reason = stale
                ? "no streaming connection carries it: " + String.join("; ", carriers.stream()
                        .map(c -> c.id() + " " + staleReason(c)).toList())
                : "streaming again on " + String.join(", ", carriers.stream().filter(ConnectionStatus::streaming)
                        .map(ConnectionStatus::id).toList());
        return new Event("product", product, stale, List.of(product), reason);
    }

    private static String staleReason(ConnectionStatus c) {
        return (c.streaming() ? "reconnected" : c.state())
                + (c.lastCloseReason().isEmpty() ? "" : ": " + c.lastCloseReason());
    }

    private static boolean allStale(List<ConnectionStatus> carriers) {
        return carriers.stream().allMatch(ConnectionStatus::stale);
    }

    private static boolean bounced(ConnectionStatus now, ConnectionStatus was) {
        return was != null && now.streaming() && was.streaming() && now.drops() != was.drops();
    }

    private static Map<String, List<ConnectionStatus>> carriers(List<ConnectionStatus> connections) {
        Map<String, List<ConnectionStatus>> carriers = new LinkedHashMap<>();
        for (ConnectionStatus c : connections) {
            for (String product : c.products()) {
                carriers.computeIfAbsent(product, p -> new ArrayList<>()).add(c);
            }
        }
        return carriers;
    }
}
