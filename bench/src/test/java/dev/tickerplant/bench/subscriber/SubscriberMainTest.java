package dev.tickerplant.bench.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.bench.CliRun;
import dev.tickerplant.sim.cli.CommandLines;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberMainTest {

    @Test
    void readsWhatTheHarnessPasses() {
        SubscriberMain command = new SubscriberMain();
        CommandLines.of(command).parseArgs("--url", "ws://127.0.0.1:8787/ws", "--clients", "100",
                "--connects-per-second", "500");
        SubscriberMain.Options options = command.options();
        assertEquals(URI.create("ws://127.0.0.1:8787/ws"), options.url());
        assertEquals(100, options.clients());
        assertEquals("*", options.products());
        assertEquals(2, options.threads());
        assertEquals(500, options.connectsPerSecond());
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun run = CliRun.of(new SubscriberMain(), "--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--url", "--clients", "--products", "--threads", "--connects-per-second")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun run = CliRun.of(new SubscriberMain(), "--url", "ws://h:1/ws", "--prots", "BTC-USD");
        assertEquals(2, run.exit());
        assertEquals("subscriber: Unknown options: '--prots', 'BTC-USD'", run.error());
        assertEquals("Possible solutions: --products", run.hint());
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        CliRun clients = CliRun.of(new SubscriberMain(), "--url", "ws://h:1/ws", "--clients", "0");
        assertEquals(2, clients.exit(), clients.err());
        assertEquals("subscriber: --clients: 0 (expected: >= 1)", clients.error());
        assertEquals("subscriber: --url: http://h:1/ (expected: ws://host:port/ws or nats://host:port)",
                CliRun.of(new SubscriberMain(), "--url", "http://h:1/").error());
        assertEquals("subscriber: Invalid value for option '--threads': 'two' is not an int",
                CliRun.of(new SubscriberMain(), "--url", "ws://h:1/ws", "--threads", "two").error());
        assertEquals("subscriber: Missing required option: '--url=URL'", CliRun.of(new SubscriberMain()).error());
    }
}
