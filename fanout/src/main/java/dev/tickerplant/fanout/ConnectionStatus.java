package dev.tickerplant.fanout;

import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import java.util.List;
import java.util.function.Supplier;

/**
 * One upstream connection as the fanout sees it: whether data can flow for its products right now. In one process it
 * is read off the upstream session; on a fanout node it is what an ingest node last told the bus.
 *
 * @param id                the connection's name, e.g. {@code conn-03}
 * @param state             its lifecycle state, e.g. {@code STREAMING} or {@code BACKOFF}
 * @param products          product ids it carries
 * @param productsReceiving products confirmed flowing (0 unless streaming)
 * @param lastCloseReason   why its last link closed, "" if never
 * @param drops             times it lost its link and had to reconnect, since start: a drop and recovery between
 *                          two polls still shows as a change
 */
public record ConnectionStatus(String id, String state, boolean streaming, List<String> products, int productsReceiving,
                        String lastCloseReason, long drops) {

    public ConnectionStatus {
        products = List.copyOf(products);
    }

    /**
     * Not streaming yet, and no link of it has closed or dropped: since start it has not had its chance to stream (a
     * connection leaves {@code STREAMING} only by closing its link, which records why). Neither stale nor recovered.
     */
    public boolean starting() {
        return !streaming && drops == 0 && lastCloseReason.isEmpty();
    }

    /** Not streaming, after it had its chance to: no tick for its products can arrive through it. */
    public boolean stale() {
        return !streaming && !starting();
    }

    /** Reads the conductor's live figures; called four times a second, off the tick path. */
    static Supplier<List<ConnectionStatus>> of(UpstreamConductor conductor) {
        return () -> conductor.sessions().stream().map(ConnectionStatus::of).toList();
    }

    /** The session as the fanout's status channel sees it now: the one reading /health's stale products use too. */
    public static ConnectionStatus of(UpstreamSession session) {
        UpstreamStats stats = session.stats();
        boolean streaming = stats.streaming();
        return new ConnectionStatus(session.name(), stats.state().name(), streaming, session.products(),
                streaming ? Math.min(stats.flowingProducts(), session.products().size()) : 0,
                stats.lastCloseReason(), stats.reconnects.sum());
    }
}
