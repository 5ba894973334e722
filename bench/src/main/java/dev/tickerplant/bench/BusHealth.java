package dev.tickerplant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.bench.json.Json;

/**
 * The {@code bus} object of a scale-out node's {@code GET /health}, as far as the harness acts on it: whether a fanout
 * node is connected and has read the stream up to its end, and the counts of both kinds of node.
 *
 * @param role      {@code publisher} (an ingest node) or {@code fanout}
 * @param stored    ticks an ingest node published that the stream stored
 * @param dropped   ticks an ingest node could not hold while the bus was unreachable
 * @param delivered ticks a fanout node read off the stream
 * @param lag       ticks in the stream a fanout node has not read yet
 */
public record BusHealth(String role, boolean connected, boolean caughtUp, long stored, long dropped, long delivered,
                        long lag) {

    /** Reads the {@code bus} object of a /health document; fails naming what is missing. */
    public static BusHealth parse(String json) {
        JsonNode health = Json.tree(json);
        JsonNode bus = health.path("bus");
        if (!bus.isObject()) {
            throw new IllegalArgumentException("no \"bus\" object in /health (is the node running with --nats-url?): "
                    + json);
        }
        return new BusHealth(bus.path("role").asText("null"), bus.path("connected").asBoolean(false),
                bus.path("caught_up").asBoolean(false), bus.path("stored").asLong(0), bus.path("dropped").asLong(0),
                bus.path("delivered").asLong(0), bus.path("consumer_lag").asLong(0));
    }

    /** A fanout node ready for subscribers: connected, and it has read what the stream held when it started. */
    public boolean fanoutReady() {
        return "fanout".equals(role) && connected && caughtUp;
    }
}
