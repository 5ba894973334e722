package dev.tickerplant.daemon.browser;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.config.SettingsLoader;
import dev.tickerplant.daemon.Daemon;
import dev.tickerplant.sim.Simulator;
import dev.tickerplant.sim.SimulatorOptions;
import dev.tickerplant.testing.EndToEnd;
import dev.tickerplant.testing.Http;
import dev.tickerplant.testing.Json;
import dev.tickerplant.testing.NodeProject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (Debian's headless Chromium driven by playwright-core) against a daemon on the
 * simulator: the ticker table fills and its prices move, the filter narrows it, a row takes the keyboard and charts
 * its product, the connection table lists the upstream connections, a connection that goes silent shows its products
 * as blind until it recovers, and after the daemon is restarted on the same port the page reconnects by itself and
 * keeps updating. With an auth token the page asks for it, then works (here with redundant legs, which it lists).
 * On the simulator's whole catalog the header reads 20/20 and 300/300, a price moves within 3 s of the table filling
 * (the run that refreshes docs/status-page.png), and a connection stalled through the simulator's control API turns
 * red within the watchdog timeout + 2 s and green after it recovers. A page of our own with the real socket.io-client
 * bundle, served from another origin, receives {@code ticker_update} events over long-polling, then WebSocket.
 */
@EndToEnd
class StatusPageBrowserTest {
    private static final List<String> PRODUCTS = List.of("ADA-USD", "AVAX-USD", "BTC-USD", "DOGE-USD", "ETH-USD",
            "LTC-USD", "SOL-USD", "XRP-USD");
    /** A browser and a daemon starting side by side on a loaded two-core machine: generous, never a measurement. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String TOKEN = "browser-test-token-7f3a";
    /** The simulator's whole catalog at the default 15 products a connection. */
    private static final int FULL_CONNECTIONS = 20;
    private static final int FULL_PRODUCTS = 300;
    /** As systemctl status words it. */
    private static final String FULL_LINE = "20/20 connected, 300/300 products receiving data";
    private static final Duration WATCHDOG = Duration.ofSeconds(2);
    /** At the simulator's 100 ticks/s over 300 products a move is due every few tens of milliseconds. */
    private static final Duration PRICE_MOVE_WITHIN = Duration.ofSeconds(3);
    /** The state classes the stylesheet draws in red: the connection is not streaming. */
    private static final Set<String> RED_STATES = Set.of("state-stale", "state-backoff", "state-closed");
    /** Refreshed by each run of the full-catalog test; shown in README.md and docs/status-page.md. */
    private static final Path DOCS_SCREENSHOT = Path.of("..", "docs", "status-page.png").toAbsolutePath().normalize();
    private static final Path SOCKET_IO_PROJECT = Path.of("..", "compat-tests", "socketio").toAbsolutePath()
            .normalize();

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

        // The coverage line follows the daemon's health figures, which the page reads again when the daemon pushes
        // a change: a quick look can find the figures of a moment before the last product's first tick.
        await("the connection table lists both upstream connections, streaming, and coverage is full")
                .atMost(EVENTUALLY).pollInterval(POLL).until(() -> text("#connections tbody").contains("conn-00")
                        && text("#connections tbody").contains("conn-01")
                        && count("#connections tbody td.state-streaming") == 2
                        && text("#coverage").contains("8 of 8 planned products"));
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
        // Until both connections stream, /health answers 503 with its figures, which the page reads as it should;
        // Chromium logs any 5xx answer as a failed load all the same.
        List<String> violations = browser.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("SEVERE"))
                .filter(m -> !(m.contains("/health ") && m.contains("status of 503"))).toList();
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

    @Test
    void fullCatalogEveryConnectionAndProductPricesMoveAndAStalledConnectionTurnsRedThenGreen() throws Exception {
        Daemon daemon = fullCatalogDaemon(0, "--watchdog-timeout", WATCHDOG.toSeconds() + "s");
        int port = daemon.fanout().port();
        // The daemon's start (20 connections at the simulator's 8 a second) is not what is tested here: the page
        // reads the figures at load and on each change the daemon pushes, so it opens once the plant is complete.
        await("the daemon streams the whole catalog").atMost(EVENTUALLY).pollInterval(POLL).until(() -> {
            JsonNode health = Json.tree(Http.get(port, "/health").body());
            return health.path("connections_streaming").asInt() == FULL_CONNECTIONS
                    && health.path("products_receiving").asInt() == FULL_PRODUCTS;
        });
        browser.open("http://127.0.0.1:" + port + "/");

        awaitRows(FULL_PRODUCTS);
        // Timed on the page's clock: on a loaded machine a driver round trip over 300 rows can itself take
        // seconds, which says nothing of how soon the page shows a move.
        long filledAt = browser.script("return Date.now();").asLong();
        await("a price move on the page").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> pageTime("priceChangedAt") > filledAt);
        long changedAfter = pageTime("priceChangedAt") - filledAt;
        assertTrue(changedAfter <= PRICE_MOVE_WITHIN.toMillis(),
                "a price changed " + changedAfter + " ms after the table filled");
        System.out.printf("a price changed %d ms after the table filled%n", changedAfter);
        await("the header's plant line").atMost(EVENTUALLY).pollInterval(POLL).ignoreExceptions()
                .until(() -> text("#plant-line").equals(FULL_LINE));
        assertEquals(FULL_CONNECTIONS, count("#connections tbody td.state-streaming"));
        assertTrue(text("#coverage").contains(FULL_PRODUCTS + " of " + FULL_PRODUCTS + " planned products"),
                text("#coverage"));

        // The picture in README and docs/status-page.md: a desktop window, BTC-USD charted.
        // A click (typing into the row would scroll it into view): the top of the page is what the picture shows.
        browser.script("document.querySelector(\"#tickers tbody tr[data-product='BTC-USD']\").click();"
                + " window.scrollTo(0, 0);");
        assertEquals("BTC-USD", text("#chart-product"));
        await("the chart has a few prices").atMost(EVENTUALLY).pollInterval(POLL).until(() -> browser.script(
                "return document.getElementById('sparkline-line').getAttribute('points');").asText()
                .split(" ").length >= 5);
        browser.screenshot(DOCS_SCREENSHOT);
        Files.copy(DOCS_SCREENSHOT, buildDirectory().resolve("status-page-full.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // One connection stalls (no frame, no heartbeat) and may not reconnect until it is allowed to.
        String connection = connectionCarrying(port, "BTC-USD");
        String row = "#connections tbody tr[data-connection='" + connection + "'] td:nth-of-type(1)";
        control("/faults/reject-connections?count=1000000");
        long stalledAt = System.currentTimeMillis(); // the page's Date.now() reads the same clock
        assertEquals(1, Json.tree(control("/faults/stall?product=BTC-USD")).path("affected").asInt());
        await("the stalled connection's row turns red").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> colored(row, "--down") && RED_STATES.contains(stateClass(row)));
        // When the page turned it red, as the page recorded it: the driver's own round trips are not the page's delay.
        long redAfter = Long.parseLong(browser.script("return document.querySelector(\"#connections tbody"
                + " tr[data-connection='" + connection + "']\").dataset.stateSince;").asText()) - stalledAt;
        assertTrue(redAfter <= WATCHDOG.plusSeconds(2).toMillis(),
                connection + " turned red " + redAfter + " ms after the stall (watchdog " + WATCHDOG + ")");
        System.out.printf("%s red %d ms after the stall (watchdog %d s)%n", connection, redAfter,
                WATCHDOG.toSeconds());
        assertEquals(FULL_CONNECTIONS - 1, count("#connections tbody td.state-streaming"));

        control("/faults/reject-connections?count=0");
        await("the connection's row is green again after recovery").atMost(EVENTUALLY).pollInterval(POLL)
                .until(() -> colored(row, "--up") && stateClass(row).equals("state-streaming"));
        await("every connection streams again").atMost(EVENTUALLY).pollInterval(POLL).ignoreExceptions()
                .until(() -> count("#connections tbody td.state-streaming") == FULL_CONNECTIONS
                        && text("#plant-line").startsWith(FULL_CONNECTIONS + "/" + FULL_CONNECTIONS + " connected"));
    }

    @Test
    void aPageWithTheRealSocketIoClientReceivesTickerUpdatesAcrossOrigins() throws Exception {
        Assumptions.assumeTrue(NodeProject.nodeInstalled(), "node is not installed");
        NodeProject.installIfMissing(SOCKET_IO_PROJECT, "socket.io-client");
        Daemon daemon = daemon(0);
        int port = daemon.fanout().port();
        Path page = Path.of(StatusPageBrowserTest.class.getResource("socketio-page.html").toURI());
        try (LoopbackPageServer pages = LoopbackPageServer.start(Map.of(
                "/", new LoopbackPageServer.File("text/html; charset=utf-8", page),
                "/socket.io.min.js", new LoopbackPageServer.File("text/javascript; charset=utf-8",
                        SOCKET_IO_PROJECT.resolve("node_modules/socket.io-client/dist/socket.io.min.js"))))) {
            assertTrue(!pages.origin().equals("http://127.0.0.1:" + port), "the page's origin is not the daemon's");
            browser.open(pages.origin() + "/?port=" + port);

            await("ticker_update events, the last after the upgrade to WebSocket").atMost(EVENTUALLY)
                    .pollInterval(POLL).until(() -> dataset("upgraded").equals("websocket")
                            && count("#events li[data-transport=websocket]") >= 3);
            assertEquals("polling", dataset("opened"), "socket.io-client's default: long-polling first");
            assertEquals("connected", dataset("state"));
            List<JsonNode> updates = new ArrayList<>();
            browser.script("return Array.from(document.querySelectorAll('#events li')).map(li => li.textContent);")
                    .forEach(e -> updates.add(Json.tree(e.asText())));
            long lastSeq = 0;
            for (JsonNode update : updates) {
                String product = update.path("product_id").asText();
                assertTrue(PRODUCTS.contains(product), update.toString());
                assertEquals(product.substring(0, product.indexOf('-')), update.path("crypto").asText());
                assertTrue(update.path("price").isNumber() && update.path("price").asDouble() > 0, update.toString());
                assertTrue(update.path("seq").isIntegralNumber() && update.path("seq").asLong() > lastSeq,
                        update.toString());
                lastSeq = update.path("seq").asLong();
            }
        }
        String clients = Http.get(port, "/api/connections").body();
        assertTrue(clients.contains("socket.io"), clients);
    }

    /** A daemon on {@link #PRODUCTS}, four to a connection. */
    private Daemon daemon(int port, String... extra) {
        return fullCatalogDaemon(port, Stream.concat(Stream.of("--products", String.join(",", PRODUCTS),
                "--products-per-connection", "4"), Stream.of(extra)).toArray(String[]::new));
    }

    /** A daemon with the default selection (the simulator's whole catalog) unless {@code extra} narrows it. */
    private Daemon fullCatalogDaemon(int port, String... extra) {
        Path cache = dir.resolve("cache-" + daemons.size() + ".json");
        String[] args = Stream.concat(Stream.of("--upstream-url", sim.advancedTradeUri().toString(),
                "--rest-url", sim.restBaseUri().toString(), "--catalog-cache-file", cache.toString(),
                "--listen-port", Integer.toString(port), "--backoff-initial", "100ms", "--backoff-max", "500ms"),
                Stream.of(extra)).toArray(String[]::new);
        Daemon daemon = Daemon.start(SettingsLoader.load(args, Map.of()));
        daemons.add(daemon);
        return daemon;
    }

    private void awaitRows(int rows) {
        // Checked in the page, one boolean back: reading 300 prices out every poll took the renderer's time from
        // the very ticks the test waits for on a loaded machine.
        await("the ticker table fills").atMost(EVENTUALLY).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> browser.script("const rows = document.querySelectorAll('#tickers tbody tr');"
                        + " return rows.length === " + rows + " && Array.from(rows).every("
                        + "r => r.querySelector('[data-field=price]').textContent !== '');").asBoolean());
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

    /** A time the page wrote into its body's dataset ({@code Date.now()}); 0 while it wrote none. */
    private long pageTime(String key) {
        String value = dataset(key);
        return value.isEmpty() || value.equals("null") ? 0 : Long.parseLong(value);
    }

    /** The name of the daemon's connection that carries {@code product}, from {@code /api/upstream}. */
    private static String connectionCarrying(int port, String product) {
        for (JsonNode c : Json.tree(Http.get(port, "/api/upstream").body()).path("connections")) {
            for (JsonNode id : c.path("product_ids")) {
                if (id.asText().equals(product)) {
                    return c.path("name").asText();
                }
            }
        }
        throw new AssertionError("no connection carries " + product);
    }

    /** POSTs to the simulator's control API; the answer's body. */
    private String control(String pathAndQuery) {
        HttpResponse<String> answer = Http.post(sim.controlUri().resolve(pathAndQuery), "");
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private String stateClass(String css) {
        return browser.script("const e = document.querySelector(\"" + css + "\"); return e ? e.className : '';")
                .asText();
    }

    /** Whether the element's text is drawn in the stylesheet's colour {@code variable} (e.g. --down, red). */
    private boolean colored(String css, String variable) {
        return browser.script("const e = document.querySelector(\"" + css + "\"); if (!e) return false;"
                + " const probe = document.createElement('span'); probe.style.color = 'var(" + variable + ")';"
                + " document.body.append(probe); const want = getComputedStyle(probe).color; probe.remove();"
                + " return getComputedStyle(e).color === want;").asBoolean();
    }


    private static Path buildDirectory() {
        return Path.of(System.getProperty("tickerplant.buildDirectory", "target"));
    }
}
