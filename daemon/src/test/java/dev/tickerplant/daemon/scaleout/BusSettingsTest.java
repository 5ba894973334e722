package dev.tickerplant.daemon.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.nats.NatsCluster;
import dev.tickerplant.testing.nats.NatsServerProcess;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale-out settings reach the bus: the stream's shape, the subjects and headers, the credentials. */
@EndToEnd
class BusSettingsTest {
    private static final String STREAM = "DESK_TICKS";
    private static final String PREFIX = "desk1.tp";

    @TempDir
    Path dir;

    @Test
    void theStreamSubjectsAndMessageIdsAreTheConfiguredOnes() throws Exception {
        try (NatsCluster cluster = NatsCluster.start("settings", 3);
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100).withSeed(19));
             ScaleOutRig rig = new ScaleOutRig(sim, cluster.clientUrls(), dir)) {
            cluster.awaitReady();
            try (StreamProbe stream = new StreamProbe(cluster.server(0).clientUrl(), STREAM)) {
                // A plain subscriber, as any NATS client would see the ticks go by.
                List<Message> seen = new CopyOnWriteArrayList<>();
                Dispatcher plain = stream.connection().createDispatcher(seen::add);
                plain.subscribe(PREFIX + ".ticker.>");
                stream.connection().flush(Duration.ofSeconds(5));

                String[] settings = {"--nats-stream", STREAM, "--nats-subject-prefix", PREFIX, "--nats-replicas", "2",
                        "--nats-max-age", "3h", "--nats-max-msgs-per-subject", "5000",
                        "--nats-duplicate-window", "45s"};
                Daemon ingest = rig.ingest("ingest-1", settings);
                Daemon fanout = rig.fanout("fanout-1", settings);
                ScaleOutRig.awaitStreaming(ingest);
                Set<String> products = ScaleOutRig.products(ingest);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(products,
                        seen.stream().map(m -> m.getSubject().substring((PREFIX + ".ticker.").length()))
                                .collect(Collectors.toSet()), "a subject per product"));

                StreamConfiguration config = stream.configuration();
                assertEquals(List.of(STREAM), stream.streamNames(), "no stream under the default name");
                assertEquals(List.of(PREFIX + ".ticker.>"), config.getSubjects());
                assertEquals(2, config.getReplicas());
                assertEquals(Duration.ofHours(3), config.getMaxAge());
                assertEquals(5000, config.getMaxMsgsPerSubject());
                assertEquals(Duration.ofSeconds(45), config.getDuplicateWindow());

                Set<String> ids = new HashSet<>();
                for (Message m : List.copyOf(seen)) {
                    String product = (String) Json.object(new String(m.getData(), StandardCharsets.UTF_8))
                            .get("product_id");
                    assertEquals(PREFIX + ".ticker." + product, m.getSubject());
                    assertNotNull(m.getHeaders(), m.getSubject() + " has no headers");
                    String id = m.getHeaders().getFirst("Nats-Msg-Id");
                    // Advanced Trade ticks carry no sequence: their id is the product and the content key.
                    assertTrue(id != null && id.startsWith(product + "#"), () -> m.getSubject() + " id " + id);
                    assertTrue(ids.add(id), () -> "id " + id + " twice");
                }

                // The fanout node follows the stream of that name on those subjects.
                try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                    subscriber.awaitSeq(stream.lastSeq() + 50, Duration.ofSeconds(30));
                }
            }
        }
    }

    @Test
    void aServerThatAsksForCredentialsLetsTheNodeInWithItsCredentialsFile() throws Exception {
        NKey user = NKey.createUser(null);
        NKey account = NKey.createAccount(null);
        Path creds = dir.resolve("ingest.creds");
        Files.writeString(creds, String.format(JwtUtils.NATS_USER_JWT_FORMAT,
                JwtUtils.issueUserJWT(account, new String(account.getPublicKey()),
                        new String(user.getPublicKey()), "ingest"),
                new String(user.getSeed())));
        // The server knows the user by its public NKey: only a client that signs its nonce with the seed gets in.
        Path config = dir.resolve("auth.conf");
        Files.writeString(config, "authorization { users = [ { nkey: \"" + new String(user.getPublicKey())
                + "\" } ] }\n");
        try (NatsServerProcess nats = NatsServerProcess.start("auth", List.of("-c", config.toString()));
             Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100).withSeed(23));
             ScaleOutRig rig = new ScaleOutRig(sim, nats.clientUrl(), dir)) {
            IOException refused = assertThrows(IOException.class, () -> Nats.connect(new Options.Builder()
                    .server(nats.clientUrl()).maxReconnects(0).build()).close());
            assertTrue(String.valueOf(refused.getMessage()).contains("Authorization Violation"),
                    refused::toString);

            Daemon ingest = rig.ingest("ingest-1", "--nats-credentials-file", creds.toString());
            Daemon fanout = rig.fanout("fanout-1", "--nats-credentials-file", creds.toString());
            ScaleOutRig.awaitStreaming(ingest);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.busFigures().stored() > 50);
            try (TickCollector subscriber = TickCollector.subscribe(fanout.fanout().port(), null)) {
                subscriber.awaitSeq(ingest.busFigures().stored() + 50, Duration.ofSeconds(30));
            }
            try (StreamProbe stream = new StreamProbe(new Options.Builder().server(nats.clientUrl())
                    .authHandler(Nats.credentials(creds.toString())).build(), "TICKERPLANT")) {
                assertTrue(stream.lastSeq() > 50, "the ticks are in the stream");
            }
        }
    }
}
