package dev.tickerplant.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.bench.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class XChangePeerMainTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun run = CliRun.of(new XChangePeerMain.Arguments(), "--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--url", "--rest", "--products-file")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun run = CliRun.of(new XChangePeerMain.Arguments(), "--url", "ws://h:1/exchange", "--products-file", "p.txt", "--prots", "p.txt");
        assertEquals(2, run.exit());
        assertEquals("peer: Unknown options: '--prots', 'p.txt'", run.error());
        assertEquals("Possible solutions: --products-file", run.hint());
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
