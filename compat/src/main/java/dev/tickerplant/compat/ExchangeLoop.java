package dev.tickerplant.compat;

import dev.tickerplant.fanout.EndpointClient;
import dev.tickerplant.fanout.EndpointSession;
import dev.tickerplant.fanout.PluginLoop;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The Exchange endpoint's share of one fanout event loop: its clients there, and the {@code sequence} and
 * {@code trade_id} of the tick the loop last dispatched per product, for their {@code heartbeat} messages. Written by
 * the batch dispatch, read by the clients' timers, all on the loop, so the heartbeats do not read the market.
 */
final class ExchangeLoop implements PluginLoop {
    private final CompatOptions options;
    private long[] idsSeq = new long[0];
    private long[] sequences = new long[0];
    private long[] tradeIds = new long[0];

    ExchangeLoop(CompatOptions options) {
        this.options = options;
    }

    @Override
    public EndpointClient open(EndpointSession session) {
        return new ExchangeEndpoint(session, options, this);
    }

    @Override
    public void onTicker(int product, long seq, long sequence, long tradeId, ByteBuf source, int index, int length) {
        ids(product, seq, sequence, tradeId);
    }

    /** A tick's ids, dispatched or read from the market (a snapshot): kept unless this loop saw a newer tick. */
    void ids(int product, long seq, long sequence, long tradeId) {
        ensure(product);
        if (seq > idsSeq[product]) {
            idsSeq[product] = seq;
            sequences[product] = sequence;
            tradeIds[product] = tradeId;
        }
    }

    /** The product's latest {@code sequence}; -1 when unknown (an Advanced Trade source has none). */
    long exchangeSequence(int product) {
        return product < sequences.length ? sequences[product] : -1;
    }

    /** The product's latest {@code trade_id}; -1 when unknown. */
    long tradeId(int product) {
        return product < tradeIds.length ? tradeIds[product] : -1;
    }

    private void ensure(int product) {
        if (product >= idsSeq.length) {
            int old = idsSeq.length;
            int n = Math.max(product + 1, old * 2);
            idsSeq = Arrays.copyOf(idsSeq, n);
            sequences = Arrays.copyOf(sequences, n);
            tradeIds = Arrays.copyOf(tradeIds, n);
            Arrays.fill(sequences, old, n, -1);
            Arrays.fill(tradeIds, old, n, -1);
        }
    }
}
