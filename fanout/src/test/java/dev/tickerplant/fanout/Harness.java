package dev.tickerplant.fanout;

import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** A started server on an ephemeral loopback port over a {@link TestMarket}, with a scripted upstream. */
final class Harness implements AutoCloseable {
    static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "ADA-USD",
            "XRP-USD", "LTC-USD", "AVAX-USD", "LINK-USD", "DOT-USD");

    final TestMarket market;
    final FanoutServer server;
    /** Two connections of five products each, both streaming: the scripted upstream unless a test says otherwise. */
    static final List<ConnectionStatus> STREAMING = List.of(
            new ConnectionStatus("conn-01", "STREAMING", true, PRODUCTS.subList(0, 5), 5, "", 0),
            new ConnectionStatus("conn-02", "STREAMING", true, PRODUCTS.subList(5, 10), 5, "", 0));
    volatile List<ConnectionStatus> upstream = STREAMING;
    private final List<AutoCloseable> clients = new ArrayList<>();

    Harness(FanoutOptions options) {
        this(options, null, System::nanoTime);
    }

    Harness(FanoutOptions options, HttpRoutes routes, LongSupplier nanoTime) {
        this(options, routes, nanoTime, Duration.ofMillis(50));
    }

    /** @param statusPoll how often the server polls the scripted upstream for status changes */
    Harness(FanoutOptions options, HttpRoutes routes, LongSupplier nanoTime, Duration statusPoll) {
        this(options, routes, nanoTime, statusPoll, List.of());
    }

    /** Upstream connections as {@code initial} says from the start, polled every {@code statusPoll}. */
    Harness(List<ConnectionStatus> initial, Duration statusPoll) {
        this.upstream = List.copyOf(initial);
        market = new TestMarket(PRODUCTS);
        server = new FanoutServer(options().withHost("127.0.0.1").withPort(0), market.market, () -> upstream, null,
                statusPoll, System::nanoTime, List.of());
        server.start();
    }

    /** With plug-in endpoints next to {@code /ws}. */
    Harness(FanoutOptions options, List<EndpointPlugin> plugins) {
        this(options, null, System::nanoTime, Duration.ofMillis(50), plugins);
    }

    private Harness(FanoutOptions options, HttpRoutes routes, LongSupplier nanoTime, Duration statusPoll,
                    List<EndpointPlugin> plugins) {
        market = new TestMarket(PRODUCTS);
        server = new FanoutServer(options.withHost("127.0.0.1").withPort(0), market.market, () -> upstream, routes,
                statusPoll, nanoTime, plugins);
        server.start();
    }

    static FanoutOptions options() {
        return FanoutOptions.defaults();
    }

    int port() {
        return server.port();
    }

    WebSocketClient client() {
        return track(welcomed(port()));
    }

    WebSocketClient connect(String pathAndQuery) {
        return track(open(port(), pathAndQuery));
    }

    /** A client of {@code /ws} or a plug-in endpoint that passes over heartbeats, as most tests want. */
    static WebSocketClient open(int port, String pathAndQuery) {
        return WebSocketClient.to(port, pathAndQuery).skipping(text -> Json.hasType(text, "heartbeat")).connect();
    }

    /** Connects to {@code /ws} and consumes the welcome. */
    static WebSocketClient welcomed(int port) {
        WebSocketClient client = open(port, "/ws");
        client.nextJson("welcome");
        return client;
    }

    /** The next {@code n} ticker messages, failing on any other message type except heartbeats. */
    static List<Map<String, Object>> tickers(WebSocketClient client, int n) {
        List<Map<String, Object>> tickers = new ArrayList<>();
        while (tickers.size() < n) {
            tickers.add(client.nextJson("ticker"));
        }
        return tickers;
    }

    <T extends AutoCloseable> T track(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** Subscribes and consumes the ack (and the snapshot, when one is asked for). */
    static void subscribe(WebSocketClient client, String productsJson, boolean snapshot) {
        client.send("{\"type\":\"subscribe\",\"products\":" + productsJson + ",\"snapshot\":" + snapshot + "}");
        client.nextJson("subscriptions");
        if (snapshot) {
            client.nextJson("snapshot");
        }
    }

    /** Proves nothing else is queued for the client: the pong must be the very next message. */
    static void assertNothingElsePending(WebSocketClient client) {
        client.send("{\"type\":\"ping\"}");
        Json.map(client.nextJson("pong"));
    }

    @Override
    public void close() {
        synchronized (clients) {
            for (AutoCloseable c : clients) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already closed by the test
                }
            }
        }
        server.close(Duration.ofSeconds(3));
        market.close();
    }
}
