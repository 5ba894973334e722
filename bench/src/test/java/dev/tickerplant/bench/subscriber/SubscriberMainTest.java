package dev.tickerplant.bench.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.sim.testing.CliRun;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberMainTest {

    @Test
    void readsWhatTheHarnessPasses() {
        SubscriberMain.Options options = CliRun.parsed(new SubscriberMain(), "--url", "ws://127.0.0.1:8787/ws",
                "--clients", "100", "--connects-per-second", "500").options();
        assertEquals(List.of(URI.create("ws://127.0.0.1:8787/ws")), options.urls());
        assertEquals(100, options.clients());
        assertEquals("*", options.products());
        assertEquals(2, options.threads());
        assertEquals(500, options.connectsPerSecond());
    }

    @Test
    void clientsAreDealtOverSeveralServersInTurn() {
        SubscriberMain.Options options = CliRun.parsed(new SubscriberMain(), "--url", "ws://127.0.0.1:8001/ws",
                "--url", "ws://127.0.0.1:8002/ws", "--clients", "100").options();
        assertEquals(URI.create("ws://127.0.0.1:8001/ws"), options.urlOf(0));
        assertEquals(URI.create("ws://127.0.0.1:8002/ws"), options.urlOf(1));
        assertEquals(URI.create("ws://127.0.0.1:8001/ws"), options.urlOf(98));
        assertEquals(URI.create("ws://127.0.0.1:8002/ws"), options.urlOf(99));
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new SubscriberMain(), "--url", "--clients", "--products", "--threads",
                "--connects-per-second");
    }

    @Test
    void aTypoGetsASuggestionAndExitsTwo() {
        CliRun.assertUsageError(new SubscriberMain(), "subscriber: Unknown options: '--prots', 'BTC-USD'",
                "Possible solutions: --products", "--url", "ws://h:1/ws", "--prots", "BTC-USD");
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
        assertEquals("subscriber: --url: nats://h:2 is not a ws:// address like ws://h:1/ws (expected: every --url"
                + " of one kind)", CliRun.of(new SubscriberMain(), "--url", "ws://h:1/ws", "--url", "nats://h:2").error());
        assertEquals("subscriber: Missing required option: '--url=URL'", CliRun.of(new SubscriberMain()).error());
    }
}
