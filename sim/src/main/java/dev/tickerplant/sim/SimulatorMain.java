package dev.tickerplant.sim;

import dev.tickerplant.sim.cli.CommandLines;
import dev.tickerplant.sim.cli.OptionsBuilder;
import dev.tickerplant.sim.market.TickSchedule;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the simulator standalone until the process is stopped, and prints one line with its URLs.
 *
 * <pre>{@code
 * sim --port 8900 --control-port 8901 --rate 200 --seed 7
 * tickerplant-sim advanced-trade=ws://127.0.0.1:8900/ exchange=ws://127.0.0.1:8900/exchange rest=http://127.0.0.1:8900 control=http://127.0.0.1:8901 rate=200.0 seed=7
 * }</pre>
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = CommandLines.ManifestVersion.class,
        description = "Runs the Coinbase exchange simulator until the process is stopped and prints one line with its"
                + " URLs.")
public final class SimulatorMain implements Callable<Integer> {

    static final int EXIT_FAILURE = 1;

    private static final SimulatorOptions DEFAULTS = SimulatorOptions.defaults();

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Bind address of both servers (default ${DEFAULT-VALUE}).")
    private String host = DEFAULTS.host();

    @Option(names = "--port", paramLabel = "PORT",
            description = "WebSocket and REST port, 0 for any free port (default ${DEFAULT-VALUE}).")
    private int port = DEFAULTS.port();

    @Option(names = "--control-port", paramLabel = "PORT",
            description = "Control API port, 0 for any free port, -1 to disable (default ${DEFAULT-VALUE}).")
    private int controlPort = DEFAULTS.controlPort();

    @Option(names = "--rate", paramLabel = "TICKS_PER_SECOND",
            description = "Total ticks per second over all products (default ${DEFAULT-VALUE}).")
    private double rate = DEFAULTS.tickRate();

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the catalog and the trades (default ${DEFAULT-VALUE}).")
    private long seed = DEFAULTS.seed();

    @Option(names = "--tls", description = "Serve wss/https with the bundled self-signed test certificate.")
    private boolean tls = DEFAULTS.tls();

    @Option(names = "--schedule", paramLabel = "poisson|constant", converter = PacingConverter.class,
            description = {"poisson: random arrivals (default); constant: exactly 1/rate apart, each trade stamped with"
                    + " its intended time even when generation runs late."})
    private TickSchedule.Pacing pacing = DEFAULTS.schedule().pacing();

    @Option(names = "--product-order", paramLabel = "weighted|round-robin", converter = OrderConverter.class,
            description = "weighted: busy products trade more (default); round-robin: every product in turn.")
    private TickSchedule.ProductOrder order = DEFAULTS.schedule().order();

    @Option(names = "--intended-timestamps",
            description = "Advanced Trade ticker updates carry the trade's (intended) time as the envelope timestamp"
                    + " instead of the time of sending; Exchange tickers always carry it as time.")
    private boolean intendedTimestamps = DEFAULTS.intendedTimestamps();

    @Option(names = "--max-connections-per-second", paramLabel = "N",
            description = "WebSocket upgrades accepted per client IP per second (default ${DEFAULT-VALUE}).")
    private int maxConnectionsPerSecond = DEFAULTS.maxConnectionsPerSecond();

    @Option(names = "--max-subscribe-messages-per-second", paramLabel = "N",
            description = "Subscribe messages per client IP per second (default ${DEFAULT-VALUE}).")
    private int maxSubscribeMessagesPerSecond = DEFAULTS.maxSubscribeMessagesPerSecond();

    @Option(names = "--emitted-log-capacity", paramLabel = "N",
            description = "Ticks kept in the emitted-tick log (default ${DEFAULT-VALUE}).")
    private int emittedLogCapacity = DEFAULTS.emittedLogCapacity();

    SimulatorMain() {
    }

    public static void main(String[] args) {
        CommandLines.runAndExit(new SimulatorMain(), args);
    }

    /** The parsed options as the simulator takes them; a value it rejects is a usage error naming the option. */
    SimulatorOptions options() {
        return new OptionsBuilder<>(spec, DEFAULTS)
                .set(o -> o.withHost(host), "--host")
                .set(o -> o.withPort(port), "--port")
                .set(o -> o.withControlPort(controlPort), "--control-port")
                .set(o -> o.withTickRate(rate), "--rate")
                .set(o -> o.withSeed(seed), "--seed")
                .set(o -> o.withTls(tls), "--tls")
                .set(o -> o.withSchedule(new TickSchedule(pacing, order)), "--schedule")
                .set(o -> o.withIntendedTimestamps(intendedTimestamps), "--intended-timestamps")
                .set(o -> o.withMaxConnectionsPerSecond(maxConnectionsPerSecond), "--max-connections-per-second")
                .set(o -> o.withMaxSubscribeMessagesPerSecond(maxSubscribeMessagesPerSecond),
                        "--max-subscribe-messages-per-second")
                .set(o -> o.withEmittedLogCapacity(emittedLogCapacity), "--emitted-log-capacity")
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        Simulator simulator;
        try {
            simulator = Simulator.start(options());
        } catch (IllegalStateException e) {
            System.err.println("sim: " + e.getMessage());
            return EXIT_FAILURE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "sim-shutdown"));
        printBanner(simulator, System.out);
        stopped.await();
        return 0;
    }

    static void printBanner(Simulator simulator, PrintStream out) {
        SimulatorOptions options = simulator.options();
        String control = options.controlPort() == SimulatorOptions.DISABLED ? "disabled" : simulator.controlUri().toString();
        out.println("tickerplant-sim advanced-trade=" + simulator.advancedTradeUri()
                + " exchange=" + simulator.exchangeUri()
                + " rest=" + simulator.restBaseUri()
                + " control=" + control
                + " rate=" + simulator.tickRate()
                + " seed=" + options.seed()
                // Only a non-default schedule is named, so the default line stays what scripts already parse.
                + (options.schedule().equals(TickSchedule.poisson()) ? "" : " schedule=" + options.schedule()));
        out.flush();
    }

    static final class PacingConverter implements ITypeConverter<TickSchedule.Pacing> {
        @Override
        public TickSchedule.Pacing convert(String text) {
            return CommandLines.convert(text, TickSchedule::parsePacing);
        }
    }

    static final class OrderConverter implements ITypeConverter<TickSchedule.ProductOrder> {
        @Override
        public TickSchedule.ProductOrder convert(String text) {
            return CommandLines.convert(text, TickSchedule::parseOrder);
        }
    }
}
