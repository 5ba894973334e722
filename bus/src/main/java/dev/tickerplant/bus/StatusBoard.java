package dev.tickerplant.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickerplant.fanout.ConnectionStatus;
import dev.tickerplant.ingest.ring.ProductSetListener;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>It also follows what the ingest nodes follow: a product that an ingest node's connections stop carrying from one
 * report to the next (a catalog refresh found it delisted, an operator removed it), and that no other node carries, has
 * left the followed set, and the {@link ProductSetListener} is told; one that a report carries again has come back. A
 * node that falls silent takes nothing out of the set: that is an outage, reported as stale, not a removal.
 */
public final class StatusBoard implements Supplier<List<ConnectionStatus>>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MISSED_INTERVALS = 3;

    private final Map<String, Heard> nodes = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private volatile ProductSetListener productSet = (added, removed, reason) -> { };
    private volatile Dispatcher dispatcher;
    private volatile Connection connection;

    public StatusBoard(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Told when the products the ingest nodes follow change; on the dispatcher's thread. */
    public StatusBoard onProductsChanged(ProductSetListener listener) {
        this.productSet = listener;
        return this;
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
            Heard before = nodes.put(status.node(), new Heard(status, nanoTime.getAsLong()));
            if (before == null) {
                log.info("bus: ingest node {} reports {} connections", status.node(), status.connections().size());
            } else {
                followChanges(status.node(), products(before.status), products(status));
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

    /** Tells the listener what left the products of {@code node} and no other node carries, and what came back. */
    private void followChanges(String node, Set<String> before, Set<String> now) {
        Set<String> elsewhere = new HashSet<>();
        nodes.forEach((other, heard) -> {
            if (!other.equals(node)) {
                elsewhere.addAll(products(heard.status));
            }
        });
        List<String> left = before.stream().filter(id -> !now.contains(id) && !elsewhere.contains(id)).sorted()
                .toList();
        List<String> joined = now.stream().filter(id -> !before.contains(id)).sorted().toList();
        if (!left.isEmpty() || !joined.isEmpty()) {
            productSet.onProductsChanged(joined, left, "no ingest node follows it any more (delisted, or removed by "
                    + "an operator)");
        }
    }

    private static Set<String> products(NodeStatus status) {
        Set<String> ids = new HashSet<>();
        status.connections().forEach(c -> ids.addAll(c.products()));
        return ids;
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
