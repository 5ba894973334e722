package dev.tickerplant.daemon.chaos;

import dev.tickerplant.sim.market.Tick;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which tick every fast subscriber received, compactly: a tick is known by its content key
 * ({@code product|volume_24_h|price}; the simulator's 24 h volume grows with every trade, so the key is unique), the
 * daemon numbers it with one global {@code seq} for everybody, and each subscriber keeps a bit per seq.
 */
final class DeliveryLedger {
    private final Map<String, Long> seqOfKey = new ConcurrentHashMap<>();
    private final BitSet[] received;
    private final AtomicLong deliveredUnderTwoSeqs = new AtomicLong();

    DeliveryLedger(int subscribers) {
        received = new BitSet[subscribers];
        for (int i = 0; i < subscribers; i++) {
            received[i] = new BitSet();
        }
    }

    static String key(String product, String volume24h, String price) {
        return product + '|' + volume24h + '|' + price;
    }

    static String key(Tick tick) {
        return key(tick.productId(), tick.volume24h(), tick.price());
    }

    /** Called by subscriber {@code index}'s reader thread for every ticker it reads. */
    void record(int index, String key, long seq) {
        Long known = seqOfKey.putIfAbsent(key, seq);
        if (known != null && known != seq) {
            deliveredUnderTwoSeqs.incrementAndGet();
        }
        BitSet bits = received[index];
        synchronized (bits) {
            bits.set((int) seq);
        }
    }

    /** Distinct ticks any subscriber recorded: what this ledger holds in memory. */
    int keys() {
        return seqOfKey.size();
    }

    /** Ticks the daemon accepted twice (the same content under two seqs), as seen by any subscriber. */
    long duplicates() {
        return deliveredUnderTwoSeqs.get();
    }

    /** How many of {@code ticks} subscriber {@code index} never received. */
    int missing(int index, List<Tick> ticks) {
        BitSet bits = received[index];
        int missing = 0;
        synchronized (bits) {
            for (Tick tick : ticks) {
                Long seq = seqOfKey.get(key(tick));
                if (seq == null || !bits.get(seq.intValue())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** The worst of {@link #missing} over the given subscribers. */
    int mostMissing(List<Integer> indexes, List<Tick> ticks) {
        int worst = 0;
        for (int index : indexes) {
            worst = Math.max(worst, missing(index, ticks));
        }
        return worst;
    }
}
