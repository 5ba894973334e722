package dev.tickerplant.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.bench.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of the daemon's {@code GET /health} the harness acts on.
 *
 * @param connections per upstream connection: name, state and reconnects so far
 * @param ringAccepted ticks the ring consumer accepted since start
 */
public record DaemonHealth(int streaming, int total, List<Connection> connections, long ringAccepted) {

    /** One upstream connection. */
    public record Connection(String name, String state, long reconnects) {
        public boolean streaming() {
            return "streaming".equals(state);
        }
    }

    public DaemonHealth {
        connections = List.copyOf(connections);
    }

    public static DaemonHealth parse(String json) {
        JsonNode health = Json.tree(json);
        if (!health.isObject()) {
            throw new IllegalArgumentException("expected a JSON object from /health, got: " + json);
        }
        List<Connection> connections = new ArrayList<>();
        for (JsonNode item : health.path("upstream")) {
            connections.add(new Connection(item.path("name").asText("null"),
                    item.path("state").asText("null"), item.path("reconnects").asLong(0)));
        }
        return new DaemonHealth(health.path("connections_streaming").asInt(0),
                health.path("connections_total").asInt(0), connections,
                health.path("ring").path("accepted").asLong(0));
    }

    public boolean allStreaming() {
        return total > 0 && streaming == total;
    }

    public Connection connection(String name) {
        for (Connection c : connections) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no upstream connection " + name + " in /health (have "
                + connections.stream().map(Connection::name).toList() + ")");
    }
}
