package dev.tickerplant.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.FanoutServer;
import dev.tickerplant.ingest.codec.TickField;
import dev.tickerplant.ingest.codec.TickerSlot;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickOrigin;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.ingest.upstream.Backoff;
import dev.tickerplant.ingest.upstream.RateLimiter;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamOptions;
import dev.tickerplant.testing.WebSocketClient;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A started fanout server on an ephemeral loopback port over a real market and ring, fed with crafted ticks in either
 * Coinbase dialect, so that each test knows every field the endpoints must carry. The upstream conductor has no
 * connections: ticks come only from the test.
 */
final class CompatServer implements AutoCloseable {
    static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD");
    /** 2026-10-03T20:58:31.127510Z, the time of the Exchange capture. */
    static final long EXCHANGE_TIME = Instant.parse("2026-10-03T20:58:31.127510Z").getEpochSecond() * 1_000_000_000L
            + 127_510_000L;

    final MarketState market = new MarketState(PRODUCTS);
    final TickRing ring = new TickRing(4096, market, new DefaultThreadFactory("tick-consumer", true));
    final UpstreamConductor upstream;
    final FanoutServer server;
    private final TickerSlot slot = new TickerSlot();
    private final TickOrigin origin = new TickOrigin();
    private long published;

    CompatServer(CompatOptions compat) {
        this(FanoutOptions.defaults(), compat);
    }

    CompatServer(FanoutOptions options, CompatOptions compat) {
        ring.start();
        upstream = new UpstreamConductor(new ShardPlanner().plan(List.of(), 15, Set.of()),
                new UpstreamOptions(URI.create("ws://127.0.0.1:9"), CoinbaseProtocol.ADVANCED_TRADE,
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20),
                        Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(10)),
                Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                new RateLimiter("subscribe", 8, System::nanoTime),
                Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200), 2.0), () -> null, 1);
        server = new FanoutServer(options.withHost("127.0.0.1").withPort(0), market, upstream, null,
                CompatEndpoints.all(compat));
        server.start();
    }

    int port() {
        return server.port();
    }

    WebSocketClient client(CoinbaseProtocol protocol) {
        return WebSocketClient.connect(port(), CompatPaths.of(protocol));
    }

    /**
     * An Advanced Trade tick: every AT ticker field, the price given and a volume unique to the tick (the market
     * de-duplicates AT ticks by content). Returns the global seq the market gives it.
     */
    synchronized long advancedTrade(String product, String price) {
        slot.clear();
        slot.productId.set(product);
        set(TickField.PRICE, price);
        set(TickField.VOLUME_24H, "14174." + (published + 1));
        set(TickField.LOW_24H, "79445");
        set(TickField.HIGH_24H, "80206");
        set(TickField.LOW_52W, "57705.8");
        set(TickField.HIGH_52W, "126340.3");
        set(TickField.PRICE_PERCENT_CHG_24H, "0.27303411671707");
        set(TickField.BEST_BID, "79914.5");
        set(TickField.BEST_BID_QUANTITY, "0.7944");
        set(TickField.BEST_ASK, "79914.6");
        set(TickField.BEST_ASK_QUANTITY, "0.7554");
        slot.exchangeTimeNanos = EXCHANGE_TIME;
        return publish();
    }

    /** An Exchange tick with every Exchange ticker field; {@code sequence} and {@code trade_id} grow per tick. */
    synchronized long exchange(String product, String price) {
        slot.clear();
        slot.productId.set(product);
        set(TickField.PRICE, price);
        set(TickField.OPEN_24H, "84430.55");
        set(TickField.VOLUME_24H, "1836.96781750");
        set(TickField.LOW_24H, "84400");
        set(TickField.HIGH_24H, "85021.57");
        set(TickField.VOLUME_30D, "175984.53012145");
        set(TickField.BEST_BID, "84737.58");
        set(TickField.BEST_BID_QUANTITY, "0.19921154");
        set(TickField.BEST_ASK, "84737.59");
        set(TickField.BEST_ASK_QUANTITY, "0.05223077");
        set(TickField.SIDE, "sell");
        set(TickField.TIME, "2026-10-03T20:58:31.127510Z");
        set(TickField.LAST_SIZE, "0.00000025");
        slot.exchangeSequence = 137_212_619_516L + published;
        slot.tradeId = 1_102_042_811L + published;
        slot.exchangeTimeNanos = EXCHANGE_TIME;
        return publish();
    }

    /** Waits until the consumer has processed everything published so far. */
    void awaitConsumed() {
        // Polled every millisecond: tests call this after every burst, and the ring drains in well under that.
        await().pollInterval(Duration.ofMillis(1)).untilAsserted(() -> assertTrue(market.lastSeq() >= published,
                () -> "market at seq " + market.lastSeq() + ", expected " + published));
    }

    private void set(TickField field, String value) {
        slot.field(field).set(value);
    }

    private long publish() {
        origin.connectionId = 1;
        origin.receivedNanos = System.nanoTime();
        origin.receivedEpochNanos = System.currentTimeMillis() * 1_000_000L;
        while (!ring.tryPublish(slot, origin)) {
            Thread.onSpinWait();
        }
        return ++published;
    }

    @Override
    public void close() {
        server.close(Duration.ofSeconds(3));
        upstream.close(1000);
        ring.close();
    }
}
