package dev.tickerplant.daemon.chaos;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tickerplant.testing.WebSocketClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One downstream client subscribed to every product's tickers. A fast one reads as fast as it can and records every
 * ticker in the ledger; a slow one has a 4 KiB socket buffer and pauses after each message, so the daemon has to
 * conflate for it.
 */
final class ChaosSubscriber implements Runnable, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int SLOW_RECEIVE_BUFFER = 4096;
    private static final int SLOW_CONSUMER = 4001;
    private static final long SLOW_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    final int index;
    final boolean slow;
    private final int port;
    private final DeliveryLedger ledger;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final AtomicLong tickers = new AtomicLong();
    private volatile WebSocketClient socket;
    private volatile String clientId = "";
    private volatile String failure;
    private volatile boolean stopping;
    private Thread thread;

    ChaosSubscriber(int index, boolean slow, int port, DeliveryLedger ledger) {
        this.index = index;
        this.slow = slow;
        this.port = port;
        this.ledger = ledger;
    }

    void start() {
        thread = new Thread(this, (slow ? "slow" : "fast") + "-subscriber-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    boolean awaitSubscribed(long timeoutMillis) throws InterruptedException {
        return subscribed.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The id the daemon gave this client in its welcome, to find its figures. */
    String clientId() {
        return clientId;
    }

    long tickers() {
        return tickers.get();
    }

    /** Why the reader stopped early, or null while it runs (or after a requested stop). */
    String failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            socket = WebSocketClient.to(port, "/ws").receiveBuffer(slow ? SLOW_RECEIVE_BUFFER : 0)
                    .readOnDemandAnsweringPings().upgrade();
            if (socket.status() != 101) {
                throw new IOException("upgrade refused: " + socket.status() + " " + socket.body());
            }
            clientId = field(next().text(), "client_id");
            socket.send("{\"type\":\"subscribe\",\"products\":[\"*\"],\"snapshot\":false}");
            while (true) {
                WebSocketClient.Frame frame = next();
                if (frame.isClose()) {
                    if (slow && frame.closeCode() == SLOW_CONSUMER) {
                        return; // what the daemon does to a reader that stays too slow for too long
                    }
                    // A slow reader the daemon closed (4001) may find the end of the stream (1006) before the close
                    // frame: the server drops what it could not write. For a fast reader, that is a failure.
                    if (slow && frame.closeCode() == 1006) {
                        return;
                    }
                    throw new IOException("closed by the daemon with " + frame.closeCode());
                }
                onMessage(frame.payload());
                if (slow) {
                    LockSupport.parkNanos(SLOW_PAUSE_NANOS); // reading slowly is the point of this client
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure = e.toString();
            }
        } finally {
            subscribed.countDown();
        }
    }

    private WebSocketClient.Frame next() throws IOException {
        WebSocketClient.Frame frame = socket.nextFrame(READ_TIMEOUT);
        if (frame == null) {
            throw new IOException("nothing from the daemon for " + READ_TIMEOUT.toSeconds() + " s");
        }
        return frame;
    }

    private void onMessage(byte[] json) throws IOException {
        String type = null;
        String product = null;
        String volume = null;
        String price = null;
        long seq = -1;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "type" -> type = p.getText();
                    case "product_id" -> product = p.getText();
                    case "volume_24_h", "volume_24h" -> volume = p.getText();
                    case "price" -> price = p.getText();
                    case "seq" -> seq = p.getLongValue();
                    default -> {
                    }
                }
            }
        }
        if ("subscriptions".equals(type)) {
            subscribed.countDown();
        } else if ("ticker".equals(type) && product != null && seq > 0) {
            tickers.incrementAndGet();
            if (!slow) {
                ledger.record(index, DeliveryLedger.key(product, volume, price), seq);
            }
        }
    }

    private static String field(String json, String name) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && name.equals(p.currentName())) {
                    p.nextToken();
                    return p.getText();
                }
            }
        }
        return "";
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        WebSocketClient s = socket;
        if (s != null) {
            s.close();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
