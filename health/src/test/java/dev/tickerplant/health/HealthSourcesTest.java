package dev.tickerplant.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.ingest.metrics.LatencyRecorder;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A latency recorder that would break the /metrics page is refused when the routes are built. */
class HealthSourcesTest {
    private final HealthRig rig = HealthRig.live(List.of("BTC-USD"), 15, URI.create("ws://127.0.0.1:1/"));

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void recorderNamesMustBeMetricNames() {
        assertEquals("latencies: recorder name \"exchange-to-receive\" (expected: letters, digits and underscores,"
                + " starting with a letter)", refused(new LatencyRecorder("exchange-to-receive", "x")));
    }

    @Test
    void recorderNamesMustBeDistinct() {
        assertEquals("latencies: recorder name \"decode\" appears twice (expected: distinct names, each becomes one"
                + " metric family)", refused(new LatencyRecorder("decode", "a"), new LatencyRecorder("decode", "b")));
    }

    @Test
    void recorderNamesMustNotReuseAFixedFamily() {
        assertEquals("latencies: recorder name \"uptime\" (expected: a name whose family tickerplant_uptime_seconds"
                + " is not already a tickerplant metric)", refused(new LatencyRecorder("uptime", "x")));
    }

    @Test
    void theFanoutRecorderIsExportedOnceEvenWhenAlsoListed() {
        LatencyRecorder written = new LatencyRecorder("receive_to_written", "x");
        TestFanout fanout = new TestFanout(List.of(), 0, 0, 0, 0, 0, 0, written);
        HealthSources sources = sources(fanout, List.of(written));
        assertEquals(List.of(written), sources.allLatencies());
        LatencyRecorder decode = new LatencyRecorder("decode", "y");
        assertEquals(List.of(decode, written), sources(fanout, List.of(decode)).allLatencies());
    }

    private String refused(LatencyRecorder... recorders) {
        return assertThrows(IllegalArgumentException.class, () -> sources(null, List.of(recorders))).getMessage();
    }

    private HealthSources sources(TestFanout fanout, List<LatencyRecorder> latencies) {
        return new HealthSources(rig.market, rig.upstream, rig.ring, fanout, latencies, HealthThresholds.defaults(),
                "v", 0, System::nanoTime, System::currentTimeMillis);
    }
}
