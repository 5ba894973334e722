package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    private static final String KEY_NAME = "organizations/5b8c1e2a-org/apiKeys/0f1e2d3c-key-9a7b";

    @TempDir
    Path dir;

    @Test
    void toStringPrintsEverySettingOnceWithTheApiKeyNameMasked() throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN EC PRIVATE KEY-----\n");
        Settings settings = SettingsLoader.load(new String[] {"--products", "btc,eth"}, Map.of(
                "TICKERPLANT_API_KEY_NAME", KEY_NAME,
                "TICKERPLANT_API_PRIVATE_KEY_FILE", key.toString()));

        String text = settings.toString();

        for (Setting<?> setting : SettingDefinitions.ALL) {
            assertEquals(1, text.split("[\\[ ]" + setting.key() + "=", -1).length - 1, setting.key());
        }
        assertTrue(text.contains("api-key-name=****9a7b"), text);
        assertFalse(text.contains("5b8c1e2a"), text);
        assertFalse(text.contains("0f1e2d3c"), text);
        assertTrue(text.contains("api-private-key-file=" + key), text);
        assertTrue(text.contains("products=BTC-USD,ETH-USD"), text);
        assertTrue(text.contains("connect-timeout=10s"), text);
        assertTrue(text.contains("trust-cert-file=(none)"), text);
        assertFalse(text.contains("\n"));
    }

    @Test
    void credentialsToStringMasksTheKeyName() {
        String text = new Settings.Credentials(KEY_NAME, Path.of("key.pem")).toString();

        assertEquals("Credentials[apiKeyName=****9a7b, apiPrivateKeyFile=key.pem]", text);
    }

    @Test
    void recordsRejectValuesOutsideTheSameRangesAsParsing() {
        assertEquals("Invalid setting ring-size = \"1000\": expected a power of two from 1024 to 16777216",
                assertThrows(ConfigException.class, () -> new Settings.Ring(1000, RingWaitStrategy.BLOCKING))
                        .getMessage());
        assertEquals("Missing setting ring-wait-strategy: expected one of blocking, lite-blocking, timeout-blocking, "
                + "phased-backoff, sleeping, yielding, not null",
                assertThrows(ConfigException.class, () -> new Settings.Ring(1024, null)).getMessage());
        assertEquals("Invalid setting watchdog-timeout = \"1s\": expected a duration greater than 1s and at most 24h, "
                + "such as 250ms, 5s, 2m, 1h or PT5S",
                assertThrows(ConfigException.class, () -> upstreamWithWatchdog(Duration.ofSeconds(1))).getMessage());
        assertEquals("Missing setting shutdown-timeout: expected a duration from 1ms to 24h, such as 250ms, 5s, 2m, "
                + "1h or PT5S, not null", assertThrows(ConfigException.class,
                        () -> new Settings.Daemon(false, 40, Duration.ofSeconds(30), null, NetworkTransport.AUTO))
                        .getMessage());
        assertEquals("Missing setting transport: expected one of auto, epoll, io_uring, nio, not null",
                assertThrows(ConfigException.class, () -> new Settings.Daemon(false, 40, Duration.ofSeconds(30),
                        Duration.ofSeconds(5), null)).getMessage());
    }

    @Test
    void serverAndHealthRecordsCheckTheirCrossFieldRules() {
        assertEquals("Invalid setting write-buffer-high = \"1KiB\": expected a size at least write-buffer-low = 2KiB",
                assertThrows(ConfigException.class, () -> new Settings.Server("127.0.0.1", 0, 2, 10, 10, 20, 65536,
                        Duration.ofSeconds(30), Duration.ofSeconds(30), 2048, 1024, 1024, 5, 3.0, Optional.empty(), 100,
                        List.of())).getMessage());
        assertEquals("Invalid setting health-down-coverage = \"0.9\": expected a number at most "
                + "health-ready-coverage = 0.8",
                assertThrows(ConfigException.class, () -> new Settings.Health(0.8, 0.9)).getMessage());
        assertEquals("Invalid setting volume-threshold = \"0.5\": expected a number from 1 to 1000",
                assertThrows(ConfigException.class, () -> new Settings.Server("127.0.0.1", 0, 2, 10, 10, 20, 65536,
                        Duration.ofSeconds(30), Duration.ofSeconds(30), 1024, 2048, 1024, 5, 0.5, Optional.empty(), 100,
                        List.of())).getMessage());
    }

    @Test
    void selectionQualifiesBareIdsAndRejectsProductsWithTopN() {
        Settings.Selection selection = new Settings.Selection(List.of("BTC", "BTC-USD", "ETH-EUR"), 0, "USD",
                List.of("SOL"), 1, 15, 1);

        assertEquals(List.of("BTC-USD", "ETH-EUR"), selection.products());
        assertEquals(List.of("SOL-USD"), selection.priorityProducts());
        assertEquals("Conflicting settings products and top-n = 10: expected only one of them, either explicit "
                + "products or the top N by volume", assertThrows(ConfigException.class,
                        () -> new Settings.Selection(List.of("BTC-USD"), 10, "USD", List.of(), 1, 15, 1)).getMessage());
    }

    @Test
    void backoffRejectsMaxBelowInitial() {
        assertEquals("Invalid setting backoff-max = \"1s\": expected a duration at least backoff-initial = 2s",
                assertThrows(ConfigException.class, () -> new Settings.Backoff(Duration.ofSeconds(2),
                        Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60))).getMessage());
    }

    @Test
    void credentialsNeedBoth() {
        assertEquals("Missing setting api-private-key-file: api-key-name is set, expected both api-key-name and "
                + "api-private-key-file or neither", assertThrows(ConfigException.class,
                        () -> new Settings.Credentials(KEY_NAME, null)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> new Settings.Credentials("not-a-key-name-at-all",
                Path.of("key.pem"))).getMessage().contains("= \"****-all\""));
    }

    private static Settings.Upstream upstreamWithWatchdog(Duration watchdog) {
        Settings.Upstream defaults = SettingsLoader.load(new String[0], Map.of()).upstream();
        return new Settings.Upstream(defaults.protocol(), defaults.url(), defaults.restUrl(),
                defaults.catalogCacheFile(), defaults.connectTimeout(), defaults.subscribeTimeout(), watchdog,
                defaults.connectRateLimit(), defaults.subscribeRateLimit(), defaults.wsPingInterval(),
                defaults.maxFrameSize(), defaults.trustCertFile());
    }
}
