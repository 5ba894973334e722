package dev.tickerplant.health;

import dev.tickerplant.fanout.ConnectionStatus;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planned products that are stale: every product of a shard none of whose connections (legs) is streaming, once
 * they all have had their chance to (none is still {@link ConnectionStatus#starting() starting}), and on a streaming
 * shard the products that have not delivered data on its best leg's current link. A shard counts its best leg, as
 * coverage does, so one redundant leg down leaves no product stale.
 *
 * <p>The connections are read by the rule of the {@code status} channel, so that /health and a subscriber's pushed
 * status name the same products at the same moment: a product waiting for its connection's first link is not yet
 * receiving (coverage counts it out) but not stale either.
 */
final class StaleProducts {
    private StaleProducts() {
    }

    /** Sorted by product id. */
    static List<String> find(List<UpstreamSession> sessions, MarketView market) {
        Map<Integer, Shard> shards = new LinkedHashMap<>();
        for (UpstreamSession session : sessions) {
            ConnectionStatus status = ConnectionStatus.of(session);
            Set<String> flowing = status.streaming() ? session.stats().flowingProductIds() : Set.of();
            shards.computeIfAbsent(session.stats().shardId, id -> new Shard(session.products())).add(status, flowing);
        }
        List<String> stale = new ArrayList<>();
        for (Shard shard : shards.values()) {
            shard.addStaleTo(stale);
        }
        stale.sort(null);
        return stale;
    }

    /** The legs of one shard, as read: whether any streams (and the most any delivered) or is still starting. */
    private static final class Shard {
        private final List<String> products;
        private boolean streaming;
        private boolean starting;
        private Set<String> bestFlowing = new HashSet<>();

        Shard(List<String> products) {
            this.products = products;
        }

        void add(ConnectionStatus leg, Set<String> flowing) {
            streaming |= leg.streaming();
            starting |= leg.starting();
            if (leg.streaming() && flowing.size() >= bestFlowing.size()) {
                bestFlowing = flowing;
            }
        }

        void addStaleTo(List<String> stale) {
            if (!streaming && starting) {
                return; // not had its chance yet: the status channel does not call it stale either
            }
            for (String product : products) {
                if (!bestFlowing.contains(product)) {
                    stale.add(product);
                }
            }
        }
    }
}
