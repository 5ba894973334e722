package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import dev.tickerplant.testing.nats.NatsServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fanout node that starts after the stream has filled: it reads the latest tick of every product older than its
 * replay window, then the window itself, then follows. Its subscribers get every product's latest ticker at once, can
 * resume within the window, and its /health says how fresh each product is and how far behind the stream it is.
 */
@EndToEnd
class FanoutStartTest {
    /** The fanout node's --history-size (the smallest allowed): how far back it reads at start. */
    private static final int HISTORY = 1024;

    @TempDir
    Path dir;

    @Test
    void aLateFanoutNodeServesEveryProductsLatestTickerAndItsReplayWindow() {
        try (NatsServerProcess nats = NatsServerProcess.start("late-fanout");
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(400).withSeed(17));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir);
             StreamProbe stream = new StreamProbe(nats.clientUrl(), "TICKERPLANT")) {
            // Two ingest nodes share the products; the first stops early, so its products' last ticks end up
            // further back in the stream than the fanout node's replay window reaches.
            Daemon early = rig.ingest("ingest-early", "--instance", "1/2");
            Daemon late = rig.ingest("ingest-late", "--instance", "2/2");
            ScaleOutRig.awaitStreaming(early);
            ScaleOutRig.awaitStreaming(late);
            Set<String> earlyProducts = ScaleOutRig.products(early);
            Set<String> all = new HashSet<>(earlyProducts);
            all.addAll(ScaleOutRig.products(late));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(all,
                    products(stream.latestPerSubject()), "every product has a tick in the stream"));
            rig.stop(early);
            long earlyLast = stream.latestPerSubject().values().stream()
                    .filter(s -> earlyProducts.contains(s.product())).mapToLong(StreamProbe.Stored::seq).max()
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.lastSeq() > earlyLast + HISTORY + 500);
            sim.pauseTicks();
            // Ticks already on their way still arrive: the stream has settled once two looks 500 ms apart agree.
            AtomicLong seen = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> seen.getAndSet(stream.lastSeq()) == seen.get());
            long last = seen.get();
            long windowStart = last - HISTORY + 1;
            Map<String, StreamProbe.Stored> latest = byProduct(stream.latestPerSubject());
            Set<String> older = latest.values().stream().filter(s -> s.seq() < windowStart)
                    .map(StreamProbe.Stored::product).collect(Collectors.toSet());
            assertTrue(older.containsAll(earlyProducts), () -> "older than the window: " + older);

            Daemon fanout = rig.fanout("fanout-late", "--history-size", String.valueOf(HISTORY));
            int port = fanout.fanout().port();
            long asked = System.currentTimeMillis();
            ScaleOutRig.awaitHealth(port, 200, "\"caught_up\":true");
            // Caught up means the feed has read the stream's last tick; the ring's consumer applies it to the
            // products' state a moment later (seconds, on a loaded machine), and their ages are read from that.
            AtomicReference<Map<String, Object>> health = new AtomicReference<>();
            await("every tick read is applied").atMost(Duration.ofSeconds(30)).until(() -> {
                health.set(Json.object(Http.get(port, "/health").body()));
                return number(Json.map(health.get(), "ring"), "last_seq") == last;
            });
            long answered = System.currentTimeMillis();
            Map<String, Object> bus = Json.map(health.get(), "bus");
            assertEquals(0L, number(bus, "consumer_lag"), "lag once caught up: " + bus);
            assertEquals(last, number(bus, "last_seq"), bus::toString);
            assertEquals(older.size() + HISTORY, number(bus, "delivered"),
                    "the latest tick of each older product, then the window: " + bus);
            Map<String, Object> ages = Json.map(bus, "product_age_ms");
            assertEquals(all, ages.keySet(), "a freshness for every product: " + bus);
            for (StreamProbe.Stored s : latest.values()) {
                // Milliseconds since the ingest node received the product's latest tick, as its payload says. Receive
                // times come from the monotonic clock set against the wall clock once, which a loaded machine has
                // put 250 ms off; a second's slack still tells the tick's age (seconds) from when the node read it.
                long received = Instant.parse((String) s.ticker().get("receive_time")).toEpochMilli();
                long age = number(ages, s.product());
                assertTrue(age >= asked - received - 1_000 && age <= answered - received + 1_000,
                        () -> s.product() + " age " + age + " for a tick received at " + received + ", asked at "
                                + asked + ".." + answered);
            }

            try (WebSocketClient ws = WebSocketClient.connect(port, "/ws")) {
                assertEquals("welcome", ws.nextJson().get("type"));
                ws.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"snapshot\":true}");
                Map<String, Object> snapshot = ws.nextJson(m -> "snapshot".equals(m.get("type")));
                Map<String, Map<String, Object>> tickers = new HashMap<>();
                for (Object t : Json.list(snapshot, "tickers")) {
                    Map<String, Object> ticker = Json.map(t);
                    tickers.put((String) ticker.get("product_id"), ticker);
                }
                assertEquals(all, tickers.keySet(), "every product's latest ticker: " + snapshot);
                latest.forEach((product, s) -> {
                    assertEquals(s.seq(), number(tickers.get(product), "seq"), product + ": the stream's last seq");
                    assertEquals(s.price(), tickers.get(product).get("price"), product + ": its price");
                });
            }

            // Resuming within the window replays exactly what the stream holds there; beyond it, it cannot.
            long since = last - 1000;
            try (TickCollector resumed = TickCollector.subscribe(port, since)) {
                resumed.awaitSeq(last, Duration.ofSeconds(30));
                List<TickCollector.Received> replay = resumed.received();
                assertEquals(since + 1, replay.get(0).seq(), "the first tick after since_seq");
                assertEquals(List.of(), ScaleOutRig.gaps(replay));
                for (TickCollector.Received r : List.of(replay.get(0), replay.get(500), replay.get(999))) {
                    StreamProbe.Stored s = stream.at(r.seq());
                    assertEquals(s.product() + "|" + s.price(), r.product() + "|" + r.price(), "seq " + r.seq());
                }
                sim.resumeTicks();
                resumed.awaitSeq(last + 200, Duration.ofSeconds(30));
                assertEquals(List.of(), ScaleOutRig.gaps(resumed.received()), "replay then live, no gap");
                assertEquals(List.of(), ScaleOutRig.duplicates(resumed.received()));
            }
            try (WebSocketClient ws = WebSocketClient.connect(port, "/ws")) {
                assertEquals("welcome", ws.nextJson().get("type"));
                ws.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"since_seq\":" + (windowStart - 100) + "}");
                Map<String, Object> reply = ws.nextJson(m -> !"subscriptions".equals(m.get("type"))
                        && !"ticker".equals(m.get("type")));
                assertEquals("replay_unavailable", reply.get("type"), reply::toString);
            }
        }
    }

    private static Set<String> products(Map<String, StreamProbe.Stored> latest) {
        return latest.values().stream().map(StreamProbe.Stored::product).collect(Collectors.toSet());
    }

    private static Map<String, StreamProbe.Stored> byProduct(Map<String, StreamProbe.Stored> bySubject) {
        return bySubject.values().stream().collect(Collectors.toMap(StreamProbe.Stored::product, s -> s));
    }

    private static long number(Map<String, Object> object, String key) {
        Object value = object.get(key);
        assertTrue(value instanceof Number, () -> key + " is not a number in " + object);
        return ((Number) value).longValue();
    }
}
