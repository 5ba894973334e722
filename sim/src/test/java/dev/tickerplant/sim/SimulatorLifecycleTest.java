package dev.tickerplant.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.WebSocketClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorLifecycleTest {

    private static List<String> simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sim-") && t.isAlive()).map(Thread::getName).toList();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void bindsEphemeralPortsAndClosesEverythingSayingGoingAway() {
        Simulator sim = Simulator.start(SimulatorOptions.defaults());
        int port = sim.port();
        int controlPort = sim.controlPort();
        assertTrue(port > 0 && controlPort > 0 && port != controlPort);
        assertEquals("ws://127.0.0.1:" + port + "/", sim.advancedTradeUri().toString());
        assertEquals("ws://127.0.0.1:" + port + "/exchange", sim.exchangeUri().toString());
        assertEquals("http://127.0.0.1:" + port, sim.restBaseUri().toString());
        assertEquals("http://127.0.0.1:" + controlPort, sim.controlUri().toString());
        WebSocketClient client = WebSocketClient.connect(sim.advancedTradeUri());
        client.send("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        client.nextJson();

        // What close leaves behind is checked, not how fast a busy machine gets there: its own waits are bounded.
        sim.close();
        client.assertClosedWith(1001, "going away");
        assertTrue(!accepts(port) && !accepts(controlPort), "ports released");
        await("simulator threads (named sim-*) to end").until(() -> simulatorThreads().isEmpty());
        sim.close();
    }

    @Test
    void aTakenPortFailsWithTheAddressInTheMessage() {
        try (Simulator first = Simulator.start(SimulatorOptions.defaults().withControlPort(SimulatorOptions.DISABLED))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Simulator.start(
                    SimulatorOptions.defaults().withPort(first.port()).withControlPort(SimulatorOptions.DISABLED)));
            assertTrue(e.getMessage().startsWith("cannot bind the simulator to 127.0.0.1:" + first.port()), e.getMessage());
            assertThrows(IllegalStateException.class, first::controlUri);
        }
    }

    @Test
    void optionsNameTheBadSettingAndWhatWasExpected() {
        SimulatorOptions defaults = SimulatorOptions.defaults();
        assertEquals("port: 70000 (expected: 0..65535, 0 for any free port)",
                assertThrows(IllegalArgumentException.class, () -> defaults.withPort(70_000)).getMessage());
        assertEquals("tickRate: -5.0 (expected: 0..1000000.0 ticks per second)",
                assertThrows(IllegalArgumentException.class, () -> defaults.withTickRate(-5)).getMessage());
        assertEquals("subscribeTimeout: PT0S (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> defaults.withSubscribeTimeout(Duration.ZERO)).getMessage());
        assertEquals("maxConnectionsPerSecond: 0 (expected: >= 1)",
                assertThrows(IllegalArgumentException.class, () -> defaults.withMaxConnectionsPerSecond(0)).getMessage());
    }

    @Test
    void mainPrintsOneLineWithTheUrls() {
        try (Simulator sim = Simulator.start(SimulatorMainTest.parse("--rate", "5", "--seed=9"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatorMain.printBanner(sim, new PrintStream(out, true, StandardCharsets.UTF_8));
            String line = out.toString(StandardCharsets.UTF_8);
            assertEquals("tickerplant-sim advanced-trade=" + sim.advancedTradeUri() + " exchange=" + sim.exchangeUri()
                    + " rest=" + sim.restBaseUri() + " control=" + sim.controlUri() + " rate=5.0 seed=9"
                    + System.lineSeparator(), line);
        }
    }
}
