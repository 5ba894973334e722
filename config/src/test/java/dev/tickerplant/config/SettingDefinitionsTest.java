package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingDefinitionsTest {

    @Test
    void keysAndEnvironmentNamesAreUnique() {
        Set<String> keys = new HashSet<>();
        Set<String> envNames = new HashSet<>(Set.of(SettingsLoader.CONFIG_ENV));
        for (Setting<?> setting : SettingDefinitions.ALL) {
            assertTrue(keys.add(setting.key()), setting.key());
            for (String env : setting.envNames()) {
                assertTrue(envNames.add(env), env);
            }
        }
        assertEquals(SettingDefinitions.ALL.size(), SettingDefinitions.keys().size());
    }

    @Test
    void environmentNameIsThePrefixedUpperCaseKey() {
        assertEquals("TICKERPLANT_PRODUCTS_PER_CONNECTION", SettingDefinitions.PRODUCTS_PER_CONNECTION.envName());
        assertEquals(List.of("TICKERPLANT_PRODUCTS_PER_CONNECTION", "PRODUCTS_PER_CONNECTION"),
                SettingDefinitions.PRODUCTS_PER_CONNECTION.envNames());
        assertEquals(List.of("TICKERPLANT_PRODUCTS", "MONITORING_CRYPTOS"), SettingDefinitions.PRODUCTS.envNames());
        assertEquals(List.of("TICKERPLANT_TOP_N", "TOP_USD_PAIRS"), SettingDefinitions.TOP_N.envNames());
        assertEquals(List.of("TICKERPLANT_WINDOW_MINUTES", "WINDOW_MINUTES"),
                SettingDefinitions.WINDOW_MINUTES.envNames());
        assertEquals(List.of("TICKERPLANT_VOLUME_THRESHOLD", "VOLUME_THRESHOLD"),
                SettingDefinitions.VOLUME_THRESHOLD.envNames());
    }

    @Test
    void defaultsShownByHelpAreTheDefaultsLoaded() {
        Settings defaults = SettingsLoader.load(new String[0], Map.of());
        for (Setting<?> setting : SettingDefinitions.ALL) {
            if (setting == SettingDefinitions.UPSTREAM_URL || setting == SettingDefinitions.REST_URL
                    || setting == SettingDefinitions.NODE_NAME) {
                continue; // derived from the protocol or the host, checked below
            }
            assertEquals(setting.defaultText(), setting.display(defaults), setting.key());
        }
        assertEquals("wss://advanced-trade-ws.coinbase.com", SettingDefinitions.UPSTREAM_URL.display(defaults));
        assertEquals("https://api.coinbase.com", SettingDefinitions.REST_URL.display(defaults));
        assertEquals(NodeNames.ofThisHost(), SettingDefinitions.NODE_NAME.display(defaults));
    }

    @Test
    void everyNonDefaultValueLandsInItsOwnSetting() {
        Map<String, String> values = Map.ofEntries(
                Map.entry("top-n", "7"), Map.entry("quote-currency", "EUR"),
                Map.entry("priority-products", "BTC-EUR"), Map.entry("products-per-connection", "9"),
                Map.entry("priority-products-per-connection", "3"),
                Map.entry("redundancy", "2"),
                Map.entry("upstream-protocol", "exchange"), Map.entry("upstream-url", "ws://127.0.0.1:1"),
                Map.entry("rest-url", "http://127.0.0.1:2"), Map.entry("catalog-cache-file", "cache.json"),
                Map.entry("connect-timeout", "11s"), Map.entry("subscribe-timeout", "12s"),
                Map.entry("watchdog-timeout", "13s"), Map.entry("backoff-initial", "14ms"),
                Map.entry("backoff-max", "15s"), Map.entry("backoff-multiplier", "1.6"),
                Map.entry("backoff-reset-after", "17s"), Map.entry("connect-rate-limit", "18"),
                Map.entry("subscribe-rate-limit", "19"), Map.entry("ws-ping-interval", "21s"),
                Map.entry("max-frame-size", "22KiB"), Map.entry("ring-size", "2048"),
                Map.entry("ring-wait-strategy", "yielding"),
                Map.entry("listen-host", "0.0.0.0"), Map.entry("listen-port", "9090"),
                Map.entry("fanout-threads", "3"), Map.entry("max-clients", "26"),
                Map.entry("max-subscriptions", "27"), Map.entry("commands-per-second", "28"),
                Map.entry("max-command-size", "29KiB"), Map.entry("heartbeat-interval", "31s"),
                Map.entry("slow-client-timeout", "32s"), Map.entry("write-buffer-low", "33KiB"),
                Map.entry("write-buffer-high", "34KiB"), Map.entry("fanout-flush-linger", "2ms"),
                Map.entry("http-request-timeout", "45s"), Map.entry("websocket-compression", "false"),
                Map.entry("history-size", "4096"),
                Map.entry("window-minutes", "35"), Map.entry("volume-threshold", "3.6"),
                Map.entry("max-connections-per-ip", "38"),
                Map.entry("allowed-origins", "https://app.example.com,http://localhost:3000"),
                Map.entry("health-ready-coverage", "0.37"), Map.entry("health-down-coverage", "0.36"),
                Map.entry("simulate", "true"), Map.entry("simulate-rate", "23"),
                Map.entry("health-log-interval", "24s"), Map.entry("shutdown-timeout", "25s"),
                Map.entry("transport", "io_uring"),
                Map.entry("role", "ingest"), Map.entry("instance", "2/3"), Map.entry("node-name", "ingest-2"),
                Map.entry("nats-url", "nats://10.0.0.1:4222,tls://nats.example.com:4223"),
                Map.entry("nats-stream", "TICKS"), Map.entry("nats-subject-prefix", "desk.tp"),
                Map.entry("nats-replicas", "3"), Map.entry("nats-max-age", "48h"),
                Map.entry("nats-max-msgs-per-subject", "39"), Map.entry("nats-duplicate-window", "41s"),
                Map.entry("nats-publish-buffer", "42"), Map.entry("nats-max-pending-acks", "43"),
                Map.entry("nats-unreachable-threshold", "44s"), Map.entry("catalog-refresh-interval", "45m"));
        String[] args = values.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);

        Settings settings = SettingsLoader.load(args, Map.of());

        // A new row must be added above (or to the exceptions, which other tests cover) to keep this check whole.
        Set<String> covered = new HashSet<>(values.keySet());
        covered.addAll(Set.of("products", "trust-cert-file", "api-key-name", "api-private-key-file", "auth-token", "admin-token",
                "compat-jwt-public-key-file", "nats-credentials-file", "nats-tls-ca-file"));
        assertEquals(new HashSet<>(SettingDefinitions.keys()), covered);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            Setting<?> setting = SettingDefinitions.byKey(entry.getKey()).orElseThrow();
            assertEquals(entry.getValue(), setting.display(settings), entry.getKey());
        }
    }
}
