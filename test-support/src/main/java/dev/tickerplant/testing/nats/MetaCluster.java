package dev.tickerplant.testing.nats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What one server's {@code /jsz} says of the JetStream meta group: the leader it follows, and, from the leader itself,
 * which of the other peers are current. Only the leader lists the replicas; a follower knows the leader's name.
 *
 * @param server         the server that answered
 * @param leader         the meta leader's server name; "" while there is none
 * @param clusterSize    the peers the group expects
 * @param currentPeers   the replicas the leader sees as current (empty on a follower)
 */
record MetaCluster(String server, String leader, int clusterSize, List<String> currentPeers) {

    static MetaCluster of(String server, JsonNode jsz) {
        JsonNode meta = jsz.path("meta_cluster");
        List<String> current = new ArrayList<>();
        for (JsonNode replica : meta.path("replicas")) {
            if (replica.path("current").asBoolean(false) && !replica.path("offline").asBoolean(false)) {
                current.add(replica.path("name").asText());
            }
        }
        return new MetaCluster(server, meta.path("leader").asText(""), meta.path("cluster_size").asInt(0),
                List.copyOf(current));
    }

    boolean isLeader() {
        return !leader.isEmpty() && leader.equals(server);
    }

    @Override
    public String toString() {
        return server + ": leader \"" + leader + "\"" + (isLeader() ? ", current peers " + currentPeers : "");
    }
}
