package dev.tickerplant.daemon.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (Debian's headless Chromium through chromedriver) against a daemon on the
 * simulator: the ticker table fills and its prices move, the filter narrows it, a row takes the keyboard and charts
 * its product, the connection table lists the upstream connections, a connection that goes silent shows its products
 * as blind until it recovers, and after the daemon is restarted on the same port the page reconnects by itself and
 * keeps updating. With an auth token the page asks for it, then works (here with redundant legs, which it lists).
 */
class StatusPageBrowserTest {
    private static final List<String> PRODUCTS = List.of("ADA-USD", "AVAX-USD", "BTC-USD", "DOGE-USD", "ETH-USD",
            "LTC-USD", "SOL-USD", "XRP-USD");
    /** A browser and a daemon starting side by side on a loaded two-core machine: generous, never a measurement. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String TOKEN = "browser-test-token-7f3a";

    @TempDir
    Path dir;

    private final List<Daemon> daemons = new ArrayList<>();
    private Simulator sim;
    private HeadlessChromium browser;

    @BeforeEach
    void startSimulatorAndBrowser() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withTickRate(100));
        browser = HeadlessChromium.start(dir.resolve("profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        daemons.forEach(Daemon::close);
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void liveTickersFilterConnectionsAndARestartOnTheSamePort() throws Exception {
        Daemon first = daemon(0);
        int port = first.fanout().port();
        browser.open("http://127.0.0.1:" + port + "/");

        awaitRows(PRODUCTS.size());
        Map<String, String> before = prices();
        await("a ticker price changes on the page").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> changed(before, prices()));
        assertEquals(PRODUCTS, List.copyOf(prices().keySet()), "one row per product, in product order");

        await("the connection table lists both upstream connections, streaming").atMost(EVENTUALLY)
                .pollInterval(POLL).until(() -> text("#connections tbody").contains("conn-00")
                        && text("#connections tbody").contains("conn-01")
                        && count("#connections tbody td.state-streaming") == 2);
        assertTrue(text("#coverage").contains("8 of 8 planned products"), text("#coverage"));
        assertTrue(!shown("#token-form"), "no token form without an auth token");
        assertTrue(!shown("#legs-block"), "no leg table with one leg");

        browser.type("#filter", "btc");
        await("the filter leaves BTC-USD alone").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> visibleProducts().equals(List.of("BTC-USD")));
        assertEquals("(1 of 8)", text("#ticker-count"));
        browser.type("#filter", "\uE003\uE003\uE003");
        await("an empty filter shows every row again").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> visibleProducts().equals(PRODUCTS));

        browser.type("#tickers tbody tr[data-product='ETH-USD']", "\uE007");
        assertEquals("ETH-USD", text("#chart-product"));
        assertEquals("true", browser.script("return document.querySelector("
                + "\"#tickers tbody tr[data-product='ETH-USD']\").getAttribute('aria-selected');").asText());
        assertTrue(!browser.script("return document.getElementById('sparkline-line').getAttribute('points');")
                .asText().isEmpty(), "the sparkline of the selected product is drawn");

        browser.screenshot(buildDirectory().resolve("status-page.png"));
        List<String> violations = browser.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("SEVERE")).toList();
        assertEquals(List.of(), violations, "the browser console while the page ran");

        browser.windowSize(400, 800);
        await("a phone-wide window lays the page out in one column").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> browser.script("return window.innerWidth;").asInt() <= 400);
        assertTrue(!shown("#tickers td.wide") && shown("#tickers td[data-field=price]"),
                "on a phone the ticker table keeps product, price and change only");
        assertTrue(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;").asBoolean(),
                "nothing makes the page wider than the phone's screen");
        browser.windowSize(1280, 1000);

        // One upstream connection goes silent and may not come back for now: its products are blind, not quiet.
        sim.faults().rejectNextConnections(1_000_000);
        sim.faults().stall(sim.connections().get(0).id(), true);
        await("the stale connection's products are listed as blind").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> count("#stale li") == 4 && count("#stale li .tag-blind") == 4
                        && count("#connections tbody td.state-streaming") == 1);
        assertTrue(text("#stale").contains("no streaming connection carries it"), text("#stale"));
        sim.faults().rejectNextConnections(0);
        await("the page clears them when the connection recovers").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> count("#stale li") == 0 && count("#connections tbody td.state-streaming") == 2);

        assertEquals("1", dataset("connects"));
        first.close();
        daemons.remove(first);
        await("the page notices the daemon went away").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> !dataset("feed").equals("live"));
        Daemon second = daemon(port);
        await("the page reconnects to the restarted daemon").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> dataset("connects").equals("2") && dataset("feed").equals("live"));
        Map<String, String> afterRestart = prices();
        long ticksAtReconnect = Long.parseLong(dataset("ticks"));
        await("live tickers from the restarted daemon").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> Long.parseLong(dataset("ticks")) > ticksAtReconnect && changed(afterRestart, prices()));
        String clients = Http.get(second.fanout().port(), "/api/connections").body();
        assertTrue(clients.contains("HeadlessChrome"), clients);
    }

    @Test
    void withATokenThePageAsksForItAndThenShowsTheFeed() {
        Daemon daemon = daemon(0, "--auth-token", TOKEN, "--redundancy", "2");
        int port = daemon.fanout().port();
        browser.open("http://127.0.0.1:" + port + "/");

        await("the page asks for the token").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> dataset("feed").equals("auth")
                        && shown("#token-form"));
        assertEquals(0, count("#tickers tbody tr"), "no tickers without the token");

        browser.type("#token-input", "wrong-token");
        browser.type("#token-input", "\uE007");
        await("a refused token is asked for again").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> text("#token-message").contains("refused"));

        browser.type("#token-input", TOKEN + "\uE007");
        awaitRows(PRODUCTS.size());
        await("the feed is live with the token").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> dataset("feed").equals("live"));
        assertTrue(!shown("#token-form"), "the token form goes once the token is taken");
        await("both legs of each shard and the leg table").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> count("#connections tbody tr") == 4 && count("#legs tbody tr") == 2
                        && shown("#legs-block") && text("#connections tbody").contains("conn-01b"));
        assertEquals(TOKEN, browser.script("return sessionStorage.getItem('tickerplant.token');").asText());
        String clients = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/connections")).header("Authorization", "Bearer " + TOKEN).build()).body();
        assertTrue(clients.contains("HeadlessChrome"), clients);
    }

    private Daemon daemon(int port, String... extra) {
        Path cache = dir.resolve("cache-" + daemons.size() + ".json");
        String[] args = Stream.concat(Stream.of("--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", Integer.toString(port), "--products", String.join(",", PRODUCTS),
                "--products-per-connection", "4", "--backoff-initial", "100ms", "--backoff-max", "500ms"),
                Stream.of(extra)).toArray(String[]::new);
        Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()));
        daemons.add(daemon);
        return daemon;
    }

    private void awaitRows(int rows) {
        await("the ticker table fills").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> count("#tickers tbody tr") == rows && prices().values().stream()
                        .noneMatch(String::isEmpty));
    }

    private Map<String, String> prices() {
        JsonNode rows = browser.script("return Array.from(document.querySelectorAll('#tickers tbody tr'))"
                + ".map(r => [r.dataset.product, r.querySelector('[data-field=price]').textContent]);");
        Map<String, String> prices = new java.util.LinkedHashMap<>();
        rows.forEach(r -> prices.put(r.get(0).asText(), r.get(1).asText()));
        return prices;
    }

    private static boolean changed(Map<String, String> before, Map<String, String> now) {
        return before.entrySet().stream().anyMatch(e -> now.containsKey(e.getKey())
                && !now.get(e.getKey()).equals(e.getValue()));
    }

    private List<String> visibleProducts() {
        List<String> products = new ArrayList<>();
        browser.script("return Array.from(document.querySelectorAll('#tickers tbody tr'))"
                + ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.product);")
                .forEach(p -> products.add(p.asText()));
        return products;
    }

    private int count(String css) {
        return browser.script("return document.querySelectorAll(\"" + css + "\").length;").asInt();
    }

    private String text(String css) {
        return browser.script("return document.querySelector(\"" + css + "\").textContent;").asText();
    }

    /** Laid out on the page (not hidden by the attribute or by any rule). */
    private boolean shown(String css) {
        return browser.script("return document.querySelector(\"" + css + "\").getClientRects().length > 0;")
                .asBoolean();
    }

    private String dataset(String key) {
        return browser.script("return document.body.dataset." + key + ";").asText();
    }

    private static Path buildDirectory() {
        return Path.of(System.getProperty("tickerplant.buildDirectory", "target"));
    }
}
