package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tickerplant.coinbase.CoinbaseProtocol;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderPrecedenceTest {

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNoLayerGivesAValue() {
        Settings settings = SettingsLoader.load(new String[0], Map.of());

        assertEquals(List.of(), settings.selection().products());
        assertEquals(0, settings.selection().topN());
        assertEquals("USD", settings.selection().quoteCurrency());
        assertEquals(List.of(), settings.selection().priorityProducts());
        assertEquals(15, settings.selection().productsPerConnection());
        assertEquals(CoinbaseProtocol.ADVANCED_TRADE, settings.upstream().protocol());
        assertEquals(URI.create("wss://advanced-trade-ws.coinbase.com"), settings.upstream().url());
        assertEquals(URI.create("https://api.coinbase.com"), settings.upstream().restUrl());
        assertEquals(Path.of("data/catalog-cache.json"), settings.upstream().catalogCacheFile());
        assertEquals(Duration.ofSeconds(10), settings.upstream().connectTimeout());
        assertEquals(Duration.ofSeconds(10), settings.upstream().subscribeTimeout());
        assertEquals(Duration.ofSeconds(5), settings.upstream().watchdogTimeout());
        assertEquals(8, settings.upstream().connectRateLimit());
        assertEquals(8, settings.upstream().subscribeRateLimit());
        assertEquals(Duration.ofSeconds(20), settings.upstream().wsPingInterval());
        assertEquals(8 * 1024 * 1024, settings.upstream().maxFrameSize());
        assertEquals(Optional.empty(), settings.upstream().trustCertFile());
        assertEquals(Duration.ofMillis(250), settings.backoff().initial());
        assertEquals(Duration.ofSeconds(30), settings.backoff().max());
        assertEquals(2.0, settings.backoff().multiplier());
        assertEquals(Duration.ofSeconds(60), settings.backoff().resetAfter());
        assertEquals(Optional.empty(), settings.credentials());
        assertEquals(8192, settings.ring().size());
        assertEquals(RingWaitStrategy.BLOCKING, settings.ring().waitStrategy());
        assertEquals(1, settings.selection().redundancy());
        assertEquals(new Settings.Server("127.0.0.1", 8787, 2, 1000, 1000, 20, 64 * 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 32 * 1024, 64 * 1024, 8192, 5, 3.0, Optional.empty(), 1000, List.of()),
                settings.server());
        assertEquals(new Settings.Health(0.95, 0.5), settings.health());
        assertFalse(settings.daemon().simulate());
        assertEquals(40.0, settings.daemon().simulateRate());
        assertEquals(Duration.ofSeconds(30), settings.daemon().healthLogInterval());
        assertEquals(Duration.ofSeconds(5), settings.daemon().shutdownTimeout());
        assertEquals(NetworkTransport.AUTO, settings.daemon().transport());
    }

    @Test
    void transportComesFromTheFlagTheEnvironmentOrTheFile() throws IOException {
        Path file = configFile("transport = io_uring");
        Map<String, String> env = Map.of("TICKERPLANT_CONFIG", file.toString(), "TICKERPLANT_TRANSPORT", "epoll");

        assertEquals(NetworkTransport.NIO,
                SettingsLoader.load(new String[] {"--transport", "nio"}, env).daemon().transport());
        assertEquals(NetworkTransport.EPOLL, SettingsLoader.load(new String[0], env).daemon().transport());
        assertEquals(NetworkTransport.IO_URING, SettingsLoader.load(new String[] {"--config", file.toString()},
                Map.of()).daemon().transport());
        // Case and '-' for '_' are forgiven, as for every choice.
        assertEquals(NetworkTransport.IO_URING,
                SettingsLoader.load(new String[] {"--transport=IO-URING"}, Map.of()).daemon().transport());
    }

    @Test
    void eachLayerWinsOverTheOnesBelowIt() throws IOException {
        Path file = configFile(
                "ring-size = 2048",
                "connect-rate-limit = 3",
                "subscribe-rate-limit = 4",
                "products-per-connection = 5");
        Map<String, String> env = Map.of(
                "TICKERPLANT_CONFIG", file.toString(),
                "TICKERPLANT_CONNECT_RATE_LIMIT", "6",
                "TICKERPLANT_SUBSCRIBE_RATE_LIMIT", "7");

        Settings settings = SettingsLoader.load(
                new String[] {"--connect-rate-limit", "9", "--ring-size=8192"}, env);

        assertEquals(9, settings.upstream().connectRateLimit(), "command line over env and file");
        assertEquals(8192, settings.ring().size(), "command line over file");
        assertEquals(7, settings.upstream().subscribeRateLimit(), "env over file");
        assertEquals(5, settings.selection().productsPerConnection(), "file over default");
        assertEquals(2.0, settings.backoff().multiplier(), "default where no layer speaks");
    }

    @Test
    void ringWaitStrategyFromEachLayer() throws IOException {
        Path file = configFile("ring-wait-strategy = timeout-blocking");
        Map<String, String> env = Map.of("TICKERPLANT_CONFIG", file.toString(),
                "TICKERPLANT_RING_WAIT_STRATEGY", "lite-blocking");

        assertEquals(RingWaitStrategy.TIMEOUT_BLOCKING, SettingsLoader.load(new String[0],
                Map.of("TICKERPLANT_CONFIG", file.toString())).ring().waitStrategy(), "file over default");
        assertEquals(RingWaitStrategy.LITE_BLOCKING, SettingsLoader.load(new String[0], env).ring().waitStrategy(),
                "env over file");
        assertEquals(RingWaitStrategy.PHASED_BACKOFF, SettingsLoader.load(
                new String[] {"--ring-wait-strategy", "phased-backoff"}, env).ring().waitStrategy(),
                "command line over env and file");
    }

    @Test
    void configFileAloneOverridesDefaults() throws IOException {
        Path file = configFile("top-n = 20", "upstream-protocol = exchange", "watchdog-timeout = 3s");

        Settings settings = SettingsLoader.load(new String[] {"--config", file.toString()}, Map.of());

        assertEquals(20, settings.selection().topN());
        assertEquals(CoinbaseProtocol.EXCHANGE, settings.upstream().protocol());
        assertEquals(Duration.ofSeconds(3), settings.upstream().watchdogTimeout());
    }

    @Test
    void environmentAloneOverridesDefaults() {
        Settings settings = SettingsLoader.load(new String[0],
                Map.of("TICKERPLANT_TOP_N", "25", "TICKERPLANT_SIMULATE", "true"));

        assertEquals(25, settings.selection().topN());
        assertTrue(settings.daemon().simulate());
    }

    @Test
    void commandLineConfigFileIsReadInsteadOfTheOneNamedByTheEnvironment() throws IOException {
        Path fromEnv = configFile("top-n = 11");
        Path fromFlag = Files.writeString(dir.resolve("flag.properties"), "top-n = 22\n");

        Settings settings = SettingsLoader.load(new String[] {"--config=" + fromFlag},
                Map.of("TICKERPLANT_CONFIG", fromEnv.toString()));

        assertEquals(22, settings.selection().topN());
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() throws IOException {
        Path file = configFile("top-n = 30");

        Settings settings = SettingsLoader.load(new String[] {"--config", file.toString()},
                Map.of("TICKERPLANT_TOP_N", "", "TOP_USD_PAIRS", "  "));

        assertEquals(30, settings.selection().topN());
    }

    @Test
    void seedSystemAliasesAreRead() {
        Settings settings = SettingsLoader.load(new String[0], Map.of(
                "MONITORING_CRYPTOS", "BTC,eth, SOL-USD",
                "PRODUCTS_PER_CONNECTION", "10"));

        assertEquals(List.of("BTC-USD", "ETH-USD", "SOL-USD"), settings.selection().products());
        assertEquals(10, settings.selection().productsPerConnection());

        Settings topN = SettingsLoader.load(new String[0], Map.of("TOP_USD_PAIRS", "50"));
        assertEquals(50, topN.selection().topN());

        Settings alerts = SettingsLoader.load(new String[0], Map.of("WINDOW_MINUTES", "15",
                "VOLUME_THRESHOLD", "4.5"));
        assertEquals(15, alerts.server().windowMinutes());
        assertEquals(4.5, alerts.server().volumeThreshold());
    }

    @Test
    void tickerplantNameWinsOverTheSeedAlias() {
        Settings settings = SettingsLoader.load(new String[0], Map.of(
                "TICKERPLANT_PRODUCTS_PER_CONNECTION", "12",
                "PRODUCTS_PER_CONNECTION", "10",
                "TICKERPLANT_TOP_N", "40",
                "TOP_USD_PAIRS", "50"));

        assertEquals(12, settings.selection().productsPerConnection());
        assertEquals(40, settings.selection().topN());
    }

    @Test
    void commandLineWinsOverSeedAlias() {
        Settings settings = SettingsLoader.load(new String[] {"--products", "ADA-USD"},
                Map.of("MONITORING_CRYPTOS", "BTC,ETH"));

        assertEquals(List.of("ADA-USD"), settings.selection().products());
    }

    @Test
    void productListsAreTrimmedUpperCasedQualifiedAndDeduplicatedInOrder() {
        Settings settings = SettingsLoader.load(new String[] {
            "--quote-currency", "eur",
            "--products", " btc, ETH-USD,,btc-eur , sol,ETH-usd,BTC-PERP-INTX",
            "--priority-products", "btc"}, Map.of());

        assertEquals("EUR", settings.selection().quoteCurrency());
        assertEquals(List.of("BTC-EUR", "ETH-USD", "SOL-EUR", "BTC-PERP-INTX"), settings.selection().products());
        assertEquals(List.of("BTC-EUR"), settings.selection().priorityProducts());
    }

    @Test
    void urlDefaultsFollowTheProtocol() {
        Settings exchange = SettingsLoader.load(new String[] {"--upstream-protocol", "exchange"}, Map.of());

        assertEquals(URI.create("wss://ws-feed.exchange.coinbase.com"), exchange.upstream().url());
        assertEquals(URI.create("https://api.exchange.coinbase.com"), exchange.upstream().restUrl());
    }

    @Test
    void explicitUrlsWinOverTheProtocolDefaults() {
        Settings settings = SettingsLoader.load(new String[] {
            "--upstream-protocol", "exchange",
            "--upstream-url", "ws://127.0.0.1:9443/feed",
            "--rest-url", "http://127.0.0.1:9080"}, Map.of());

        assertEquals(URI.create("ws://127.0.0.1:9443/feed"), settings.upstream().url());
        assertEquals(URI.create("http://127.0.0.1:9080"), settings.upstream().restUrl());
    }

    @Test
    void booleanFlagMayBeBareOrCarryAValue() {
        assertTrue(load("--simulate").daemon().simulate());
        assertTrue(load("--simulate", "--top-n", "5").daemon().simulate());
        assertEquals(5, load("--simulate", "--top-n", "5").selection().topN());
        assertFalse(load("--simulate", "false").daemon().simulate());
        assertFalse(load("--simulate=false").daemon().simulate());
        assertTrue(load("--simulate=TRUE").daemon().simulate());
    }

    @Test
    void commandLineFlagGivenTwiceKeepsTheLastValue() {
        assertEquals(7, load("--top-n", "3", "--top-n=7").selection().topN());
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        Settings settings = load(
                "--connect-timeout", "250ms",
                "--subscribe-timeout", "5s",
                "--backoff-max", "2m",
                "--health-log-interval", "1h",
                "--shutdown-timeout", "PT7S",
                "--backoff-reset-after", "pt1m30s");

        assertEquals(Duration.ofMillis(250), settings.upstream().connectTimeout());
        assertEquals(Duration.ofSeconds(5), settings.upstream().subscribeTimeout());
        assertEquals(Duration.ofMinutes(2), settings.backoff().max());
        assertEquals(Duration.ofHours(1), settings.daemon().healthLogInterval());
        assertEquals(Duration.ofSeconds(7), settings.daemon().shutdownTimeout());
        assertEquals(Duration.ofSeconds(90), settings.backoff().resetAfter());
    }

    @Test
    void sizesAcceptBytesAndBinarySuffixes() {
        assertEquals(65536, load("--max-frame-size", "65536").upstream().maxFrameSize());
        assertEquals(512 * 1024, load("--max-frame-size", "512KiB").upstream().maxFrameSize());
        assertEquals(16 * 1024 * 1024, load("--max-frame-size=16 MiB").upstream().maxFrameSize());
    }

    @Test
    void decimalsAndPowersOfTwoAreParsed() {
        Settings settings = load("--backoff-multiplier", "1.5", "--simulate-rate", "2500", "--ring-size", "1024");

        assertEquals(1.5, settings.backoff().multiplier());
        assertEquals(2500.0, settings.daemon().simulateRate());
        assertEquals(1024, settings.ring().size());
    }

    @Test
    void credentialsAndTrustFileAreReadWhenTheFilesExist() throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN EC PRIVATE KEY-----\n");
        Path cert = Files.writeString(dir.resolve("sim.pem"), "-----BEGIN CERTIFICATE-----\n");

        Settings settings = SettingsLoader.load(new String[] {"--trust-cert-file", cert.toString()}, Map.of(
                "TICKERPLANT_API_KEY_NAME", "organizations/org-1/apiKeys/key-1",
                "TICKERPLANT_API_PRIVATE_KEY_FILE", key.toString()));

        assertEquals(Optional.of(cert), settings.upstream().trustCertFile());
        assertEquals("organizations/org-1/apiKeys/key-1", settings.credentials().orElseThrow().apiKeyName());
        assertEquals(key, settings.credentials().orElseThrow().apiPrivateKeyFile());
    }

    @Test
    void emptyValueOnTheCommandLineClearsAnOptionalSetFromTheFile() throws IOException {
        Path cert = Files.writeString(dir.resolve("sim.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = configFile("trust-cert-file = " + cert);

        assertEquals(Optional.of(cert), load("--config", file.toString()).upstream().trustCertFile());
        assertEquals(Optional.empty(),
                load("--config", file.toString(), "--trust-cert-file=").upstream().trustCertFile());
    }

    @Test
    void configFileSyntaxFollowsJavaProperties() throws IOException {
        Path file = configFile(
                "# upstream",
                "! also a comment",
                "",
                "   top-n:42",
                "quote-currency EUR",
                "priority-products = BTC, \\",
                "    ETH, \\",
                "    SOL",
                "catalog-cache-file = C:\\tickerplant\\cache.json   ");

        Settings settings = load("--config", file.toString());

        assertEquals(42, settings.selection().topN());
        assertEquals("EUR", settings.selection().quoteCurrency());
        assertEquals(List.of("BTC-EUR", "ETH-EUR", "SOL-EUR"), settings.selection().priorityProducts());
        assertEquals("C:\\tickerplant\\cache.json", settings.upstream().catalogCacheFile().toString());
    }

    private Path configFile(String... lines) throws IOException {
        return Files.write(dir.resolve("tickerplant.properties"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static Settings load(String... args) {
        return SettingsLoader.load(args, Map.of());
    }
}
