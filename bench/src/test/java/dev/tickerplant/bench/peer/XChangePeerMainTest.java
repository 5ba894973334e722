package dev.tickerplant.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.sim.testing.CliRun;
import org.junit.jupiter.api.Test;

class XChangePeerMainTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new XChangePeerMain.Arguments(), "--url", "--rest", "--products-file");
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun.assertUsageError(new XChangePeerMain.Arguments(), "peer: Unknown options: '--prots', 'p.txt'",
                "Possible solutions: --products-file", "--url", "ws://h:1/exchange", "--products-file", "p.txt",
                "--prots", "p.txt");
    }

    @Test
    void aMissingOptionIsOneLineNamingIt() {
        CliRun run = CliRun.of(new XChangePeerMain.Arguments(), "--url", "ws://h:1/exchange");
        assertEquals(2, run.exit());
        assertEquals("peer: Missing required option: '--products-file=FILE'", run.error());
        assertEquals("peer: Missing required parameter for option '--rest' (URL)",
                CliRun.of(new XChangePeerMain.Arguments(), "--products-file", "p.txt", "--url", "ws://h:1/", "--rest")
                        .error());
    }
}
