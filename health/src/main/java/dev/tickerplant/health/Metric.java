package dev.tickerplant.health;

import static io.prometheus.metrics.model.registry.MetricType.COUNTER;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static io.prometheus.metrics.model.registry.MetricType.INFO;

import io.prometheus.metrics.model.registry.MetricType;

/**
 * Every fixed metric family /metrics exports, with its type and help text: the one list that registration, the name
 * clash check for latency recorders and the documentation follow. Latency summaries are added per recorder.
 *
 * <p>Names are the ones the text format 0.0.4 shows. Counters keep their {@code _total}: the Prometheus client takes
 * it off for the family name and writes it back on every sample, so the text format is unchanged and OpenMetrics
 * names the family without it, as that format requires.
 */
enum Metric {
    UP("up", GAUGE, "1 while the daemon serves requests."),
    BUILD_INFO("build_info", INFO, "Always 1; the version label names the running build."),
    UPTIME("uptime_seconds", GAUGE, "Seconds since the daemon started."),
    HEALTH_STATUS("health_status", GAUGE,
            "1 for the status /health reports (label status: ready, degraded or down), 0 for the others."),
    COVERAGE("coverage_ratio", GAUGE, "Planned products receiving data on a streaming connection, as a share."),
    CONNECTIONS_STREAMING("upstream_connections_streaming", GAUGE,
            "Upstream connections whose subscriptions are acked."),
    CONNECTIONS("upstream_connections", GAUGE, "Upstream connections in the shard plan."),
    PRODUCTS_RECEIVING("products_receiving", GAUGE, "Products confirmed flowing on streaming connections."),
    PRODUCTS_PLANNED("products_planned", GAUGE, "Products in the shard plan."),
    PRODUCTS_ACTIVE("products_active", GAUGE, "Products with at least one accepted tick since start."),

    UPSTREAM_STREAMING("upstream_streaming", GAUGE, "1 while the connection is streaming, else 0."),
    UPSTREAM_PRODUCTS("upstream_products", GAUGE, "Products the connection subscribes to."),
    UPSTREAM_FLOWING("upstream_products_flowing", GAUGE,
            "Products that delivered data on the connection's current link."),
    UPSTREAM_LAST_FRAME_AGE("upstream_last_frame_age_seconds", GAUGE,
            "Seconds since the connection's last frame; absent before the first."),
    UPSTREAM_FRAMES("upstream_frames_total", COUNTER, "WebSocket frames received."),
    UPSTREAM_TICKERS("upstream_tickers_total", COUNTER, "Tickers decoded and offered to the ring."),
    UPSTREAM_HEARTBEATS("upstream_heartbeats_total", COUNTER, "Heartbeat messages received."),
    UPSTREAM_SEQUENCE_GAPS("upstream_sequence_gaps_total", COUNTER,
            "Times sequence_num jumped ahead (messages lost upstream)."),
    UPSTREAM_MISSED("upstream_missed_messages_total", COUNTER, "Messages skipped over by sequence gaps."),
    UPSTREAM_OUT_OF_ORDER("upstream_out_of_order_total", COUNTER, "Messages whose sequence_num went backwards."),
    UPSTREAM_RECONNECTS("upstream_reconnects_total", COUNTER, "Reconnects scheduled after the link closed."),
    UPSTREAM_GOING_AWAY("upstream_going_away_total", COUNTER,
            "Links the exchange closed with 1001 going away (deploys); only those past 3 a minute back off."),
    UPSTREAM_MALFORMED("upstream_malformed_frames_total", COUNTER, "Frames skipped as malformed."),
    UPSTREAM_ERRORS("upstream_error_messages_total", COUNTER, "Error messages sent by the exchange."),
    UPSTREAM_WATCHDOG("upstream_watchdog_expiries_total", COUNTER,
            "Links closed because no frame arrived in time."),
    UPSTREAM_ROTATIONS("upstream_rotations_total", COUNTER, "Make-before-break link replacements started."),
    UPSTREAM_CONNECT_ATTEMPTS("upstream_connect_attempts_total", COUNTER, "TCP connects started."),

    LEG_STREAMING("leg_connections_streaming", GAUGE,
            "Streaming connections of a redundant leg (label leg: a or b); only with redundancy 2."),
    LEG_WINS("leg_wins_total", COUNTER,
            "Ticks a redundant leg delivered first (label leg: a or b); only with redundancy 2."),
    LEG_LOSSES("leg_losses_total", COUNTER,
            "Copies a redundant leg delivered after the other leg had (label leg: a or b); only with redundancy 2."),

    RING_CAPACITY("ring_capacity", GAUGE, "Slots in the tick ring."),
    RING_FILL("ring_fill_ratio", GAUGE, "Share of the tick ring's slots not yet consumed."),
    RING_PUBLISHED("ring_published_total", COUNTER, "Ticks published into the ring."),
    RING_DROPPED("ring_dropped_total", COUNTER, "Ticks dropped because the ring was full."),
    TICKS_ACCEPTED("ticks_accepted_total", COUNTER, "Ticks accepted by the consumer (global sequence numbers)."),
    TICKS_DUPLICATES("ticks_duplicates_total", COUNTER,
            "Ticks dropped as duplicates (rotation overlap, repeated frames)."),

    SUBSCRIBERS("subscribers", GAUGE, "Downstream WebSocket clients connected."),
    FANOUT_MESSAGES("fanout_messages_sent_total", COUNTER, "Frames written to downstream clients."),
    FANOUT_CONFLATED("fanout_conflated_drops_total", COUNTER,
            "Ticks a slow client never received because a newer one replaced them."),
    FANOUT_BACKLOG("fanout_backlog_batches", GAUGE,
            "Tick batches waiting for the fanout event loop furthest behind (0 when all keep up)."),
    FANOUT_COALESCED("fanout_coalesced_batches_total", COUNTER,
            "Tick batches written together with the next one because their event loop was behind."),
    FANOUT_FLUSHES("fanout_client_flushes_total", COUNTER,
            "Client sockets flushed by the tick dispatch (at most one per client per loop turn, however many ticks)."),
    FANOUT_COMMAND_ERRORS("fanout_command_errors_total", COUNTER, "Client commands answered with an error."),
    FANOUT_SLOW_CLIENTS_CLOSED("fanout_slow_clients_closed_total", COUNTER,
            "Clients disconnected for being too slow."),
    HTTP_SLOW_REQUESTS_CLOSED("http_slow_requests_closed_total", COUNTER,
            "Connections closed because a request did not arrive whole, or a WebSocket upgrade did not complete, "
                    + "within http-request-timeout."),

    // Only on a node that follows products from the catalog (roles all and ingest).
    CATALOG_REFRESHES("catalog_refreshes_total", COUNTER,
            "Catalog refreshes since start (label result: ok, applied; failed, nothing changed)."),
    CATALOG_LAST_REFRESH("catalog_last_refresh_timestamp_seconds", GAUGE,
            "Unix time of the last catalog refresh applied; 0 before the first."),
    PRODUCTS_FOLLOWED("products_followed", GAUGE,
            "Products followed now, after catalog refreshes, reloads and operator changes."),

    // Only on a node that uses the bus (scale-out).
    BUS_CONNECTED("bus_connected", GAUGE, "1 while connected to a NATS server of the bus, else 0."),
    BUS_UNREACHABLE("bus_unreachable_seconds", GAUGE, "Seconds the bus has been unreachable; 0 while connected."),
    BUS_STORED("bus_published_total", COUNTER, "Ticks this node published that the stream stored."),
    BUS_DUPLICATES("bus_duplicates_total", COUNTER,
            "Ticks this node published that the stream already had (another ingest node's copy)."),
    BUS_RETRIED("bus_publish_retries_total", COUNTER, "Publishes sent again after a failure or a missing ack."),
    BUS_DROPPED("bus_dropped_total", COUNTER,
            "Ticks dropped at the bus: the publish buffer was full while the bus could not take them."),
    BUS_PENDING_ACKS("bus_pending_acks", GAUGE, "Publishes awaiting their ack."),
    BUS_BUFFERED("bus_buffered", GAUGE, "Ticks waiting to be published."),
    BUS_DELIVERED("bus_delivered_total", COUNTER, "Ticks a fanout node read off the stream."),
    BUS_LAST_SEQ("bus_last_seq", GAUGE, "Stream sequence of the last tick a fanout node read."),
    BUS_LAG("bus_consumer_lag", GAUGE, "Ticks in the stream a fanout node has not read yet."),
    BUS_MALFORMED("bus_malformed_total", COUNTER, "Stream messages a fanout node could not read as a ticker; skipped.");

    static final String PREFIX = "tickerplant_";

    private final String familyName;
    private final MetricType type;
    private final String help;

    Metric(String suffix, MetricType type, String help) {
        this.familyName = PREFIX + suffix;
        this.type = type;
        this.help = help;
    }

    String familyName() {
        return familyName;
    }

    /** Counter, gauge or info (an info family is a gauge of value 1 in the text format 0.0.4). */
    MetricType type() {
        return type;
    }

    String help() {
        return help;
    }
}
