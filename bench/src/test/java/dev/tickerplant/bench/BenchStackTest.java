package dev.tickerplant.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchStackTest {

    @Test
    void theHarnessFollowsWhatTheDaemonFollowsByDefault() {
        assertEquals(BenchPlan.PRODUCTS, BenchStack.followedProducts().size());
        double share = BenchStack.followedShareOfTicks();
        assertEquals(true, share > 0.9 && share <= 1.0, "share " + share);
    }

    @Test
    void badFlagsAreOneLineNamingTheFlag() {
        Path jar = Path.of("x.jar");
        assertEquals("--mode: 'slow' (expected: quick or full)",
                assertThrows(IllegalArgumentException.class,
                        () -> BenchOptions.parse(new String[] {"--mode", "slow"}, jar)).getMessage());
        assertEquals("--scenarios: unknown scenario 'speed' (expected: realistic, latency, peer, fanout_ramp, recovery,"
                        + " ingest_ceiling)",
                assertThrows(IllegalArgumentException.class,
                        () -> BenchOptions.parse(new String[] {"--scenarios", "latency,speed"}, jar)).getMessage());
        assertEquals("full", BenchOptions.parse(new String[] {"--mode", "full"}, jar).plan().mode());
    }

    @Test
    void daemonArgsAreAppendedInTheOrderGiven() {
        BenchOptions options = BenchOptions.parse(new String[] {"--daemon-arg", "--ring-wait-strategy",
                "--scenarios", "latency", "--daemon-arg", "lite-blocking"}, Path.of("x.jar"));

        assertEquals(List.of("--ring-wait-strategy", "lite-blocking"), options.daemonArgs());
        assertEquals(List.of(), BenchOptions.parse(new String[0], Path.of("x.jar")).daemonArgs());
    }
}
