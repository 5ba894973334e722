package dev.tickerplant.socketio;

import dev.tickerplant.fanout.ConsumerAllocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With Socket.IO WebSocket clients connected and no long-polling session, every tick is also encoded as the shared
 * {@code ticker_update} frame and each loop's share is told of it: still nothing allocated per tick.
 */
class ConsumerAllocationTest {
    @Test
    void tickerUpdateEncodingAndLoopSharesAllocateNothingPerTick() throws Exception {
        ConsumerAllocation.assertNothingPerTick(List.of(SocketIoEndpoint.plugin(SocketIoOptions.defaults())));
    }
}
