package dev.tickerplant.daemon;

import dev.tickerplant.bus.AlertPublisher;
import dev.tickerplant.bus.BusConnection;
import dev.tickerplant.bus.BusFeed;
import dev.tickerplant.bus.FeedFigures;
import dev.tickerplant.bus.PublishFigures;
import dev.tickerplant.bus.StatusBoard;
import dev.tickerplant.bus.StatusPublisher;
import dev.tickerplant.bus.TickPublisher;
import dev.tickerplant.fanout.http.RoutesServer;
import dev.tickerplant.health.BusFigures;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a node runs for the bus, by role: tick, status and alert publishers on a node with upstream connections, a feed
 * and a status board on a fanout node; plus, on an ingest node, the server of its HTTP routes. Any part may be null.
 */
record BusParts(BusConnection connection, TickPublisher publisher, StatusPublisher status, StatusBoard board,
                BusFeed feed, RoutesServer routesOnly, AlertPublisher alerts) {
    static final BusParts NONE = new BusParts(null, null, null, null, null, null, null);

    BusParts(BusConnection connection, TickPublisher publisher, StatusPublisher status, StatusBoard board,
             BusFeed feed) {
        this(connection, publisher, status, board, feed, null, null);
    }

    BusParts withAlerts(AlertPublisher alerts) {
        return new BusParts(connection, publisher, status, board, feed, routesOnly, alerts);
    }

    BusParts withStatus(StatusPublisher status) {
        return new BusParts(connection, publisher, status, board, feed, routesOnly, alerts);
    }

    BusParts withFeed(BusFeed feed) {
        return new BusParts(connection, publisher, status, board, feed, routesOnly, alerts);
    }

    BusParts withRoutesOnly(RoutesServer routesOnly) {
        return new BusParts(connection, publisher, status, board, feed, routesOnly, alerts);
    }

    /** One snapshot for health; only meaningful with a connection. */
    BusFigures figures() {
        PublishFigures p = publisher != null ? publisher.figures() : null;
        FeedFigures f = feed != null ? feed.figures() : null;
        return new BusFigures(p != null, board != null, connection.connected(),
                TimeUnit.NANOSECONDS.toMillis(connection.unreachableNanos()),
                connection.options().unreachableThreshold().toMillis(), connection.server(),
                p != null ? p.stored.sum() : 0, p != null ? p.duplicates.sum() : 0, p != null ? p.retried.sum() : 0,
                p != null ? p.dropped.sum() : 0, p != null ? p.pendingAcks() : 0, p != null ? p.buffered() : 0,
                f != null ? f.delivered() : 0, f != null ? f.lastSequence() : 0, f != null ? f.lag() : 0,
                f != null ? f.malformed() : 0, f != null && f.caughtUp(), board != null ? board.nodes() : 0);
    }

    /** First in a shutdown: no more HTTP answers (ingest) and no more ticks from the bus (fanout). */
    void closeRoutesAndFeed() {
        if (routesOnly != null) {
            routesOnly.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (board != null) {
            board.close();
        }
        if (status != null) {
            status.close();
        }
        if (alerts != null) {
            alerts.close();
        }
    }

    /** Last: what the publisher still holds goes out within {@code drain}, then the connection closes. */
    void close(Duration drain) {
        closeRoutesAndFeed();
        if (publisher != null) {
            publisher.close(drain);
        }
        if (connection != null) {
            connection.close();
        }
    }

    void close() {
        close(Duration.ZERO);
    }
}
