package dev.tickerplant.bench.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.bench.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsPublisherMainTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun run = CliRun.of(new NatsPublisherMain.Arguments(), "--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--server", "--rate", "--products-file", "--seed")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun run = CliRun.of(new NatsPublisherMain.Arguments(), "--server", "nats://h:1", "--products-file", "p.txt", "--prots", "p.txt");
        assertEquals(2, run.exit());
        assertEquals("nats-publisher: Unknown options: '--prots', 'p.txt'", run.error());
        assertEquals("Possible solutions: --products-file", run.hint());
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        CliRun run = CliRun.of(new NatsPublisherMain.Arguments(), "--server", "nats://h:1", "--products-file",
                "p.txt", "--rate", "fast");
        assertEquals(2, run.exit());
        assertEquals("nats-publisher: Invalid value for option '--rate': 'fast' is not a double", run.error());
        assertEquals("Try 'nats-publisher --help'.", run.hint());
    }
}
