package dev.tickerplant.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.sim.market.TickSchedule;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine.Parsed parse(String... args) {
        return CommandLine.parse(args, SimulatorOptions.defaults());
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void readsEveryFlagInBothForms() {
        SimulatorOptions options = parse("--host", "0.0.0.0", "--port=8900", "--control-port", "-1", "--rate", "250.5",
                "--seed", "42", "--tls").options();
        assertEquals("0.0.0.0", options.host());
        assertEquals(8900, options.port());
        assertEquals(SimulatorOptions.DISABLED, options.controlPort());
        assertEquals(250.5, options.tickRate());
        assertEquals(42, options.seed());
        assertTrue(options.tls());
        assertFalse(parse().help());
        assertEquals(SimulatorOptions.defaults().port(), parse().options().port());
    }

    @Test
    void readsTheScheduleAndLimitFlags() {
        SimulatorOptions options = parse("--schedule", "constant", "--product-order=round-robin", "--intended-timestamps",
                "--max-connections-per-second", "100", "--max-subscribe-messages-per-second=200",
                "--emitted-log-capacity", "5000").options();
        assertEquals(TickSchedule.constant(TickSchedule.ProductOrder.ROUND_ROBIN), options.schedule());
        assertTrue(options.intendedTimestamps());
        assertEquals(100, options.maxConnectionsPerSecond());
        assertEquals(200, options.maxSubscribeMessagesPerSecond());
        assertEquals(5000, options.emittedLogCapacity());
        assertEquals(TickSchedule.poisson(), parse().options().schedule());
        assertFalse(parse().options().intendedTimestamps());
        assertEquals("--schedule: 'steady' (expected: poisson or constant)", error("--schedule", "steady"));
        assertEquals("--intended-timestamps: takes no value (got 'yes')", error("--intended-timestamps=yes"));
        assertEquals("--emitted-log-capacity: emittedLogCapacity: 0 (expected: >= 1)",
                error("--emitted-log-capacity", "0"));
    }

    @Test
    void helpWins() {
        assertTrue(parse("--rate", "1", "--help").help());
        assertTrue(CommandLine.USAGE.contains("--control-port"));
    }

    @Test
    void mistakesAreOneLineNamingTheFlag() {
        assertEquals("--rate: abc (expected: a number)", error("--rate", "abc"));
        assertEquals("--port: port: 99999 (expected: 0..65535, 0 for any free port)", error("--port", "99999"));
        assertEquals("--seed: missing value", error("--seed"));
        assertEquals("--tls: takes no value (got 'yes')", error("--tls=yes"));
        assertTrue(error("--speed", "3").startsWith("unknown option: --speed (expected one of [--host"));
    }
}
