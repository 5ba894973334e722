package dev.tickerplant.fanout;

import dev.tickerplant.fanout.protocol.ServerMessages;
import dev.tickerplant.fanout.protocol.WebSocketFrames;
import dev.tickerplant.ingest.ring.MarketView;
import dev.tickerplant.ingest.ring.ProductEntry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the upstream connections' states (every 250 ms, on one worker loop) and sends {@code status} messages to the
 * clients watching the affected products, so that a client can tell "no trades" from "the daemon is blind": see
 * {@link CoverageChanges} for what is reported. A client that subscribes is told what is stale from the live states,
 * as {@code /health} reads them, not from the last poll, which can be a poll interval old.
 */
final class UpstreamWatcher {
    private static final Logger log = LoggerFactory.getLogger(UpstreamWatcher.class);

    private final Supplier<List<ConnectionStatus>> source;
    private final MarketView market;
    private final LongSupplier epochNanos;
    private final CoverageChanges changes = new CoverageChanges(); // the polling loop only
    private volatile List<ConnectionStatus> latest = List.of();
    private volatile LoopFanout[] loops = new LoopFanout[0];
    private ScheduledFuture<?> poller;

    UpstreamWatcher(Supplier<List<ConnectionStatus>> source, MarketView market, LongSupplier epochNanos) {
        this.source = source;
        this.market = market;
        this.epochNanos = epochNanos;
    }

    void start(EventLoop loop, LoopFanout[] targets, Duration every) {
        this.loops = targets.clone();
        latest = List.copyOf(source.get());
        changes.next(latest); // the baseline, before the loop polls
        poller = loop.scheduleAtFixedRate(this::poll, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }

    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    /** The connections as of the last poll. */
    List<ConnectionStatus> latest() {
        return latest;
    }

    /**
     * What a client subscribing to {@code status} for these products should know right away: the stale connections
     * carrying any of them and the ones among them no connection carries. Null {@code products} means all.
     */
    List<byte[]> currentlyStale(int[] products) {
        List<ConnectionStatus> now = live();
        List<byte[]> messages = new ArrayList<>();
        for (ConnectionStatus c : now) {
            if (c.stale() && overlaps(indices(c.products()), products)) {
                messages.add(message(CoverageChanges.connection(c, true)));
            }
        }
        for (CoverageChanges.Event blind : CoverageChanges.blindProducts(now)) {
            if (overlaps(indices(blind.products()), products)) {
                messages.add(message(blind));
            }
        }
        return messages;
    }

    /** The connections as they are now, as {@code /health} reads them; the last poll's if they cannot be read. */
    List<ConnectionStatus> live() {
        try {
            return List.copyOf(source.get());
        } catch (RuntimeException e) {
            log.warn("could not read upstream connection states: {}", e.toString());
            return latest;
        }
    }

    private void poll() {
        try {
            List<ConnectionStatus> now = List.copyOf(source.get());
            for (CoverageChanges.Event event : changes.next(now)) {
                broadcast(event);
            }
            latest = now; // after the broadcasts: whoever sees the new states was told about the changes first
        } catch (RuntimeException e) {
            log.warn("could not read upstream connection states: {}", e.toString());
        }
    }

    private byte[] message(CoverageChanges.Event e) {
        return ServerMessages.status(e.scope(), e.id(), e.stale() ? "stale" : "recovered", e.products(), e.reason(),
                epochNanos.getAsLong());
    }

    private int[] indices(List<String> productIds) {
        return productIds.stream().map(market::product).filter(Objects::nonNull).mapToInt(ProductEntry::index)
                .toArray();
    }

    private static boolean overlaps(int[] carried, int[] wanted) {
        if (wanted == null) {
            return true;
        }
        for (int x : carried) {
            for (int y : wanted) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Tells the clients watching each product that left the followed set (delisted, removed by an operator): one
     * {@code status} message per product, state {@code removed}. Any thread.
     */
    void productsRemoved(List<String> productIds, String reason) {
        for (String id : productIds) {
            ProductEntry entry = market.product(id);
            if (entry != null) {
                broadcast(ServerMessages.status("product", id, "removed", List.of(id), reason,
                        epochNanos.getAsLong()), new int[] {entry.index()});
            }
        }
    }

    private void broadcast(CoverageChanges.Event event) {
        broadcast(message(event), indices(event.products()));
    }

    private void broadcast(byte[] payload, int[] products) {
        LoopFanout[] loops = this.loops;
        ByteBuf frame = WebSocketFrames.text(ByteBufAllocator.DEFAULT, payload, payload.length);
        try {
            for (LoopFanout loop : loops) {
                frame.retain();
                try {
                    loop.loop.execute(() -> loop.broadcastStatus(frame, products));
                } catch (RejectedExecutionException shuttingDown) {
                    frame.release();
                }
            }
        } finally {
            frame.release();
        }
    }
}
