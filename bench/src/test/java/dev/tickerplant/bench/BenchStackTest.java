package dev.tickerplant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchStackTest {

    @Test
    void theHarnessFollowsWhatTheDaemonFollowsByDefault() {
        assertEquals(BenchPlan.PRODUCTS, BenchStack.followedProducts().size());
        double share = BenchStack.followedShareOfTicks();
        assertEquals(true, share > 0.9 && share <= 1.0, "share " + share);
    }
}
