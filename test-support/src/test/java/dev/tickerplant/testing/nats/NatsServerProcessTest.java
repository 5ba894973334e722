package dev.tickerplant.testing.nats;

import static dev.tickerplant.testing.nats.NatsTesting.STREAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsServerProcessTest {

    private static final byte[] TICK = "{\"product_id\":\"BTC-USD\",\"price\":\"97000.01\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aStreamStoresAndReturnsAMessage() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start("single");
             Connection connection = NatsTesting.connect(server.clientUrl())) {
            assertNotEquals(4222, server.clientPort());
            assertEquals("nats://127.0.0.1:" + server.clientPort(), server.clientUrl());
            NatsTesting.addTicksStream(connection, 1);

            PublishAck ack = connection.jetStream(NatsTesting.PATIENT).publish("ticks.BTC-USD", TICK);

            assertEquals(STREAM, ack.getStream());
            assertEquals(1, ack.getSeqno());
            MessageInfo stored = NatsTesting.management(connection).getMessage(STREAM, 1);
            assertEquals("ticks.BTC-USD", stored.getSubject());
            assertArrayEquals(TICK, stored.getData());
        }
    }

    @Test
    void restartComesBackOnTheSamePortWithTheStreamsData() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start("restarted")) {
            String url = server.clientUrl();
            try (Connection connection = NatsTesting.connect(url)) {
                NatsTesting.addTicksStream(connection, 1);
                JetStream jetStream = connection.jetStream(NatsTesting.PATIENT);
                jetStream.publish("ticks.ETH-USD", "first".getBytes(StandardCharsets.UTF_8));
                jetStream.publish("ticks.BTC-USD", TICK);
            }

            server.restart();

            assertTrue(server.isRunning());
            assertEquals(url, server.clientUrl());
            try (Connection connection = NatsTesting.connect(url)) {
                assertEquals(2, NatsTesting.management(connection).getStreamInfo(STREAM).getStreamState()
                        .getMsgCount());
                assertArrayEquals(TICK, NatsTesting.management(connection).getMessage(STREAM, 2).getData());
            }
        }
    }

    @Test
    void killEndsTheServerAndCloseDeletesItsStoreButKeepsItsLog() throws Exception {
        NatsServerProcess server = NatsServerProcess.start("killed");
        int port = server.clientPort();
        assertTrue(server.logTail(50).contains("Server is ready"), server.logTail(50));
        assertTrue(Files.isDirectory(server.storeDirectory()));

        server.kill();

        assertFalse(server.isRunning());
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        server.close();
        assertFalse(Files.exists(server.storeDirectory()));
        assertTrue(Files.exists(server.log()));
    }

    @Test
    void aServerThatDiesAtStartUpSaysWhyAndWhereItsLogIs() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // A later -p overrides the fixture's own, so the server finds its port taken.
            NatsStartException failure = assertThrows(NatsStartException.class, () -> NatsServerProcess.start(
                    "port-taken", List.of("-p", Integer.toString(taken.getLocalPort()))));

            assertTrue(failure.addressInUse(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("nats-server port-taken exited with status 1 before it was "
                    + "ready: "), failure.getMessage());
            assertTrue(failure.getMessage().contains("address already in use"), failure.getMessage());
            assertTrue(failure.getMessage().matches(".*; log: \\S+port-taken-\\S*\\.log"), failure.getMessage());
            assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        }
    }

    @Test
    void aServerNameThatIsNoFlagValueIsRefused() {
        assertEquals("serverName: \"two words\" (expected letters, digits, '-' or '_', e.g. nats-1)",
                assertThrows(IllegalArgumentException.class, () -> NatsServerProcess.start("two words"))
                        .getMessage());
    }
}
