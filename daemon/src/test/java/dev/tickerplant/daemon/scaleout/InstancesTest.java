package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --instance i/N}: each ingest node opens only its share of the shards; together they cover every product. */
class InstancesTest {
    @TempDir
    Path dir;

    @Test
    void twoInstancesSplitTheProductsWithoutOverlapAndTheFanoutGetsThemAll() {
        try (NatsServerProcess nats = NatsServerProcess.start("instances");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(3));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            Daemon one = rig.ingest("ingest-1", "--instance", "1/2");
            Daemon two = rig.ingest("ingest-2", "--instance", "2/2");
            Set<String> first = products(one);
            Set<String> second = products(two);

            assertFalse(first.isEmpty() || second.isEmpty(), first + " / " + second);
            assertTrue(first.stream().noneMatch(second::contains), "no product on both: " + first + " / " + second);
            Set<String> all = new HashSet<>(first);
            all.addAll(second);
            assertEquals(ScaleOutRig.PRODUCTS, all.size(), "the two shares make up the selection: " + all);
            assertEquals(one.upstream().sessions().size(), one.plan().shards().size(), "only its own shards");

            ScaleOutRig.awaitStreaming(one);
            ScaleOutRig.awaitStreaming(two);
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(all,
                        subscriber.received().stream().map(TickCollector.Received::product)
                                .collect(Collectors.toSet())));
            }
            // The ingest node serves its health routes, and no subscriber endpoint.
            HttpResponse<String> health = Http.get(one.httpPort(), "/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"role\":\"publisher\""), health.body());
            assertEquals(404, Http.get(one.httpPort(), "/ws").statusCode());
        }
    }

    private static Set<String> products(Daemon ingest) {
        return ingest.plan().shards().stream().flatMap(s -> s.productIds().stream()).collect(Collectors.toSet());
    }
}
