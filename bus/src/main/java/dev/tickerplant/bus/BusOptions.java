package dev.tickerplant.bus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node reaches the bus and what the tick stream looks like. Validated by the settings; the checks here only guard
 * against programming errors.
 *
 * @param servers              NATS server URLs, e.g. {@code nats://10.0.0.5:4222}; the client picks among them
 * @param credentialsFile      a NATS {@code .creds} file (JWT and NKey seed), when the servers ask for one
 * @param tlsCaFile            a PEM CA bundle to verify {@code tls://} servers with, instead of the JVM's trust store
 * @param nodeName             this node's name on the bus: its status subject and the client's connection name
 * @param stream               the JetStream stream holding the ticks
 * @param subjectPrefix        first tokens of every subject, e.g. {@code tickerplant}
 * @param replicas             stream replicas (1 on a single server, 3 on a three-server cluster)
 * @param maxAge               ticks older than this leave the stream
 * @param maxMsgsPerSubject    ticks kept per product
 * @param duplicateWindow      how long the stream remembers message ids: two ingest nodes' copies of one tick arriving
 *                             further apart than this are both kept
 * @param publishBuffer        ticks held until the stream acks them (queued, in flight, to be retried); beyond it,
 *                             ticks are counted as dropped
 * @param maxPendingAcks       publishes in flight awaiting their ack
 * @param unreachableThreshold a fanout node's health turns down once the bus has been unreachable this long
 */
public record BusOptions(List<String> servers, Optional<Path> credentialsFile, Optional<Path> tlsCaFile,
                         String nodeName, String stream, String subjectPrefix, int replicas, Duration maxAge,
                         long maxMsgsPerSubject, Duration duplicateWindow, int publishBuffer, int maxPendingAcks,
                         Duration unreachableThreshold) {

    public BusOptions {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("servers: empty (expected: at least one nats:// or tls:// URL)");
        }
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(tlsCaFile, "tlsCaFile");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(unreachableThreshold, "unreachableThreshold");
        if (replicas < 1 || publishBuffer < 1 || maxPendingAcks < 1 || maxMsgsPerSubject < 1) {
            throw new IllegalArgumentException("replicas, publishBuffer, maxPendingAcks, maxMsgsPerSubject: "
                    + replicas + ", " + publishBuffer + ", " + maxPendingAcks + ", " + maxMsgsPerSubject
                    + " (expected: each >= 1)");
        }
    }

    /** The defaults of the settings, for one node on {@code servers}. */
    public static BusOptions defaults(List<String> servers, String nodeName) {
        return new BusOptions(servers, Optional.empty(), Optional.empty(), nodeName, "TICKERPLANT", "tickerplant", 1,
                Duration.ofHours(24), 100_000, Duration.ofMinutes(2), 65_536, 4_096, Duration.ofSeconds(10));
    }

    public Subjects subjects() {
        return new Subjects(subjectPrefix);
    }
}
