package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One subscriber of every product on one node, collecting the tickers it receives on a thread of its own. */
final class TickCollector implements AutoCloseable {
    /** One received ticker: its seq and the fields that tell a tick apart. */
    record Received(long seq, String product, String price, String volume) {
        String key() {
            return product + "|" + volume + "|" + price;
        }
    }

    private final WebSocketClient ws;
    private final List<Received> received = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile String ended = "";

    private TickCollector(WebSocketClient ws) {
        this.ws = ws;
        this.reader = new Thread(this::read, "tick-collector");
        this.reader.setDaemon(true);
    }

    /** Subscribes to every product without a snapshot, resuming after {@code sinceSeq} when it is not null. */
    static TickCollector subscribe(int port, Long sinceSeq) {
        WebSocketClient ws = WebSocketClient.connect(port, "/ws");
        assertEquals("welcome", ws.nextJson().get("type"));
        ws.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"snapshot\":false"
                + (sinceSeq != null ? ",\"since_seq\":" + sinceSeq : "") + "}");
        Map<String, Object> reply = ws.nextJson(m -> !"ticker".equals(m.get("type")));
        assertEquals("subscriptions", reply.get("type"), reply::toString);
        TickCollector collector = new TickCollector(ws);
        collector.reader.start();
        return collector;
    }

    private void read() {
        while (!closed) {
            WebSocketClient.Frame frame = ws.nextFrame(Duration.ofMillis(200));
            if (frame == null) {
                continue;
            }
            if (frame.isClose()) {
                ended = "closed " + frame.closeCode() + " " + frame.closeReason();
                return;
            }
            Map<String, Object> m = Json.object(frame.text());
            if ("ticker".equals(m.get("type"))) {
                Object volume = m.containsKey("volume_24_h") ? m.get("volume_24_h") : m.get("volume_24h");
                synchronized (received) {
                    received.add(new Received(((Number) m.get("seq")).longValue(), (String) m.get("product_id"),
                            (String) m.get("price"), (String) volume));
                }
            }
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    long lastSeq() {
        synchronized (received) {
            return received.isEmpty() ? 0 : received.get(received.size() - 1).seq();
        }
    }

    /** Waits until a ticker with at least this seq has arrived. */
    void awaitSeq(long seq, Duration timeout) {
        await().atMost(timeout).untilAsserted(() -> assertTrue(lastSeq() >= seq,
                () -> "received up to seq " + lastSeq() + ", waiting for " + seq + " " + ended));
    }

    String ended() {
        return ended;
    }

    @Override
    public void close() {
        closed = true;
        ws.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
