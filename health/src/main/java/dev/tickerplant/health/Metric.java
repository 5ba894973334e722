package dev.tickerplant.health;

import java.util.Locale;

/**
 * Every fixed metric family /metrics exports, with its type and help text: the one list that rendering, the name
 * clash check for latency recorders and the documentation follow. Latency summaries are added per recorder.
 */
enum Metric {
    UP("up", Type.GAUGE, "1 while the daemon serves requests."),
    BUILD_INFO("build_info", Type.GAUGE, "Always 1; the version label names the running build."),
    UPTIME("uptime_seconds", Type.GAUGE, "Seconds since the daemon started."),
    HEALTH_STATUS("health_status", Type.GAUGE,
            "1 for the status /health reports (label status: ready, degraded or down), 0 for the others."),
    COVERAGE("coverage_ratio", Type.GAUGE, "Planned products receiving data on a streaming connection, as a share."),
    CONNECTIONS_STREAMING("upstream_connections_streaming", Type.GAUGE,
            "Upstream connections whose subscriptions are acked."),
    CONNECTIONS("upstream_connections", Type.GAUGE, "Upstream connections in the shard plan."),
    PRODUCTS_RECEIVING("products_receiving", Type.GAUGE, "Products confirmed flowing on streaming connections."),
    PRODUCTS_PLANNED("products_planned", Type.GAUGE, "Products in the shard plan."),
    PRODUCTS_ACTIVE("products_active", Type.GAUGE, "Products with at least one accepted tick since start."),

    UPSTREAM_STREAMING("upstream_streaming", Type.GAUGE, "1 while the connection is streaming, else 0."),
    UPSTREAM_PRODUCTS("upstream_products", Type.GAUGE, "Products the connection subscribes to."),
    UPSTREAM_FLOWING("upstream_products_flowing", Type.GAUGE,
            "Products that delivered data on the connection's current link."),
    UPSTREAM_LAST_FRAME_AGE("upstream_last_frame_age_seconds", Type.GAUGE,
            "Seconds since the connection's last frame; absent before the first."),
    UPSTREAM_FRAMES("upstream_frames_total", Type.COUNTER, "WebSocket frames received."),
    UPSTREAM_TICKERS("upstream_tickers_total", Type.COUNTER, "Tickers decoded and offered to the ring."),
    UPSTREAM_HEARTBEATS("upstream_heartbeats_total", Type.COUNTER, "Heartbeat messages received."),
    UPSTREAM_SEQUENCE_GAPS("upstream_sequence_gaps_total", Type.COUNTER,
            "Times sequence_num jumped ahead (messages lost upstream)."),
    UPSTREAM_MISSED("upstream_missed_messages_total", Type.COUNTER, "Messages skipped over by sequence gaps."),
    UPSTREAM_OUT_OF_ORDER("upstream_out_of_order_total", Type.COUNTER, "Messages whose sequence_num went backwards."),
    UPSTREAM_RECONNECTS("upstream_reconnects_total", Type.COUNTER, "Reconnects scheduled after the link closed."),
    UPSTREAM_MALFORMED("upstream_malformed_frames_total", Type.COUNTER, "Frames skipped as malformed."),
    UPSTREAM_ERRORS("upstream_error_messages_total", Type.COUNTER, "Error messages sent by the exchange."),
    UPSTREAM_WATCHDOG("upstream_watchdog_expiries_total", Type.COUNTER,
            "Links closed because no frame arrived in time."),
    UPSTREAM_ROTATIONS("upstream_rotations_total", Type.COUNTER, "Make-before-break link replacements started."),
    UPSTREAM_CONNECT_ATTEMPTS("upstream_connect_attempts_total", Type.COUNTER, "TCP connects started."),

    LEG_STREAMING("leg_connections_streaming", Type.GAUGE,
            "Streaming connections of a redundant leg (label leg: a or b); only with redundancy 2."),
    LEG_WINS("leg_wins_total", Type.COUNTER,
            "Ticks a redundant leg delivered first (label leg: a or b); only with redundancy 2."),
    LEG_LOSSES("leg_losses_total", Type.COUNTER,
            "Copies a redundant leg delivered after the other leg had (label leg: a or b); only with redundancy 2."),

    RING_CAPACITY("ring_capacity", Type.GAUGE, "Slots in the tick ring."),
    RING_FILL("ring_fill_ratio", Type.GAUGE, "Share of the tick ring's slots not yet consumed."),
    RING_PUBLISHED("ring_published_total", Type.COUNTER, "Ticks published into the ring."),
    RING_DROPPED("ring_dropped_total", Type.COUNTER, "Ticks dropped because the ring was full."),
    TICKS_ACCEPTED("ticks_accepted_total", Type.COUNTER, "Ticks accepted by the consumer (global sequence numbers)."),
    TICKS_DUPLICATES("ticks_duplicates_total", Type.COUNTER,
            "Ticks dropped as duplicates (rotation overlap, repeated frames)."),

    SUBSCRIBERS("subscribers", Type.GAUGE, "Downstream WebSocket clients connected."),
    FANOUT_MESSAGES("fanout_messages_sent_total", Type.COUNTER, "Frames written to downstream clients."),
    FANOUT_CONFLATED("fanout_conflated_drops_total", Type.COUNTER,
            "Ticks a slow client never received because a newer one replaced them."),
    FANOUT_BACKLOG("fanout_backlog_batches", Type.GAUGE,
            "Tick batches waiting for the fanout event loop furthest behind (0 when all keep up)."),
    FANOUT_COALESCED("fanout_coalesced_batches_total", Type.COUNTER,
            "Tick batches written together with the next one because their event loop was behind."),
    FANOUT_FLUSHES("fanout_client_flushes_total", Type.COUNTER,
            "Client sockets flushed by the tick dispatch (at most one per client per loop turn, however many ticks)."),
    FANOUT_COMMAND_ERRORS("fanout_command_errors_total", Type.COUNTER, "Client commands answered with an error."),
    FANOUT_SLOW_CLIENTS_CLOSED("fanout_slow_clients_closed_total", Type.COUNTER,
            "Clients disconnected for being too slow.");

    static final String PREFIX = "tickerplant_";

    enum Type {
        COUNTER, GAUGE, SUMMARY;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String familyName;
    private final Type type;
    private final String help;

    Metric(String suffix, Type type, String help) {
        this.familyName = PREFIX + suffix;
        this.type = type;
        this.help = help;
    }

    String familyName() {
        return familyName;
    }

    Type type() {
        return type;
    }

    String help() {
        return help;
    }
}
