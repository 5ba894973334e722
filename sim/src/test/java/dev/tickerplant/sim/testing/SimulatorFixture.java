package dev.tickerplant.sim.testing;

import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator shared by a test class: started on port 0 before its first test, closed after its last.
 * {@code @RegisterExtension static final SimulatorFixture SIM = SimulatorFixture.of(options);} then {@code SIM.get()}.
 *
 * <p>It lives in the simulator's test jar rather than in test-support: the simulator's own tests use test-support, so
 * test-support cannot depend on the simulator.
 */
public final class SimulatorFixture implements BeforeAllCallback, AfterAllCallback {
    private final SimulatorOptions options;
    private volatile Simulator simulator;

    private SimulatorFixture(SimulatorOptions options) {
        this.options = options.withPort(0);
    }

    public static SimulatorFixture of(SimulatorOptions options) {
        return new SimulatorFixture(options);
    }

    /** The running simulator; only between the class's first and last test. */
    public Simulator get() {
        Simulator running = simulator;
        if (running == null) {
            throw new IllegalStateException("the simulator runs only while the test class does");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = Simulator.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Simulator running = simulator;
        simulator = null;
        if (running != null) {
            running.close();
        }
    }
}
