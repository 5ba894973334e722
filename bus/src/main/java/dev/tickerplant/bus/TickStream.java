package dev.tickerplant.bus;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream stream that holds the ticks: created by the first node that needs it, brought in line with the settings
 * by any later one. Replicas, retention and the duplicate window are the stream's; each node applies its own settings,
 * so nodes of one deployment should agree on them.
 */
final class TickStream {
    private static final Logger log = LoggerFactory.getLogger(TickStream.class);
    /** JetStream's error code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;
    /** ... and for "stream name already in use" (two nodes creating it at once). */
    private static final int STREAM_NAME_IN_USE = 10058;

    private TickStream() {
    }

    static StreamConfiguration configuration(BusOptions options) {
        return StreamConfiguration.builder()
                .name(options.stream())
                .subjects(options.subjects().allTickers())
                .storageType(StorageType.File)
                .replicas(options.replicas())
                .maxAge(options.maxAge())
                .maxMessagesPerSubject(options.maxMsgsPerSubject())
                .duplicateWindow(options.duplicateWindow())
                .discardPolicy(DiscardPolicy.Old)
                .build();
    }

    /** Creates the stream, or updates it when its settings differ; returns its state afterwards. */
    static StreamInfo ensure(Connection connection, BusOptions options) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        StreamConfiguration wanted = configuration(options);
        StreamInfo existing;
        try {
            existing = jsm.getStreamInfo(options.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            StreamInfo created;
            try {
                created = jsm.addStream(wanted);
            } catch (JetStreamApiException raced) {
                if (raced.getApiErrorCode() != STREAM_NAME_IN_USE) {
                    throw raced;
                }
                return jsm.getStreamInfo(options.stream()); // another node created it a moment ago
            }
            log.info("bus: created stream {} on {} ({} replicas, max age {}, {} per product, duplicate window {})",
                    options.stream(), options.subjects().allTickers(), options.replicas(), options.maxAge(),
                    options.maxMsgsPerSubject(), options.duplicateWindow());
            return created;
        }
        StreamConfiguration have = existing.getConfiguration();
        if (!have.getSubjects().equals(List.of(options.subjects().allTickers()))
                || have.getReplicas() != options.replicas() || !have.getMaxAge().equals(options.maxAge())
                || have.getMaxMsgsPerSubject() != options.maxMsgsPerSubject()
                || !have.getDuplicateWindow().equals(options.duplicateWindow())) {
            try {
                StreamInfo updated = jsm.updateStream(wanted);
                log.info("bus: updated stream {} to the settings ({} replicas, max age {}, {} per product)",
                        options.stream(), options.replicas(), options.maxAge(), options.maxMsgsPerSubject());
                return updated;
            } catch (JetStreamApiException e) {
                log.warn("bus: stream {} differs from the settings and cannot be updated ({}); using it as it is",
                        options.stream(), e.getMessage());
            }
        }
        return existing;
    }
}
