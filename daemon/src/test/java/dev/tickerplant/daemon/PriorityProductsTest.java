package dev.tickerplant.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.ingest.plan.Shard;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --priority-products} as the daemon plans it: each on a connection of its own unless a setting says more. */
class PriorityProductsTest {
    @TempDir
    Path dir;

    @Test
    void eachPriorityProductGetsItsOwnConnectionByDefault() {
        assertEquals(List.of(new Shard(0, List.of("BTC-USD"), true), new Shard(1, List.of("ETH-USD"), true)),
                priorityShards());
    }

    @Test
    void priorityProductsPerConnectionPutsThemTogether() {
        assertEquals(List.of(new Shard(0, List.of("BTC-USD", "ETH-USD"), true)),
                priorityShards("--priority-products-per-connection", "2"));
    }

    private List<Shard> priorityShards(String... extra) {
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withTickRate(10))) {
            String[] args = Stream.concat(Stream.of(
                    "--upstream-url", sim.advancedTradeUri().toString(),
                    "--rest-url", sim.restBaseUri().toString(),
                    "--catalog-cache-file", dir.resolve("cache.json").toString(),
                    "--listen-port", "0", "--top-n", "20", "--priority-products", "BTC-USD,ETH-USD"),
                    Stream.of(extra)).toArray(String[]::new);
            Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()));
            try {
                return daemon.plan().shards().stream().filter(Shard::priority).toList();
            } finally {
                daemon.close();
            }
        }
    }
}
