package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderErrorTest {

    @TempDir
    Path dir;

    @Test
    void integerFromAnAliasNamesSettingAliasValueAndRange() {
        assertEquals("Invalid setting products-per-connection = \"abc\" (from env PRODUCTS_PER_CONNECTION): "
                + "expected an integer from 1 to 100",
                errorFromEnv(Map.of("PRODUCTS_PER_CONNECTION", "abc")));
    }

    @Test
    void integerOutOfRange() {
        assertEquals("Invalid setting top-n = \"1001\" (from command line --top-n): expected an integer from 0 to 1000",
                error("--top-n", "1001"));
        assertEquals("Invalid setting connect-rate-limit = \"99999999999\" (from command line --connect-rate-limit): "
                + "expected an integer from 1 to 100", error("--connect-rate-limit", "99999999999"));
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertEquals("Invalid setting ring-size = \"1000\" (from command line --ring-size): "
                + "expected a power of two from 1024 to 16777216", error("--ring-size", "1000"));
        assertEquals("Invalid setting ring-size = \"3072\" (from env TICKERPLANT_RING_SIZE): "
                + "expected a power of two from 1024 to 16777216",
                errorFromEnv(Map.of("TICKERPLANT_RING_SIZE", "3072")));
        assertEquals("Invalid setting ring-size = \"33554432\" (from command line --ring-size): "
                + "expected a power of two from 1024 to 16777216", error("--ring-size", "33554432"));
    }

    @Test
    void decimalRejectsNonNumbersAndOutOfRange() {
        assertEquals("Invalid setting backoff-multiplier = \"NaN\" (from command line --backoff-multiplier): "
                + "expected a number from 1 to 10", error("--backoff-multiplier", "NaN"));
        assertEquals("Invalid setting backoff-multiplier = \"0.5\" (from command line --backoff-multiplier): "
                + "expected a number from 1 to 10", error("--backoff-multiplier", "0.5"));
        assertEquals("Invalid setting simulate-rate = \"0\" (from command line --simulate-rate): "
                + "expected a number greater than 0 and at most 1000000", error("--simulate-rate", "0"));
    }

    @Test
    void bareNumberDurationAsksForAUnit() {
        assertEquals("Invalid setting connect-timeout = \"10\" (from env TICKERPLANT_CONNECT_TIMEOUT): "
                + "expected a duration with a unit; add ms, s, m or h (e.g. 10s)",
                errorFromEnv(Map.of("TICKERPLANT_CONNECT_TIMEOUT", "10")));
    }

    @Test
    void malformedOrOutOfRangeDuration() {
        assertEquals("Invalid setting shutdown-timeout = \"5 seconds\" (from command line --shutdown-timeout): "
                + "expected a duration from 1ms to 24h, such as 250ms, 5s, 2m, 1h or PT5S",
                error("--shutdown-timeout", "5 seconds"));
        assertEquals("Invalid setting watchdog-timeout = \"1s\" (from command line --watchdog-timeout): "
                + "expected a duration greater than 1s and at most 24h, such as 250ms, 5s, 2m, 1h or PT5S",
                error("--watchdog-timeout", "1s"));
        assertEquals("Invalid setting backoff-initial = \"0ms\" (from command line --backoff-initial): "
                + "expected a duration from 1ms to 24h, such as 250ms, 5s, 2m, 1h or PT5S",
                error("--backoff-initial", "0ms"));
        assertEquals("Invalid setting backoff-initial = \"PT-5S\" (from command line --backoff-initial): "
                + "expected a duration from 1ms to 24h, such as 250ms, 5s, 2m, 1h or PT5S",
                error("--backoff-initial", "PT-5S"));
        assertEquals("Invalid setting http-request-timeout = \"0s\" (from command line --http-request-timeout): "
                + "expected a duration from 100ms to 24h, such as 250ms, 5s, 2m, 1h or PT5S",
                error("--http-request-timeout", "0s"));
    }

    @Test
    void sizeRejectsDecimalUnitsAndOutOfRange() {
        assertEquals("Invalid setting max-frame-size = \"8MB\" (from command line --max-frame-size): "
                + "expected a size from 1KiB to 1024MiB in bytes or with a KiB or MiB suffix, such as 8MiB",
                error("--max-frame-size", "8MB"));
        assertEquals("Invalid setting max-frame-size = \"100\" (from command line --max-frame-size): "
                + "expected a size from 1KiB to 1024MiB in bytes or with a KiB or MiB suffix, such as 8MiB",
                error("--max-frame-size", "100"));
    }

    @Test
    void booleanAcceptsOnlyTrueOrFalse() {
        assertEquals("Invalid setting simulate = \"yes\" (from command line --simulate): expected true or false",
                error("--simulate", "yes"));
        assertEquals("Invalid setting websocket-compression = \"deflate\" (from command line "
                + "--websocket-compression): expected true or false", error("--websocket-compression", "deflate"));
    }

    @Test
    void enumListsTheChoices() {
        assertEquals("Invalid setting upstream-protocol = \"pro\" (from env TICKERPLANT_UPSTREAM_PROTOCOL): "
                + "expected one of advanced-trade, exchange",
                errorFromEnv(Map.of("TICKERPLANT_UPSTREAM_PROTOCOL", "pro")));
    }

    @Test
    void transportListsTheChoicesWhereverItCameFrom() throws IOException {
        assertEquals("Invalid setting transport = \"foo\" (from command line --transport): "
                + "expected one of auto, epoll, io_uring, nio", error("--transport", "foo"));
        assertEquals("Invalid setting transport = \"kqueue\" (from env TICKERPLANT_TRANSPORT): "
                + "expected one of auto, epoll, io_uring, nio", errorFromEnv(Map.of("TICKERPLANT_TRANSPORT", "kqueue")));
        Path file = configFile("transport = uring");
        assertEquals("Invalid setting transport = \"uring\" (from config file " + file + " line 1): "
                + "expected one of auto, epoll, io_uring, nio", error("--config", file.toString()));
    }

    @Test
    void ringWaitStrategyListsTheChoices() {
        String expected = "expected one of blocking, lite-blocking, timeout-blocking, phased-backoff, sleeping, yielding";
        assertEquals("Invalid setting ring-wait-strategy = \"busy-spin\" (from command line --ring-wait-strategy): "
                + expected, error("--ring-wait-strategy", "busy-spin"));
        assertEquals("Invalid setting ring-wait-strategy = \"spin\" (from env TICKERPLANT_RING_WAIT_STRATEGY): "
                + expected, errorFromEnv(Map.of("TICKERPLANT_RING_WAIT_STRATEGY", "spin")));
    }

    @Test
    void uriNeedsTheRightSchemeAndAHost() {
        assertEquals("Invalid setting upstream-url = \"https://advanced-trade-ws.coinbase.com\" "
                + "(from command line --upstream-url): expected a URI with a host and scheme ws or wss",
                error("--upstream-url", "https://advanced-trade-ws.coinbase.com"));
        assertEquals("Invalid setting rest-url = \"api.coinbase.com\" (from command line --rest-url): "
                + "expected a URI with a host and scheme http or https", error("--rest-url", "api.coinbase.com"));
        assertEquals("Invalid setting rest-url = \"http://bad host\" (from command line --rest-url): "
                + "expected a URI with a host and scheme http or https", error("--rest-url", "http://bad host"));
    }

    @Test
    void quoteCurrencyMustBeLetters() {
        assertEquals("Invalid setting quote-currency = \"US1\" (from command line --quote-currency): "
                + "expected a currency code of 2 to 10 letters such as USD", error("--quote-currency", "US1"));
        assertEquals("Invalid setting quote-currency = \"U\" (from command line --quote-currency): "
                + "expected a currency code of 2 to 10 letters such as USD", error("--quote-currency", "U"));
    }

    @Test
    void productListNamesTheBadEntry() {
        assertEquals("Invalid setting products = \"BTC-USD, ETH USD\" (from env MONITORING_CRYPTOS): "
                + "expected comma-separated product ids such as BTC-USD,ETH-USD (letters and digits joined by "
                + "dashes); \"ETH USD\" is not one",
                errorFromEnv(Map.of("MONITORING_CRYPTOS", "BTC-USD, ETH USD")));
    }

    @Test
    void invalidApiKeyNameIsMaskedInTheMessage() {
        String message = error("--api-key-name", "orgs/secret-org-id/keys/secret-key-id-7f3a");

        assertEquals("Invalid setting api-key-name = \"****7f3a\" (from command line --api-key-name): "
                + "expected an API key name of the form organizations/{org}/apiKeys/{id}",
                message);
        assertFalse(message.contains("secret"), message);
    }

    @Test
    void pemFilesMustExist() {
        Path missing = dir.resolve("missing.pem");

        assertEquals("Invalid setting trust-cert-file = \"" + missing + "\" (from command line --trust-cert-file): "
                + "expected a readable file, but there is no such file", error("--trust-cert-file", missing.toString()));
        assertEquals("Invalid setting trust-cert-file = \"" + dir + "\" (from command line --trust-cert-file): "
                + "expected a readable file, but it is not a regular file", error("--trust-cert-file", dir.toString()));
    }

    @Test
    void missingConfigFileNamesThePathAndWhereItCameFrom() {
        Path missing = dir.resolve("absent.properties");

        assertEquals("Invalid setting config = \"" + missing + "\" (from command line --config): "
                + "expected a readable file, but there is no such file", error("--config", missing.toString()));
        assertEquals("Invalid setting config = \"" + missing + "\" (from env TICKERPLANT_CONFIG): "
                + "expected a readable file, but there is no such file",
                errorFromEnv(Map.of("TICKERPLANT_CONFIG", missing.toString())));
    }

    @Test
    void configFileThatIsNotUtf8IsRejected() throws IOException {
        Path file = Files.write(dir.resolve("latin1.properties"), new byte[] {'t', 'o', 'p', '-', 'n', '=', (byte) 0xE9});

        assertEquals("Invalid setting config = \"" + file + "\" (from command line --config): "
                + "expected a UTF-8 text file", error("--config", file.toString()));
    }

    @Test
    void valueFromTheConfigFileNamesFileAndLine() throws IOException {
        Path file = configFile("# comment", "top-n = 10", "subscribe-timeout = 10");

        assertEquals("Invalid setting subscribe-timeout = \"10\" (from config file " + file + " line 3): "
                + "expected a duration with a unit; add ms, s, m or h (e.g. 10s)",
                error("--config", file.toString()));
    }

    @Test
    void unknownFlagSuggestsTheClosestName() {
        assertEquals("Unknown option --product-per-connection (from command line): "
                + "did you mean --products-per-connection?", error("--product-per-connection", "10"));
        assertEquals("Unknown option --TOP_N (from command line): did you mean --top-n?", error("--TOP_N", "3"));
        assertEquals("Unknown option --simulat (from command line): did you mean --simulate?", error("--simulat"));
        assertEquals("Unknown option -x (from command line): expected one of the settings listed by --help",
                error("-x"));
        assertEquals("Unknown option --frobnicate-widgets (from command line): "
                + "expected one of the settings listed by --help", error("--frobnicate-widgets=1"));
    }

    @Test
    void unknownFileKeySuggestsTheClosestName() throws IOException {
        Path file = configFile("prodcts = BTC-USD");

        assertEquals("Unknown setting \"prodcts\" (from config file " + file + " line 1): did you mean products?",
                error("--config", file.toString()));
    }

    @Test
    void configFileCannotNameAnotherConfigFile() throws IOException {
        Path file = configFile("config = other.properties");

        assertEquals("Unknown setting \"config\" (from config file " + file + " line 1): "
                + "a config file cannot name another one, expected --config or TICKERPLANT_CONFIG",
                error("--config", file.toString()));
    }

    @Test
    void keyGivenTwiceInTheFileIsRejected() throws IOException {
        Path file = configFile("top-n = 10", "ring-size = 1024", "top-n = 20");

        assertEquals("Duplicate setting top-n (from config file " + file + " line 3): "
                + "expected each key once, but it is also set on line 1", error("--config", file.toString()));
    }

    @Test
    void flagWithoutItsValue() {
        assertEquals("Missing value for setting top-n (from command line --top-n): expected an integer from 0 to 1000",
                error("--top-n"));
        assertEquals("Missing value for setting products (from command line --products): "
                + "expected comma-separated product ids such as BTC-USD,ETH-USD (letters and digits joined by dashes)",
                error("--products", "--top-n", "5"));
        assertEquals("Missing value for setting config (from command line --config): expected a file path",
                error("--config"));
    }

    @Test
    void positionalArgumentIsRejected() {
        assertEquals("Unexpected argument \"BTC-USD\" (from command line): "
                + "expected options of the form --key value or --key=value", error("BTC-USD"));
    }

    @Test
    void productsAndTopNTogetherNameBothAndTheirOrigins() {
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(
                new String[] {"--top-n", "50"}, Map.of("MONITORING_CRYPTOS", "BTC,ETH")));

        assertEquals("Conflicting settings products (from env MONITORING_CRYPTOS) and top-n = 50 "
                + "(from command line --top-n): expected only one of them, either explicit products "
                + "or the top N by volume", e.getMessage());
    }

    @Test
    void apiKeyNameWithoutKeyFileNamesTheMissingOne() {
        assertEquals("Missing setting api-private-key-file: api-key-name is set (from env TICKERPLANT_API_KEY_NAME), "
                + "expected both api-key-name and api-private-key-file or neither",
                errorFromEnv(Map.of("TICKERPLANT_API_KEY_NAME", "organizations/o/apiKeys/k")));
    }

    @Test
    void keyFileWithoutApiKeyNameNamesTheMissingOne() throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN EC PRIVATE KEY-----\n");

        assertEquals("Missing setting api-key-name: api-private-key-file is set "
                + "(from command line --api-private-key-file), expected both api-key-name and api-private-key-file "
                + "or neither", error("--api-private-key-file", key.toString()));
    }

    @Test
    void priorityProductsPerConnectionAboveProductsPerConnectionNamesBoth() {
        assertEquals("Invalid setting priority-products-per-connection = \"20\" (from command line "
                + "--priority-products-per-connection): expected an integer at most products-per-connection = 15 "
                + "(from default)", error("--priority-products-per-connection", "20"));
        assertEquals("Invalid setting priority-products-per-connection = \"0\" (from command line "
                + "--priority-products-per-connection): expected an integer from 1 to 100",
                error("--priority-products-per-connection", "0"));
    }

    @Test
    void backoffMaxBelowInitialNamesBoth() {
        assertEquals("Invalid setting backoff-max = \"1s\" (from command line --backoff-max): "
                + "expected a duration at least backoff-initial = 2s (from env TICKERPLANT_BACKOFF_INITIAL)",
                assertThrows(ConfigException.class, () -> SettingsLoader.load(new String[] {"--backoff-max", "1s"},
                        Map.of("TICKERPLANT_BACKOFF_INITIAL", "2s"))).getMessage());
    }

    @Test
    void writeBufferHighBelowLowNamesBoth() {
        assertEquals("Invalid setting write-buffer-high = \"16KiB\" (from command line --write-buffer-high): "
                + "expected a size at least write-buffer-low = 32KiB (from default)",
                error("--write-buffer-high", "16KiB"));
    }

    @Test
    void healthDownCoverageAboveReadyNamesBoth() {
        assertEquals("Invalid setting health-down-coverage = \"0.8\" (from env TICKERPLANT_HEALTH_DOWN_COVERAGE): "
                + "expected a number at most health-ready-coverage = 0.7 (from command line --health-ready-coverage)",
                assertThrows(ConfigException.class, () -> SettingsLoader.load(
                        new String[] {"--health-ready-coverage", "0.7"},
                        Map.of("TICKERPLANT_HEALTH_DOWN_COVERAGE", "0.8"))).getMessage());
    }

    @Test
    void listenSettingsRejectBadHostsAndPorts() {
        assertEquals("Invalid setting listen-port = \"65536\" (from command line --listen-port): "
                + "expected an integer from 0 to 65535", error("--listen-port", "65536"));
        assertEquals("Invalid setting listen-host = \"local host\" (from command line --listen-host): "
                + "expected a host name or IP address such as 127.0.0.1, 0.0.0.0 or ::1",
                error("--listen-host", "local host"));
        assertEquals("Invalid setting history-size = \"5000\" (from command line --history-size): "
                + "expected a power of two from 1024 to 16777216", error("--history-size", "5000"));
    }

    @Test
    void messageStaysOnOneLineWhateverTheValueHolds() {
        String message = errorFromEnv(Map.of("TICKERPLANT_TOP_N", "1\n2\r3\t\"4\""));

        assertEquals("Invalid setting top-n = \"1\\n2\\r3\\t\\\"4\\\"\" (from env TICKERPLANT_TOP_N): "
                + "expected an integer from 0 to 1000", message);
        assertFalse(message.contains("\n") || message.contains("\r"));
    }

    @Test
    void helpWinsOverEveryOtherArgument() {
        HelpRequested help = assertThrows(HelpRequested.class,
                () -> SettingsLoader.load(new String[] {"--top-n", "abc", "--help", "--unknown"}, Map.of()));
        assertEquals(SettingsLoader.helpText(), help.helpText());

        assertThrows(HelpRequested.class, () -> SettingsLoader.load(new String[] {"-h"}, Map.of()));
    }

    @Test
    void helpIsNotAConfigException() {
        assertFalse(ConfigException.class.isAssignableFrom(HelpRequested.class));
        assertTrue(RuntimeException.class.isAssignableFrom(HelpRequested.class));
    }

    private Path configFile(String... lines) throws IOException {
        return Files.write(dir.resolve("tickerplant.properties"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static String error(String... args) {
        return assertThrows(ConfigException.class, () -> SettingsLoader.load(args, Map.of())).getMessage();
    }

    private static String errorFromEnv(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> SettingsLoader.load(new String[0], env)).getMessage();
    }
}
