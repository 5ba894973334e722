package dev.tickerplant.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * What one fanout loop last dispatched per product for the Coinbase-compatible clients' periodic messages: the
 * Advanced Trade ticker object (for {@code ticker_batch}) and the Exchange {@code sequence} and {@code trade_id} (for
 * {@code heartbeat}). Confined to its loop: written by the batch dispatch, read by the clients' timers, so the periodic
 * messages neither re-encode ticks nor read the market.
 */
final class CompatLatest {
    private ByteBuf[] advancedTrade = new ByteBuf[0];
    private long[] advancedTradeSeq = new long[0];
    private long[] idsSeq = new long[0];
    private long[] exchangeSequence = new long[0];
    private long[] tradeId = new long[0];

    /**
     * A tick dispatched on this loop; its Advanced Trade ticker object is {@code [index, index + length)} of
     * {@code source}, or absent ({@code index} -1: no such client when it was encoded). The object is copied into
     * this loop's own buffer for the product, reused from tick to tick, so no shared batch buffer is pinned.
     */
    void onTick(int product, long seq, ByteBuf source, int index, int length, long sequence, long trade) {
        ensure(product);
        if (index >= 0 && seq > advancedTradeSeq[product]) {
            ByteBuf copy = advancedTrade[product];
            if (copy == null) {
                copy = Unpooled.buffer(length);
                advancedTrade[product] = copy;
            }
            copy.clear().writeBytes(source, index, length);
            advancedTradeSeq[product] = seq;
        }
        ids(product, seq, sequence, trade);
    }

    /** The ids of a tick read from the market (a snapshot): kept unless this loop already saw a newer tick. */
    void ids(int product, long seq, long sequence, long trade) {
        ensure(product);
        if (seq > idsSeq[product]) {
            idsSeq[product] = seq;
            exchangeSequence[product] = sequence;
            tradeId[product] = trade;
        }
    }

    /** The latest Advanced Trade ticker object dispatched for the product, or null. Not retained for the caller. */
    ByteBuf advancedTrade(int product) {
        return product < advancedTrade.length ? advancedTrade[product] : null;
    }

    /** The global seq of {@link #advancedTrade(int)}; 0 when there is none. */
    long advancedTradeSeq(int product) {
        return product < advancedTradeSeq.length ? advancedTradeSeq[product] : 0;
    }

    /** The product's latest Exchange {@code sequence}; -1 when unknown (an Advanced Trade source has none). */
    long exchangeSequence(int product) {
        return product < exchangeSequence.length ? exchangeSequence[product] : -1;
    }

    /** The product's latest {@code trade_id}; -1 when unknown. */
    long tradeId(int product) {
        return product < tradeId.length ? tradeId[product] : -1;
    }

    void release() {
        for (int i = 0; i < advancedTrade.length; i++) {
            if (advancedTrade[i] != null) {
                advancedTrade[i].release();
                advancedTrade[i] = null;
            }
        }
    }

    private void ensure(int product) {
        if (product >= idsSeq.length) {
            int old = idsSeq.length;
            int n = Math.max(product + 1, old * 2);
            advancedTrade = Arrays.copyOf(advancedTrade, n);
            advancedTradeSeq = Arrays.copyOf(advancedTradeSeq, n);
            idsSeq = Arrays.copyOf(idsSeq, n);
            exchangeSequence = Arrays.copyOf(exchangeSequence, n);
            tradeId = Arrays.copyOf(tradeId, n);
            Arrays.fill(exchangeSequence, old, n, -1);
            Arrays.fill(tradeId, old, n, -1);
        }
    }
}
