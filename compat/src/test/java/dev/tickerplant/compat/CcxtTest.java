package dev.tickerplant.compat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import dev.tickerplant.fanout.SubscriberView;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.NodeProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * ccxt (npm, the version pinned in compat-tests/ccxt/package-lock.json) with its WebSocket URL overridden to tickerplant:
 * {@code coinbase} on {@code /coinbase/advanced-trade} and {@code coinbaseexchange} on {@code /coinbase/exchange}, each
 * calling {@code watchTicker} for one product and {@code watchTickers} for three. The script prints every ticker ccxt
 * hands to the application; this test checks them against the ticks the market accepted. Skipped only when
 * {@code node} is not installed; the npm packages are installed here with {@code npm ci} when missing.
 */
@EndToEnd
class CcxtTest {
    private static final Path PROJECT = Path.of("..", "compat-tests", "ccxt").toAbsolutePath().normalize();
    private static final List<String> STREAMS = List.of("coinbase watchTicker", "coinbase watchTickers",
            "coinbaseexchange watchTicker", "coinbaseexchange watchTickers");

    @Test
    void watchTickerAndWatchTickersGetCorrectTickersForExactlyTheirProductsAcrossAnUpstreamReconnect()
            throws Exception {
        Assumptions.assumeTrue(NodeProject.nodeInstalled(),
                "node is not installed: the ccxt compatibility test needs Node.js 18+");
        NodeProject.installIfMissing(PROJECT, "ccxt");
        try (SimulatedPipeline pipeline = new SimulatedPipeline(CoinbaseProtocol.ADVANCED_TRADE, 4)) {
            List<String> products = pipeline.products;
            Map<String, Set<String>> expected = Map.of(
                    "coinbase watchTicker", Set.of(products.get(0)),
                    "coinbase watchTickers", Set.copyOf(products.subList(1, 4)),
                    "coinbaseexchange watchTicker", Set.of(products.get(0)),
                    "coinbaseexchange watchTickers", Set.copyOf(products.subList(1, 4)));
            Process node = new ProcessBuilder("node", "watch-tickers.mjs", "ws://127.0.0.1:" + pipeline.server.port(),
                    String.join(",", products)).directory(PROJECT.toFile()).redirectErrorStream(true).start();
            Map<String, Map<String, List<Long>>> seqs = new ConcurrentHashMap<>(); // stream → product → seqs
            Map<String, Map<String, Map<String, Object>>> last = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            List<String> output = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> NodeProject.readLines(node, line -> {
                output.add(line);
                if (problems.size() > 100) {
                    return; // enough to tell what went wrong
                }
                if (!line.startsWith("{")) {
                    problems.add("not JSON: " + line);
                    return;
                }
                Map<String, Object> m = Json.object(line);
                if (m.containsKey("ready")) {
                    return;
                }
                String stream = m.get("exchange") + " " + m.get("method");
                if (m.containsKey("error")) {
                    problems.add(stream + ": " + m.get("error"));
                    return;
                }
                String product = String.valueOf(m.get("symbol")).replace('/', '-');
                Optional<SimulatedPipeline.Accepted> match = pipeline.find(product, (String) m.get("price"),
                        (String) m.get("volume"));
                if (!expected.getOrDefault(stream, Set.of()).contains(product)) {
                    problems.add(stream + " got " + product + ", which it did not ask for: " + line);
                } else if (!product.equals(m.get("product_id"))) {
                    problems.add(stream + ": symbol and product_id disagree: " + line);
                } else if (match.isEmpty() || !match.get().price().equals(m.get("price"))) {
                    problems.add(stream + ": no accepted tick has these exact values: " + line);
                } else {
                    seqs.computeIfAbsent(stream, s -> new ConcurrentHashMap<>())
                            .computeIfAbsent(product, p -> new CopyOnWriteArrayList<>()).add(match.get().seq());
                    last.computeIfAbsent(stream, s -> new ConcurrentHashMap<>()).put(product, m);
                }
            }), "ccxt-output");
            reader.setDaemon(true);
            reader.start();
            try {
                await().untilAsserted(() -> assertTrue(STREAMS.stream().allMatch(s -> seqs.containsKey(s)
                        && seqs.get(s).keySet().equals(expected.get(s))), () -> "tickers so far " + seqs.keySet()
                        + "; problems " + first(problems) + "; output " + tail(output)));

                long reconnectedAt = pipeline.resetUpstreamAndAwaitRecovery();
                await().untilAsserted(() -> assertTrue(STREAMS.stream().allMatch(s -> expected.get(s).stream()
                        .allMatch(p -> seqs.get(s).get(p).stream().anyMatch(seq -> seq > reconnectedAt))),
                        () -> "no ticker since the upstream reconnect (seq " + reconnectedAt + ") on every stream: "
                                + seqs + "; problems " + first(problems)));

                // Once the market stops, every stream's last ticker of each product is the market's latest one
                // (watchTickers rides ticker_batch, so that takes up to one batch interval).
                pipeline.sim.pauseTicks();
                await().untilAsserted(() -> assertTrue(STREAMS.stream().allMatch(s -> expected.get(s).stream()
                        .allMatch(p -> {
                            Map<String, Object> m = last.get(s).get(p);
                            return pipeline.latest(p).price().equals(m.get("price"))
                                    && pipeline.latest(p).sameNumbers((String) m.get("price"), (String) m.get("volume"));
                        })), () -> "last tickers " + last + " are not the market's latest"));

                assertEquals(List.of(), first(problems), () -> "ccxt output: " + tail(output));
                List<SubscriberView> views = pipeline.server.view().subscribers();
                assertEquals(Set.of("advanced-trade", "exchange"),
                        views.stream().map(SubscriberView::protocol).collect(Collectors.toSet()));
                SubscriberView advancedTrade = views.stream().filter(v -> v.protocol().equals("advanced-trade"))
                        .findFirst().orElseThrow();
                List<String> subscriptions = new ArrayList<>(List.of("ticker:" + products.get(0)));
                products.subList(1, 4).forEach(p -> subscriptions.add("ticker_batch:" + p));
                assertEquals(Set.copyOf(subscriptions), Set.copyOf(advancedTrade.subscriptions()));
            } finally {
                node.getOutputStream().close(); // the script stops when its stdin closes
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
            assertEquals(0, node.exitValue(), () -> "ccxt script exit; output " + tail(output));
            assertTrue(output.stream().anyMatch(l -> l.contains("\"ready\":true")));
        }
    }

    private static List<String> first(List<String> problems) {
        return List.copyOf(problems.subList(0, Math.min(5, problems.size())));
    }

    private static String tail(List<String> output) {
        List<String> now = List.copyOf(output); // the process may still be writing to the live list
        return String.join("\n", now.subList(Math.max(0, now.size() - 20), now.size()));
    }
}
