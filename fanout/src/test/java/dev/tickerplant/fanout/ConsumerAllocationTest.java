package dev.tickerplant.fanout;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring consumer's share of the fanout allocates nothing per tick, with and without plug-in encodings. */
class ConsumerAllocationTest {
    @Test
    void nativeEncodingAlone() throws Exception {
        ConsumerAllocation.assertNothingPerTick(List.of());
    }

    @Test
    void withPluginEncodingsInUse() throws Exception {
        ConsumerAllocation.assertNothingPerTick(List.of(TestPlugin.frames("/test/frames"),
                TestPlugin.payloads("/test/payloads")));
    }
}
