package dev.tickerplant.sim;

import dev.tickerplant.sim.market.TickSchedule;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until the process is stopped, and prints one line with its URLs.
 *
 * <pre>{@code
 * sim --port 8900 --control-port 8901 --rate 200 --seed 7
 * tickerplant-sim advanced-trade=ws://127.0.0.1:8900/ exchange=ws://127.0.0.1:8900/exchange rest=http://127.0.0.1:8900 control=http://127.0.0.1:8901 rate=200.0 seed=7
 * }</pre>
 */
public final class SimulatorMain {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args, SimulatorOptions.defaults());
        } catch (IllegalArgumentException e) {
            System.err.println("sim: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(EXIT_USAGE);
            return;
        }
        if (parsed.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(parsed.options());
        } catch (IllegalStateException e) {
            System.err.println("sim: " + e.getMessage());
            System.exit(EXIT_FAILURE);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "sim-shutdown"));
        printBanner(simulator, System.out);
        stopped.await();
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
}
