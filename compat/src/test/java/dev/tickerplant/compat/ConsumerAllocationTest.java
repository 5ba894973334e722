package dev.tickerplant.compat;

import dev.tickerplant.fanout.ConsumerAllocation;
import org.junit.jupiter.api.Test;

/**
 * With Coinbase-compatible clients connected, every tick is also encoded for the Advanced Trade and Exchange
 * endpoints and each loop keeps their latest per product: still nothing allocated per tick, on the consumer or the
 * loops.
 */
class ConsumerAllocationTest {
    @Test
    void compatEncodingsAndLoopSharesAllocateNothingPerTick() throws Exception {
        ConsumerAllocation.assertNothingPerTick(CompatEndpoints.all(CompatOptions.defaults()));
    }
}
