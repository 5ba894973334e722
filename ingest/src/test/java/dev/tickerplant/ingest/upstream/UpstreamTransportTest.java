package dev.tickerplant.ingest.upstream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.ingest.catalog.Product;
import dev.tickerplant.ingest.plan.ShardPlanner;
import dev.tickerplant.ingest.ring.MarketState;
import dev.tickerplant.ingest.ring.TickRing;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.transport.Transport;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Upstream connections run on the transport they are given: the sessions' event loops are of that transport, and a
 * channel registers only on loops of its own transport, so a session that streams proves its channels are too.
 */
@EndToEnd
class UpstreamTransportTest {
    private static final List<String> PRODUCTS = List.of("AAA-USD", "BBB-USD");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sessionsStreamOnTheTransportGiven(Transport transport) {
        assumeTrue(loads(transport), () -> transport + " cannot load here");
        streamAndCheck(transport, transport);
    }

    /** Where the shipped native library fits (Linux x86_64), auto is epoll. */
    @Test
    void autoIsEpollOnLinuxElseNio() {
        Transport auto = Transport.choose("auto");
        Transport expected = linuxX86() ? Transport.EPOLL : auto;
        assertSame(expected, auto);
        streamAndCheck(auto, expected);
    }

    private static void streamAndCheck(Transport given, Transport expected) {
        try (ScriptedFeed feed = new ScriptedFeed(PRODUCTS)) {
            TickRing ring = new TickRing(1 << 10, new MarketState(PRODUCTS),
                    new DefaultThreadFactory("transport-consumer", true));
            ring.start();
            List<Product> products = PRODUCTS.stream()
                    .map(id -> new Product(id, id.substring(0, 3), "USD", true, true, "", BigDecimal.ONE)).toList();
            UpstreamConductor conductor = new UpstreamConductor(new ShardPlanner().plan(products, 15, Set.of()), 1,
                    new UpstreamOptions(feed.uri(), CoinbaseProtocol.ADVANCED_TRADE, Duration.ofSeconds(5),
                            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20),
                            Duration.ofSeconds(60), 1 << 16, Duration.ofSeconds(10)),
                    Optional.empty(), ring, new RateLimiter("connect", 8, System::nanoTime),
                    new RateLimiter("subscribe", 8, System::nanoTime),
                    Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200), 2.0), () -> null, given, 1);
            try {
                assertSame(expected, conductor.transport());
                conductor.start();
                UpstreamStats stats = conductor.stats().get(0);
                await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                        stats.ackedProducts() == PRODUCTS.size(), () -> "the ack: " + stats.state()));
                PRODUCTS.forEach(product -> feed.sendTicker(product, "1.0"));
                await().atMost(DEADLINE).untilAsserted(() -> assertTrue(
                        stats.streaming() && stats.flowingProducts() == PRODUCTS.size(),
                        () -> "streaming: " + stats.state() + ", flowing " + stats.flowingProducts()));
                for (UpstreamSession session : conductor.sessions()) {
                    assertTrue(((IoEventLoop) conductor.loopOf(session)).isIoType(handlerOf(expected)),
                            session.name() + " runs on " + expected);
                }
            } finally {
                conductor.close(2000);
                ring.close();
            }
        }
    }

    private static boolean loads(Transport transport) {
        return switch (transport) {
            case EPOLL -> Epoll.isAvailable();
            case IO_URING -> IoUring.isAvailable();
            case NIO -> true;
        };
    }

    private static Class<? extends IoHandler> handlerOf(Transport transport) {
        return switch (transport) {
            case EPOLL -> EpollIoHandler.class;
            case IO_URING -> IoUringIoHandler.class;
            case NIO -> NioIoHandler.class;
        };
    }

    private static boolean linuxX86() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
