package dev.tickerplant.health;

import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planned products that are not receiving data: every product of a shard none of whose connections (legs) is
 * streaming, and on a streaming shard the products that have not delivered data on its best leg's current link. A
 * shard counts its best leg, as coverage does, so one redundant leg down leaves no product stale.
 */
final class StaleProducts {
    private StaleProducts() {
    }

    /** Sorted by product id. */
    static List<String> find(List<UpstreamSession> sessions, MarketView market) {
        Map<Integer, BestLeg> shards = new LinkedHashMap<>();
        for (UpstreamSession session : sessions) {
            UpstreamStats stats = session.stats();
            Set<String> flowing = stats.streaming() ? stats.flowingProductIds() : Set.of();
            shards.merge(stats.shardId, new BestLeg(session.products(), flowing),
                    (a, b) -> a.flowing().size() >= b.flowing().size() ? a : b);
        }
        List<String> stale = new ArrayList<>();
        for (BestLeg shard : shards.values()) {
            for (String product : shard.products()) {
                if (!shard.flowing().contains(product)) {
                    stale.add(product);
                }
            }
        }
        stale.sort(null);
        return stale;
    }

    private record BestLeg(List<String> products, Set<String> flowing) {
    }
}
