package dev.tickerplant.fanout;

import dev.tickerplant.fanout.http.HttpRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A started server on an ephemeral loopback port over a {@link TestMarket}, with a scripted upstream. */
final class Harness implements AutoCloseable {
    static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "ADA-USD",
            "XRP-USD", "LTC-USD", "AVAX-USD", "LINK-USD", "DOT-USD");

    final TestMarket market;
    final FanoutServer server;
    volatile List<ConnectionStatus> upstream = List.of(
            new ConnectionStatus("conn-01", "STREAMING", true, PRODUCTS.subList(0, 5), 5, "", 0),
            new ConnectionStatus("conn-02", "STREAMING", true, PRODUCTS.subList(5, 10), 5, "", 0));
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

    WsClient client() {
        return track(WsClient.welcomed(port()));
    }

    WsClient connect(String pathAndQuery) {
        return track(WsClient.connect(port(), pathAndQuery));
    }

    <T extends AutoCloseable> T track(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** Subscribes and consumes the ack (and the snapshot, when one is asked for). */
    static void subscribe(WsClient client, String productsJson, boolean snapshot) {
        client.send("{\"type\":\"subscribe\",\"products\":" + productsJson + ",\"snapshot\":" + snapshot + "}");
        client.next("subscriptions");
        if (snapshot) {
            client.next("snapshot");
        }
    }

    /** Proves nothing else is queued for the client: the pong must be the very next message. */
    static void assertNothingElsePending(WsClient client) {
        client.send("{\"type\":\"ping\"}");
        Json.map(client.next("pong"));
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
