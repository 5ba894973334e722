package dev.tickerplant.compat;

import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.PluginLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The Advanced Trade endpoint's share of one fanout event loop: its clients there, and the ticker object the loop last
 * dispatched per product, for their {@code ticker_batch} messages. Written by the batch dispatch, read by the clients'
 * timers, all on the loop, so the periodic messages neither re-encode ticks nor read the market.
 */
final class AdvancedTradeLoop implements PluginLoop {
    private final CompatOptions options;
    private ByteBuf[] tickers = new ByteBuf[0];
    private long[] tickerSeqs = new long[0];

    AdvancedTradeLoop(CompatOptions options) {
        this.options = options;
    }

    @Override
    public EndpointClient open(EndpointSession session) {
        return new AdvancedTradeEndpoint(session, options, this);
    }

    /**
     * The ticker object is copied into this loop's own buffer for the product, reused from tick to tick, so no shared
     * batch buffer is pinned; a tick without one (no client when it was encoded) leaves the last one in place.
     */
    @Override
    public void onTicker(int product, long seq, long sequence, long tradeId, ByteBuf source, int index, int length) {
        if (index < 0) {
            return;
        }
        ensure(product);
        if (seq > tickerSeqs[product]) {
            ByteBuf copy = tickers[product];
            if (copy == null) {
                copy = Unpooled.buffer(length);
                tickers[product] = copy;
            }
            copy.clear().writeBytes(source, index, length);
            tickerSeqs[product] = seq;
        }
    }

    /** The latest ticker object dispatched for the product, or null. Not retained for the caller. */
    ByteBuf ticker(int product) {
        return product < tickers.length ? tickers[product] : null;
    }

    /** The global seq of {@link #ticker(int)}; 0 when there is none. */
    long tickerSeq(int product) {
        return product < tickerSeqs.length ? tickerSeqs[product] : 0;
    }

    @Override
    public void close() {
        for (int i = 0; i < tickers.length; i++) {
            if (tickers[i] != null) {
                tickers[i].release();
                tickers[i] = null;
            }
        }
    }

    private void ensure(int product) {
        if (product >= tickers.length) {
            int n = Math.max(product + 1, tickers.length * 2);
            tickers = Arrays.copyOf(tickers, n);
            tickerSeqs = Arrays.copyOf(tickerSeqs, n);
        }
    }
}
