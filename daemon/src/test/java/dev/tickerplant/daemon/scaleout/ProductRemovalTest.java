package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.WebSocketClient;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A product an ingest node stops following (here by the admin API; a catalog refresh takes the same path) leaves the
 * fanout nodes too: their subscribers get the same {@code removed} status as on a single process.
 */
class ProductRemovalTest {
    private static final String ADMIN_TOKEN = "admin-token-for-tests-0123";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void subscribersOfAFanoutNodeHearThatAProductLeft() {
        try (NatsServerProcess nats = NatsServerProcess.start("removal");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(200).withSeed(3));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            Daemon fanout = rig.fanout("fanout-1");
            Daemon ingest = rig.ingest("ingest-1", "--admin-token", ADMIN_TOKEN);
            ScaleOutRig.awaitStreaming(ingest);
            String leaving = ingest.plan().shards().get(0).productIds().get(0);
            // The fanout node knows a product from its first tick in the stream, and what the ingest node carries
            // from its status reports: a removal is a product missing from a report after one that had it.
            await("the fanout node knows " + leaving + " and has heard the ingest node").atMost(WAIT)
                    .until(() -> fanout.market().named(leaving) != null && fanout.busFigures().ingestNodes() >= 1);
            WebSocketClient subscriber = WebSocketClient.connect(fanout.fanout().port(), "/ws");
            subscriber.nextJson("welcome");
            subscriber.send("{\"type\":\"subscribe\",\"products\":[\"" + leaving + "\"],\"channels\":[\"status\"]}");
            subscriber.nextJson("subscriptions");

            HttpResponse<String> removed = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ingest.httpPort() + "/admin/products")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"remove\":[\"" + leaving + "\"]}")).build());
            assertEquals(200, removed.statusCode(), removed.body());

            Map<String, Object> status = subscriber.nextJson(m -> "status".equals(m.get("type"))
                    && "removed".equals(m.get("state")), WAIT);
            assertEquals(List.of("product", leaving, List.of(leaving)),
                    List.of(status.get("scope"), status.get("id"), status.get("products")));
            subscriber.close();
        }
    }
}
