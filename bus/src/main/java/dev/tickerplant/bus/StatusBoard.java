package dev.tickerplant.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickerplant.fanout.ConnectionStatus;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fanout node's picture of the upstream: the connections every ingest node last reported, named
 * {@code <node>/<connection>}. A node silent for {@link #MISSED_INTERVALS} of its intervals is dropped with its
 * connections, so the products only it carried show as carried by no one (the subscribers' status says so).
 */
public final class StatusBoard implements Supplier<List<ConnectionStatus>>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MISSED_INTERVALS = 3;

    private final Map<String, Heard> nodes = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private volatile Dispatcher dispatcher;
    private volatile Connection connection;

    public StatusBoard(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Subscribes once the bus connection is there (at once when it already is). */
    public StatusBoard start(BusConnection bus) {
        bus.connection().thenAccept(connection -> subscribe(connection, bus.options().subjects()));
        return this;
    }

    private void subscribe(Connection connection, Subjects subjects) {
        Dispatcher d = connection.createDispatcher(this::onMessage);
        d.subscribe(subjects.allStatus());
        dispatcher = d;
        this.connection = connection;
    }

    void onMessage(Message message) {
        try {
            NodeStatus status = JSON.readValue(message.getData(), NodeStatus.class);
            if (nodes.put(status.node(), new Heard(status, nanoTime.getAsLong())) == null) {
                log.info("bus: ingest node {} reports {} connections", status.node(), status.connections().size());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("bus: unreadable status on {}: {}", message.getSubject(), e.getMessage());
        }
    }

    /** The connections of every ingest node heard from recently. */
    @Override
    public List<ConnectionStatus> get() {
        long now = nanoTime.getAsLong();
        List<ConnectionStatus> all = new ArrayList<>();
        for (Map.Entry<String, Heard> e : nodes.entrySet()) {
            Heard heard = e.getValue();
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(now - heard.atNanos);
            if (silentMillis > MISSED_INTERVALS * Math.max(1, heard.status.intervalMillis())) {
                if (nodes.remove(e.getKey(), heard)) {
                    log.warn("bus: ingest node {} silent for {} ms; its {} connections no longer count", e.getKey(),
                            silentMillis, heard.status.connections().size());
                }
                continue;
            }
            for (ConnectionReport c : heard.status.connections()) {
                all.add(new ConnectionStatus(heard.status.node() + "/" + c.id(), c.state(), c.streaming(),
                        c.products(), c.productsReceiving(), c.lastCloseReason(), c.drops()));
            }
        }
        return all;
    }

    /** Ingest nodes heard from recently. */
    public int nodes() {
        return nodes.size();
    }

    @Override
    public synchronized void close() {
        Dispatcher d = dispatcher;
        Connection c = connection;
        dispatcher = null;
        if (d != null && c != null && d.isActive()) {
            c.closeDispatcher(d);
        }
    }

    private record Heard(NodeStatus status, long atNanos) {
    }
}
