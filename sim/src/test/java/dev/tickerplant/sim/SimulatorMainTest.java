package dev.tickerplant.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.TickSchedule;
import dev.tickerplant.sim.testing.CliRun;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    /** The options a command line gives; picocli's own errors are thrown, the options' own are usage errors too. */
    static SimulatorOptions parse(String... args) {
        return CliRun.parsed(new SimulatorMain(), args).options();
    }

    private static CliRun run(String... args) {
        return CliRun.of(new SimulatorMain(), args);
    }

    @Test
    void readsEveryFlagInBothForms() {
        SimulatorOptions options = parse("--host", "0.0.0.0", "--port=8900", "--control-port", "-1", "--rate", "250.5",
                "--seed", "42", "--tls");
        assertEquals("0.0.0.0", options.host());
        assertEquals(8900, options.port());
        assertEquals(SimulatorOptions.DISABLED, options.controlPort());
        assertEquals(250.5, options.tickRate());
        assertEquals(42, options.seed());
        assertTrue(options.tls());
        assertEquals(SimulatorOptions.defaults().port(), parse().port());
        assertFalse(parse().tls());
    }

    @Test
    void readsTheScheduleAndLimitFlags() {
        SimulatorOptions options = parse("--schedule", "constant", "--product-order=round-robin", "--intended-timestamps",
                "--max-connections-per-second", "100", "--max-subscribe-messages-per-second=200",
                "--emitted-log-capacity", "5000");
        assertEquals(TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN), options.schedule());
        assertTrue(options.intendedTimestamps());
        assertEquals(100, options.maxConnectionsPerSecond());
        assertEquals(200, options.maxSubscribeMessagesPerSecond());
        assertEquals(5000, options.emittedLogCapacity());
        assertEquals(TickSchedule.poisson(), parse().schedule());
        assertFalse(parse().intendedTimestamps());
        assertEquals(7, parse("--seed", "3", "--seed", "7").seed(), "a repeated option keeps its last value");
    }

    @Test
    void helpNamesEveryOptionAndExitsZero() {
        CliRun.assertHelpNames(new SimulatorMain(), "--host", "--port", "--control-port", "--rate", "--seed", "--tls",
                "--schedule", "--product-order", "--intended-timestamps", "--max-connections-per-second",
                "--max-subscribe-messages-per-second", "--emitted-log-capacity", "--help");
        assertTrue(run("--help").out().contains("(default 127.0.0.1)"), "the help shows the defaults");
        assertEquals(0, run("--rate", "1", "-h").exit());
    }

    @Test
    void anUnknownOptionGetsPicocliSuggestionsAndExitsTwo() {
        CliRun.assertUsageError(new SimulatorMain(), "sim: Unknown options: '--prots', '8900'",
                "Possible solutions: --product-order", "--prots", "8900");
        assertEquals("Possible solutions: --port", run("--pots", "8900").hint());
    }

    @Test
    void aBadValueIsOneLineNamingTheOptionAndWhatItExpects() {
        assertUsageError("sim: Invalid value for option '--rate': 'abc' is not a double", "--rate",
                "abc");
        assertUsageError("sim: Invalid value for option '--schedule': 'steady' (expected: poisson or"
                + " constant)", "--schedule", "steady");
        assertUsageError("sim: Invalid value for option '--port': port: 99999 (expected: 0..65535, 0 for any free"
                + " port)", "--port", "99999");
        assertUsageError("sim: Invalid value for option '--emitted-log-capacity': emittedLogCapacity: 0 (expected:"
                + " >= 1)", "--emitted-log-capacity", "0");
        assertUsageError("sim: Invalid value for option '--max-connections-per-second': maxConnectionsPerSecond: 0"
                + " (expected: >= 1)", "--max-connections-per-second", "0");
        assertUsageError("sim: Missing required parameter for option '--seed' (N)", "--seed");
    }

    private static void assertUsageError(String line, String... args) {
        CliRun.assertUsageError(new SimulatorMain(), line, "Try 'sim --help'.", args);
    }
}
