package dev.tickerplant.testing.nats;

import static dev.tickerplant.testing.nats.NatsTesting.STREAM;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.Replica;
import io.nats.client.api.StreamInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@EndToEnd
class NatsClusterTest {

    /** Room for a stream leader election after a kill on a loaded machine; no figure is asserted on it. */
    private static final Duration FAILOVER = Duration.ofSeconds(60);

    @Test
    void aReplicatedStreamOutlivesItsLeaderAndTheLeaderRejoins() throws Exception {
        try (NatsCluster cluster = NatsCluster.start(3)) {
            cluster.awaitReady();
            assertEquals(Set.of("tickerplant-1", "tickerplant-2", "tickerplant-3"),
                    cluster.servers().stream().map(NatsServerProcess::name).collect(Collectors.toSet()));
            assertEquals(cluster.servers().stream().map(NatsServerProcess::clientUrl).toList(),
                    List.of(cluster.clientUrls().split(",")));
            cluster.servers().forEach(server -> assertNotEquals(4222, server.clientPort()));

            try (Connection connection = NatsTesting.connect(cluster.clientUrls())) {
                JetStreamManagement management = NatsTesting.management(connection);
                JetStream jetStream = connection.jetStream(NatsTesting.PATIENT);
                StreamInfo created = NatsTesting.addTicksStream(connection, 3);
                assertEquals(3, created.getConfiguration().getReplicas());
                assertEquals(1, publish(jetStream, "ticks.BTC-USD", "before").getSeqno());

                String leaderName = await("stream leader").until(
                        () -> management.getStreamInfo(STREAM).getClusterInfo().getLeader(),
                        leader -> leader != null && !leader.isEmpty());
                NatsServerProcess leader = cluster.servers().stream()
                        .filter(server -> server.name().equals(leaderName)).findFirst().orElseThrow();
                leader.kill();
                assertFalse(leader.isRunning());

                // The same message id makes a retry after a lost ack a duplicate rather than a second message.
                PublishAck afterKill = await("publish acked without " + leaderName).atMost(FAILOVER)
                        .ignoreExceptions()
                        .until(() -> publish(jetStream, "ticks.ETH-USD", "after"), ack -> ack.getSeqno() == 2);
                assertEquals(STREAM, afterKill.getStream());
                assertArrayEquals(bytes("before"), management.getMessage(STREAM, 1).getData());
                assertArrayEquals(bytes("after"), management.getMessage(STREAM, 2).getData());
                assertNotEquals(leaderName, management.getStreamInfo(STREAM).getClusterInfo().getLeader());

                leader.restart();
                cluster.awaitReady();

                await("the restarted server's replica current").atMost(FAILOVER).ignoreExceptions().untilAsserted(
                        () -> assertAllReplicasCurrent(management.getStreamInfo(STREAM).getClusterInfo()));
                // Its own store has caught up with what was published while it was down.
                await(leaderName + " holds both messages").atMost(FAILOVER).ignoreExceptions().until(
                        () -> jsz(leader).path("messages").asLong() == 2);
            }
        }
    }

    @Test
    void aRoutePortTakenBeforeItsServerStartsIsReportedAsSuch() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Integer> routePorts = new ArrayList<>(List.of(taken.getLocalPort()));
            try (ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket third = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                routePorts.add(second.getLocalPort());
                routePorts.add(third.getLocalPort());
            }

            // What start() retries on, with fresh ports: the server exits as soon as it cannot bind its route port.
            NatsStartException failure = assertThrows(NatsStartException.class,
                    () -> NatsCluster.launch("taken", routePorts));

            assertTrue(failure.addressInUse(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("nats-server taken-1 exited with status 1"),
                    failure.getMessage());
        }
    }

    @Test
    void aClusterOfOneIsRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> NatsCluster.start(1));

        assertEquals("size: 1 (expected >= 2; one server is a NatsServerProcess)", refused.getMessage());
    }

    private static PublishAck publish(JetStream jetStream, String subject, String body) throws Exception {
        return jetStream.publish(subject, bytes(body), PublishOptions.builder().messageId(body).build());
    }

    private static void assertAllReplicasCurrent(ClusterInfo cluster) {
        assertTrue(cluster.getLeader() != null && !cluster.getLeader().isEmpty(), cluster.toString());
        List<Replica> replicas = cluster.getReplicas();
        assertEquals(2, replicas.size(), cluster.toString());
        replicas.forEach(replica -> assertTrue(replica.isCurrent() && !replica.isOffline(), cluster.toString()));
    }

    private static JsonNode jsz(NatsServerProcess server) {
        return Json.tree(Http.get(URI.create(server.monitoringUrl() + "/jsz")).body());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
