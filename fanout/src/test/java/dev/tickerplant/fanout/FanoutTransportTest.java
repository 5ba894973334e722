package dev.tickerplant.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickerplant.testing.WebSocketClient;
import dev.tickerplant.transport.Transport;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server runs on the transport in its options. Its worker loops are of that transport, and an accepted channel
 * registers only on loops of its own transport, so a client that gets its ticks proves the server channel (and with
 * it the accept loop) is of that transport too.
 */
class FanoutTransportTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientsAreServedOnTheTransportGiven(Transport transport) {
        assumeTrue(loads(transport), () -> transport + " cannot load here");
        serveAndCheck(Harness.options().withTransport(transport), transport);
    }

    /** The defaults are the process's choice: epoll where the shipped native library fits (Linux x86_64). */
    @Test
    void defaultsAreEpollOnLinux() {
        FanoutOptions defaults = FanoutOptions.defaults();
        assumeTrue(System.getProperty(Transport.PROPERTY) == null, "the transport is overridden for this run");
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean linuxX86 = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
        Transport expected = linuxX86 ? Transport.EPOLL : defaults.transport();
        assertSame(expected, defaults.transport());
        serveAndCheck(defaults, expected);
    }

    private static void serveAndCheck(FanoutOptions options, Transport expected) {
        try (Harness harness = new Harness(options)) {
            for (LoopFanout loop : harness.server.loops()) {
                assertTrue(((IoEventLoop) loop.loop).isIoType(handlerOf(expected)), "worker loop of " + expected);
            }
            WebSocketClient client = harness.client();
            Harness.subscribe(client, "[\"BTC-USD\"]", false);
            long seq = harness.market.tick("BTC-USD", "42");
            Map<String, Object> ticker = client.nextJson("ticker");
            assertEquals(seq, ((Number) ticker.get("seq")).longValue());
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
}
