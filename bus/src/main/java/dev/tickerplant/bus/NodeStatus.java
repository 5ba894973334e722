package dev.tickerplant.bus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an ingest node publishes on {@code <prefix>.status.<node>} every {@code intervalMillis}: its upstream
 * connections. A node not heard from for a few intervals is taken as gone, and with it the coverage it gave.
 */
public record NodeStatus(@JsonProperty("node") String node, @JsonProperty("interval_ms") long intervalMillis,
                         @JsonProperty("connections") List<ConnectionReport> connections) {

    public NodeStatus {
        connections = List.copyOf(connections);
    }
}
