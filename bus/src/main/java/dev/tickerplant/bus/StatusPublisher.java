package dev.tickerplant.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickerplant.ingest.upstream.UpstreamConductor;
import dev.tickerplant.ingest.upstream.UpstreamSession;
import dev.tickerplant.ingest.upstream.UpstreamStats;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the bus, once per interval, what this ingest node's upstream connections are doing (core NATS, not stored). */
public final class StatusPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BusConnection bus;
    private final UpstreamConductor upstream;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bus-status");
        t.setDaemon(true);
        return t;
    });

    public StatusPublisher(BusConnection bus, UpstreamConductor upstream, Duration interval) {
        this.bus = bus;
        this.upstream = upstream;
        this.interval = interval;
    }

    public StatusPublisher start() {
        timer.scheduleAtFixedRate(this::publish, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void publish() {
        Connection connection = bus.connection().getNow(null);
        if (connection == null || !bus.connected()) {
            return;
        }
        try {
            NodeStatus status = new NodeStatus(bus.options().nodeName(), interval.toMillis(),
                    upstream.sessions().stream().map(StatusPublisher::report).toList());
            connection.publish(bus.options().subjects().status(bus.options().nodeName()), JSON.writeValueAsBytes(status));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("bus: status not published: {}", e.toString());
        }
    }

    static ConnectionReport report(UpstreamSession session) {
        UpstreamStats stats = session.stats();
        boolean streaming = stats.streaming();
        return new ConnectionReport(session.name(), stats.state().name(), streaming, session.products(),
                streaming ? Math.min(stats.flowingProducts(), session.products().size()) : 0, stats.lastCloseReason(),
                stats.reconnects.sum());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
