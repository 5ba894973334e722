package dev.tickerplant.bench;

import dev.tickerplant.bench.json.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> health = JsonTree.object(json);
        List<Connection> connections = new ArrayList<>();
        Object upstream = health.get("upstream");
        if (upstream instanceof List<?> list) {
            for (Object item : list) {
                connections.add(new Connection(String.valueOf(JsonTree.at(item, "name")),
                        String.valueOf(JsonTree.at(item, "state")), number(JsonTree.at(item, "reconnects"))));
            }
        }
        return new DaemonHealth((int) number(health.get("connections_streaming")),
                (int) number(health.get("connections_total")), connections,
                number(JsonTree.at(health, "ring", "accepted")));
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

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
