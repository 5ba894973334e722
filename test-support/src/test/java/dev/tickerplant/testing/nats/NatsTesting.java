package dev.tickerplant.testing.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;

/** jnats as the fixtures' tests use it: patient timeouts, for a loaded two-core machine. */
final class NatsTesting {

    static final String STREAM = "TICKS";
    static final JetStreamOptions PATIENT = JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(10)).build();

    private NatsTesting() {
    }

    /** Connects to any of the comma-separated URLs, and reconnects to the others for as long as the test runs. */
    static Connection connect(String urls) throws IOException, InterruptedException {
        return Nats.connect(Options.builder().servers(urls.split(",")).connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(100)).build());
    }

    static JetStreamManagement management(Connection connection) throws IOException {
        return connection.jetStreamManagement(PATIENT);
    }

    /** A file-backed stream of {@code ticks.>} with {@code replicas} copies. */
    static StreamInfo addTicksStream(Connection connection, int replicas) throws Exception {
        return management(connection).addStream(StreamConfiguration.builder().name(STREAM).subjects("ticks.>")
                .storageType(StorageType.File).replicas(replicas).build());
    }
}
