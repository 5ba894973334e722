package dev.tickerplant.bench.nats;

import dev.tickerplant.sim.testing.CliRun;
import org.junit.jupiter.api.Test;

class NatsPublisherMainTest {

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new NatsPublisherMain.Arguments(), "--server", "--rate", "--products-file", "--seed");
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun.assertUsageError(new NatsPublisherMain.Arguments(),
                "nats-publisher: Unknown options: '--prots', 'p.txt'", "Possible solutions: --products-file",
                "--server", "nats://h:1", "--products-file", "p.txt", "--prots", "p.txt");
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        CliRun.assertUsageError(new NatsPublisherMain.Arguments(),
                "nats-publisher: Invalid value for option '--rate': 'fast' is not a double",
                "Try 'nats-publisher --help'.", "--server", "nats://h:1", "--products-file", "p.txt", "--rate", "fast");
    }
}
