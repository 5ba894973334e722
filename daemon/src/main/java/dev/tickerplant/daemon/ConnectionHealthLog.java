package dev.tickerplant.daemon;

import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic health lines an operator greps for: one summary in the seed system's exact wording, then one line per
 * connection.
 */
final class ConnectionHealthLog {
    private static final Logger log = LoggerFactory.getLogger("health");

    private final UpstreamConductor upstream;
    private final MarketState market;
    private volatile boolean firstCompleteLogged;

    ConnectionHealthLog(UpstreamConductor upstream, MarketState market) {
        this.upstream = upstream;
        this.market = market;
    }

    String summary() {
        return "Connection health: " + coverage();
    }

    /** "20/20 connected, 300/300 products receiving data": also what systemctl status shows. */
    String coverage() {
        return String.format("%d/%d connected, %d/%d products receiving data", upstream.streamingCount(),
                upstream.sessions().size(), upstream.productsReceiving(), upstream.plannedProducts());
    }

    void logSummary() {
        log.info(summary());
        long now = System.nanoTime();
        for (UpstreamStats s : upstream.stats()) {
            long lastFrame = s.lastFrameNanos();
            log.info("  {} {} products={} acked={} flowing={} messages={} tickers={} errors={} malformed={} "
                            + "gaps={} reconnects={} last-frame={}",
                    s.name, s.state(), s.products.size(), s.ackedProducts(), s.flowingProducts(), s.frames.sum(),
                    s.tickers.sum(), s.errorMessages.sum(), s.malformedFrames.sum(), s.sequenceGaps.sum(),
                    s.reconnects.sum(), lastFrame == 0 ? "never" : TimeUnit.NANOSECONDS.toMillis(now - lastFrame) + "ms ago");
        }
        log.info("  ring: accepted={} duplicates={} dropped={} last-seq={}", market.accepted(), market.duplicates(),
                upstream.stats().stream().mapToLong(s -> s.ringDrops.sum()).sum(), market.lastSeq());
    }

    /** Logs the summary once, the first time every connection streams and every product has delivered data. */
    void logWhenFirstComplete() {
        if (firstCompleteLogged) {
            return;
        }
        int sessions = upstream.sessions().size();
        if (upstream.streamingCount() == sessions && upstream.productsReceiving() == upstream.plannedProducts()) {
            firstCompleteLogged = true;
            log.info(summary());
        }
    }
}
