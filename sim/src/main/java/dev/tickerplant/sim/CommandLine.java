package dev.tickerplant.sim;

import dev.tickerplant.sim.market.TickSchedule;
import java.util.List;

/** Parses {@link SimulatorMain}'s flags into options; every mistake is one line naming the flag and what it expects. */
final class CommandLine {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: sim [--host ADDRESS] [--port PORT] [--control-port PORT] [--rate TICKS_PER_SECOND] [--seed N] [--tls]",
            "           [--schedule poisson|constant] [--product-order weighted|round-robin] [--intended-timestamps]",
            "           [--max-connections-per-second N] [--max-subscribe-messages-per-second N]",
            "           [--emitted-log-capacity N]",
            "  --host ADDRESS        bind address of both servers (default " + SimulatorOptions.DEFAULT_HOST + ")",
            "  --port PORT           WebSocket and REST port, 0 for any free port (default 0)",
            "  --control-port PORT   control API port, 0 for any free port, -1 to disable (default 0)",
            "  --rate N              total ticks per second over all products (default "
                    + (long) SimulatorOptions.DEFAULT_TICK_RATE + ")",
            "  --seed N              seed of the catalog and the trades (default " + SimulatorOptions.DEFAULT_SEED + ")",
            "  --tls                 serve wss/https with the bundled self-signed test certificate",
            "  --schedule S          poisson: random arrivals (default); constant: exactly 1/rate apart, each trade",
            "                        stamped with its intended time even when generation runs late",
            "  --product-order O     weighted: busy products trade more (default); round-robin: every product in turn",
            "  --intended-timestamps Advanced Trade ticker updates carry the trade's (intended) time as the envelope",
            "                        timestamp instead of the time of sending; Exchange tickers always carry it as time",
            "  --max-connections-per-second N         WebSocket upgrades accepted per client IP per second (default "
                    + SimulatorOptions.DEFAULT_MAX_CONNECTIONS_PER_SECOND + ")",
            "  --max-subscribe-messages-per-second N  subscribe messages per client IP per second (default "
                    + SimulatorOptions.DEFAULT_MAX_SUBSCRIBE_MESSAGES_PER_SECOND + ")",
            "  --emitted-log-capacity N               ticks kept in the emitted-tick log (default 1000000)",
            "  --help                print this help");

    private static final List<String> FLAGS = List.of("--host", "--port", "--control-port", "--rate", "--seed", "--tls",
            "--schedule", "--product-order", "--intended-timestamps", "--max-connections-per-second",
            "--max-subscribe-messages-per-second", "--emitted-log-capacity", "--help");

    /** The outcome: options to run with, or a request for help. */
    record Parsed(SimulatorOptions options, boolean help) {
    }

    private CommandLine() {
    }

    static Parsed parse(String[] args, SimulatorOptions defaults) {
        SimulatorOptions options = defaults;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (flag) {
                case "--help", "-h" -> {
                    return new Parsed(options, true);
                }
                case "--tls", "--intended-timestamps" -> {
                    if (value != null) {
                        throw new IllegalArgumentException(flag + ": takes no value (got '" + value + "')");
                    }
                    options = flag.equals("--tls") ? options.withTls(true) : options.withIntendedTimestamps(true);
                }
                case "--host", "--port", "--control-port", "--rate", "--seed", "--schedule", "--product-order",
                        "--max-connections-per-second", "--max-subscribe-messages-per-second",
                        "--emitted-log-capacity" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(flag + ": missing value");
                        }
                        value = args[++i];
                    }
                    options = apply(options, flag, value);
                }
                default -> throw new IllegalArgumentException("unknown option: " + arg + " (expected one of " + FLAGS + ")");
            }
        }
        return new Parsed(options, false);
    }

    private static SimulatorOptions apply(SimulatorOptions options, String flag, String value) {
        try {
            return switch (flag) {
                case "--host" -> options.withHost(value);
                case "--port" -> options.withPort(Integer.parseInt(value));
                case "--control-port" -> options.withControlPort(Integer.parseInt(value));
                case "--rate" -> options.withTickRate(Double.parseDouble(value));
                case "--seed" -> options.withSeed(Long.parseLong(value));
                case "--schedule" -> options.withSchedule(options.schedule().withPacing(TickSchedule.parsePacing(value)));
                case "--product-order" ->
                        options.withSchedule(options.schedule().withOrder(TickSchedule.parseOrder(value)));
                case "--max-connections-per-second" -> options.withMaxConnectionsPerSecond(Integer.parseInt(value));
                case "--max-subscribe-messages-per-second" ->
                        options.withMaxSubscribeMessagesPerSecond(Integer.parseInt(value));
                case "--emitted-log-capacity" -> options.withEmittedLogCapacity(Integer.parseInt(value));
                default -> throw new IllegalStateException("unhandled flag " + flag);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": " + value + " (expected: a number)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }
}
