package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** role, instance, node-name and the nats-* settings: parsed from every layer, validated alone and together. */
class ScaleOutSettingsTest {

    private static final String BUS = "nats://127.0.0.1:4222";
    private static final String SERVERS = "a comma-separated list of NATS servers such as "
            + "nats://127.0.0.1:4222,tls://nats.example.com:4222 (nats or tls, a host and a port, no path)";
    private static final String NAME = "a name of 1 to 64 characters from A-Z, a-z, 0-9, _ and -";
    private static final String STREAM = "a stream name of 1 to 64 characters from A-Z, a-z, 0-9, _ and -";
    private static final String PREFIX = "dot-separated tokens of A-Z, a-z, 0-9, _ and - such as tickerplant or "
            + "desk1.tickerplant (no empty token, no * or >)";
    private static final String LONG_NAME = "n".repeat(64);

    @TempDir
    Path dir;

    @Test
    void defaultsAreOneProcessForEverythingAndNoBus() {
        Settings settings = SettingsLoader.load(new String[0], Map.of());

        assertEquals(Role.ALL, settings.cluster().role());
        assertEquals(InstanceSlot.ONLY, settings.cluster().instance());
        assertEquals(NodeNames.ofThisHost(), settings.cluster().nodeName());
        assertTrue(settings.cluster().nodeName().matches("[a-z0-9_-]{1,64}"), settings.cluster().nodeName());
        assertEquals(new Settings.Bus(List.of(), Optional.empty(), Optional.empty(), "TICKERPLANT", "tickerplant", 1,
                Duration.ofHours(24), 100_000L, Duration.ofMinutes(2), 65_536, 4_096, Duration.ofSeconds(10)),
                settings.bus());
    }

    /** key, value given on the command line, the value as the settings print it back. */
    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            role|all|all
            role|INGEST|ingest
            role|fanout|fanout
            instance|1/1|1/1
            instance|2/3|2/3
            instance|64/64|64/64
            instance|3 / 4|3/4
            node-name|web-01|web-01
            node-name|Node_A-7|Node_A-7
            node-name|nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn|nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
            nats-url|nats://127.0.0.1:4222|nats://127.0.0.1:4222
            nats-url|NATS://Nats.Example.com:4222/|nats://nats.example.com:4222
            nats-url|nats://a:1, tls://b.example:2|nats://a:1,tls://b.example:2
            nats-url|nats://a:1,nats://a:1|nats://a:1
            nats-url|tls://[::1]:4222|tls://[::1]:4222
            nats-stream|TICKERPLANT|TICKERPLANT
            nats-stream|ticks_2-b|ticks_2-b
            nats-subject-prefix|tickerplant|tickerplant
            nats-subject-prefix|desk1.tickerplant|desk1.tickerplant
            nats-subject-prefix|a.b-c.d_E|a.b-c.d_E
            nats-replicas|1|1
            nats-replicas|5|5
            nats-max-age|2m|2m
            nats-max-age|PT48H|48h
            nats-max-age|8760h|8760h
            nats-max-msgs-per-subject|1|1
            nats-max-msgs-per-subject|9223372036854775807|9223372036854775807
            nats-duplicate-window|1s|1s
            nats-duplicate-window|90s|90s
            nats-publish-buffer|1|1
            nats-publish-buffer|16777216|16777216
            nats-max-pending-acks|1|1
            nats-max-pending-acks|65536|65536
            nats-unreachable-threshold|1s|1s
            nats-unreachable-threshold|24h|24h
            """)
    void goodValuesAreReadAndPrintedBack(String key, String value, String printed) {
        Settings settings = load(withBus(key, value));

        assertEquals(printed, SettingDefinitions.byKey(key).orElseThrow().display(settings));
    }

    static Stream<Arguments> badValues() {
        String slot = "i/N with 1 <= i <= N (e.g. 1/2)";
        String slotUpTo64 = "i/N with 1 <= i <= N <= 64 (e.g. 1/2)";
        String duration = ", such as 250ms, 5s, 2m, 1h or PT5S";
        return Stream.of(
                arguments("role", "leader", "one of all, ingest, fanout"),
                arguments("role", "", "one of all, ingest, fanout"),
                arguments("instance", "3/2", slot),
                arguments("instance", "0/2", slot),
                arguments("instance", "1/0", slot),
                arguments("instance", "-1/2", slot),
                arguments("instance", "2", slot),
                arguments("instance", "1-2", slot),
                arguments("instance", "1/2/3", slot),
                arguments("instance", "9999999999/1", slot),
                arguments("instance", "1/65", slotUpTo64),
                arguments("instance", "65/65", slotUpTo64),
                arguments("node-name", "", NAME),
                arguments("node-name", "web.01", NAME),
                arguments("node-name", "web 01", NAME),
                arguments("node-name", "na\u00efve", NAME),
                arguments("node-name", LONG_NAME + "n", NAME),
                arguments("nats-url", "http://127.0.0.1:4222", SERVERS + "; \"http://127.0.0.1:4222\" is not one"),
                arguments("nats-url", "127.0.0.1:4222", SERVERS + "; \"127.0.0.1:4222\" is not one"),
                arguments("nats-url", "nats://bad host:4222", SERVERS + "; \"nats://bad host:4222\" is not one"),
                arguments("nats-url", "nats://h:4222/path", SERVERS + "; \"nats://h:4222/path\" is not one"),
                arguments("nats-url", "nats://h:4222?x=1", SERVERS + "; \"nats://h:4222?x=1\" is not one"),
                arguments("nats-url", "nats://a:1,,nats://b:2", SERVERS + "; \"\" is not one"),
                arguments("nats-url", "nats://127.0.0.1", SERVERS + "; \"nats://127.0.0.1\" needs a port from 1 to 65535"),
                arguments("nats-url", "tls://h:0", SERVERS + "; \"tls://h:0\" needs a port from 1 to 65535"),
                arguments("nats-url", "tls://h:65536", SERVERS + "; \"tls://h:65536\" needs a port from 1 to 65535"),
                arguments("nats-stream", "", STREAM),
                arguments("nats-stream", "TICKER.PLANT", STREAM),
                arguments("nats-stream", "TICKER*", STREAM),
                arguments("nats-stream", LONG_NAME + "n", STREAM),
                arguments("nats-subject-prefix", "", PREFIX),
                arguments("nats-subject-prefix", "tickerplant.*", PREFIX),
                arguments("nats-subject-prefix", "tickerplant.>", PREFIX),
                arguments("nats-subject-prefix", "a..b", PREFIX),
                arguments("nats-subject-prefix", ".a", PREFIX),
                arguments("nats-subject-prefix", "a.", PREFIX),
                arguments("nats-subject-prefix", "desk 1", PREFIX),
                arguments("nats-replicas", "0", "an integer from 1 to 5"),
                arguments("nats-replicas", "6", "an integer from 1 to 5"),
                arguments("nats-replicas", "three", "an integer from 1 to 5"),
                arguments("nats-max-age", "999ms", "a duration from 1s to 8760h" + duration),
                arguments("nats-max-age", "8761h", "a duration from 1s to 8760h" + duration),
                arguments("nats-max-age", "24", "a duration with a unit; add ms, s, m or h (e.g. 24s)"),
                arguments("nats-max-msgs-per-subject", "0", "an integer of at least 1"),
                arguments("nats-max-msgs-per-subject", "-5", "an integer of at least 1"),
                arguments("nats-max-msgs-per-subject", "1e5", "an integer of at least 1"),
                arguments("nats-max-msgs-per-subject", "9223372036854775808", "an integer of at least 1"),
                arguments("nats-duplicate-window", "500ms", "a duration from 1s to 24h" + duration),
                arguments("nats-duplicate-window", "25h", "a duration from 1s to 24h" + duration),
                arguments("nats-publish-buffer", "0", "an integer from 1 to 16777216"),
                arguments("nats-publish-buffer", "16777217", "an integer from 1 to 16777216"),
                arguments("nats-max-pending-acks", "0", "an integer from 1 to 65536"),
                arguments("nats-max-pending-acks", "65537", "an integer from 1 to 65536"),
                arguments("nats-unreachable-threshold", "0s", "a duration from 1s to 24h" + duration),
                arguments("nats-unreachable-threshold", "25h", "a duration from 1s to 24h" + duration));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badValues")
    void badValuesStopStartUpWithOneLineNamingSettingValueAndExpectation(String key, String value,
            String expected) {
        assertEquals("Invalid setting " + key + " = \"" + value + "\" (from command line --" + key + "): expected "
                + expected, error(withBus(key, value)));
    }

    @Test
    void aServerWithAUserOrPasswordIsRefusedWithoutShowingThem() {
        String message = error("--nats-url", "nats://127.0.0.1:4222,nats://alice:s3cret@10.0.0.2:4222");

        assertEquals("Invalid setting nats-url = \"nats://127.0.0.1:4222,nats://****@10.0.0.2:4222\" (from command "
                + "line --nats-url): expected " + SERVERS + "; \"nats://****@10.0.0.2:4222\" carries a user or "
                + "password, which belong in the nats-credentials-file instead", message);
        assertFalse(message.contains("s3cret") || message.contains("alice"), message);
    }

    @Test
    void credentialsAndCaFilesMustBeReadableRegularFiles() throws IOException {
        Path creds = Files.writeString(dir.resolve("node.creds"), "-----BEGIN NATS USER JWT-----\n");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path missing = dir.resolve("missing.creds");

        Settings.Bus bus = load("--nats-credentials-file", creds.toString(), "--nats-tls-ca-file", ca.toString())
                .bus();

        assertEquals(Optional.of(creds), bus.credentialsFile());
        assertEquals(Optional.of(ca), bus.tlsCaFile());
        assertEquals("Invalid setting nats-credentials-file = \"" + missing + "\" (from command line "
                + "--nats-credentials-file): expected a readable file, but there is no such file",
                error("--nats-credentials-file", missing.toString()));
        assertEquals("Invalid setting nats-credentials-file = \"" + dir + "\" (from command line "
                + "--nats-credentials-file): expected a readable file, but it is not a regular file",
                error("--nats-credentials-file", dir.toString()));
        assertEquals("Invalid setting nats-tls-ca-file = \"" + missing + "\" (from env TICKERPLANT_NATS_TLS_CA_FILE): "
                + "expected a readable file, but there is no such file",
                errorFromEnv(Map.of("TICKERPLANT_NATS_TLS_CA_FILE", missing.toString())));
        assertEquals(Optional.empty(), load("--nats-credentials-file=").bus().credentialsFile(),
                "empty means none, so a layer can clear a lower one");
    }

    @Test
    void everySettingComesFromTheEnvironmentAndTheConfigFileToo() throws IOException {
        Path creds = Files.writeString(dir.resolve("node.creds"), "creds\n");
        Map<String, String> values = Map.ofEntries(Map.entry("role", "ingest"), Map.entry("instance", "2/4"),
                Map.entry("node-name", "ingest-2"), Map.entry("nats-url", "nats://n1:4222,nats://n2:4222"),
                Map.entry("nats-credentials-file", creds.toString()), Map.entry("nats-tls-ca-file", creds.toString()),
                Map.entry("nats-stream", "TICKS"), Map.entry("nats-subject-prefix", "desk.tp"),
                Map.entry("nats-replicas", "3"), Map.entry("nats-max-age", "48h"),
                Map.entry("nats-max-msgs-per-subject", "500"), Map.entry("nats-duplicate-window", "30s"),
                Map.entry("nats-publish-buffer", "1000"), Map.entry("nats-max-pending-acks", "64"),
                Map.entry("nats-unreachable-threshold", "15s"));
        Map<String, String> env = new HashMap<>();
        List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> {
            env.put(SettingDefinitions.byKey(key).orElseThrow().envName(), value);
            lines.add(key + " = " + value);
        });
        Path file = Files.write(dir.resolve("node.properties"), lines, StandardCharsets.UTF_8);

        Settings fromEnv = SettingsLoader.load(new String[0], env);
        Settings fromFile = load("--config", file.toString());

        for (Settings settings : List.of(fromEnv, fromFile)) {
            assertEquals(new Settings.Cluster(Role.INGEST, new InstanceSlot(2, 4), "ingest-2"), settings.cluster());
            assertEquals(new Settings.Bus(List.of(URI.create("nats://n1:4222"), URI.create("nats://n2:4222")),
                    Optional.of(creds), Optional.of(creds), "TICKS", "desk.tp", 3, Duration.ofHours(48), 500L,
                    Duration.ofSeconds(30), 1000, 64, Duration.ofSeconds(15)), settings.bus());
        }
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentAndTheEnvironmentOverTheFile() throws IOException {
        Path file = Files.write(dir.resolve("node.properties"),
                List.of("role = ingest", "nats-url = nats://file:4222", "node-name = from-file"));
        Map<String, String> env = Map.of("TICKERPLANT_CONFIG", file.toString(), "TICKERPLANT_ROLE", "fanout",
                "TICKERPLANT_NATS_URL", "nats://env:4222");

        Settings settings = SettingsLoader.load(new String[] {"--nats-url", "tls://flag:4222"}, env);

        assertEquals(List.of(URI.create("tls://flag:4222")), settings.bus().servers(), "command line over env");
        assertEquals(Role.FANOUT, settings.cluster().role(), "env over file");
        assertEquals("from-file", settings.cluster().nodeName(), "file over default");
    }

    @Test
    void roleAllWithABusIsOneProcessThatAlsoPublishes() {
        Settings settings = load("--nats-url", BUS);

        assertEquals(Role.ALL, settings.cluster().role());
        assertTrue(settings.cluster().role().hasUpstream());
        assertFalse(settings.cluster().role().needsBus());
        assertEquals(List.of(URI.create(BUS)), settings.bus().servers());
    }

    @Test
    void combinationsTheRulesAllow() {
        Settings ingest = load("--role", "ingest", "--instance", "3/4", "--simulate", "--nats-url", BUS);
        assertEquals(new InstanceSlot(3, 4), ingest.cluster().instance());
        assertTrue(ingest.daemon().simulate(), "an ingest node has an upstream to simulate");

        Settings fanout = load("--role", "fanout", "--instance", "1/1", "--simulate=false", "--nats-url", BUS);
        assertEquals(Role.FANOUT, fanout.cluster().role());

        Settings window = load("--nats-max-age", "1s", "--nats-duplicate-window", "1s");
        assertEquals(Duration.ofSeconds(1), window.bus().maxAge(), "the shortest max age, with a window to match");
        assertEquals(window.bus().maxAge(), window.bus().duplicateWindow(), "a window as long as the max age");
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                arguments(List.of("--role", "ingest"), Map.of(),
                        "Invalid setting role = \"ingest\" (from command line --role): it needs nats-url "
                                + "(e.g. --nats-url nats://127.0.0.1:4222)"),
                arguments(List.of(), Map.of("TICKERPLANT_ROLE", "fanout"),
                        "Invalid setting role = \"fanout\" (from env TICKERPLANT_ROLE): it needs nats-url "
                                + "(e.g. --nats-url nats://127.0.0.1:4222)"),
                arguments(List.of("--role", "fanout", "--nats-url="), Map.of("TICKERPLANT_NATS_URL", BUS),
                        "Invalid setting role = \"fanout\" (from command line --role): it needs nats-url "
                                + "(e.g. --nats-url nats://127.0.0.1:4222)"),
                arguments(List.of("--instance", "2/3", "--nats-url", BUS), Map.of("TICKERPLANT_ROLE", "fanout"),
                        "Conflicting settings instance = 2/3 (from command line --instance) and role = fanout "
                                + "(from env TICKERPLANT_ROLE): instance applies to ingest nodes only; leave it at 1/1 "
                                + "on a fanout node"),
                arguments(List.of("--role", "fanout", "--nats-url", BUS, "--simulate"), Map.of(),
                        "Conflicting settings simulate = true (from command line --simulate) and role = fanout "
                                + "(from command line --role): a fanout node has no upstream to simulate; leave "
                                + "simulate off, or simulate on an ingest or all node"),
                arguments(List.of("--nats-max-age", "1m"), Map.of(),
                        "Invalid setting nats-duplicate-window = \"2m\" (from default): expected a duration at most "
                                + "nats-max-age = 1m (from command line --nats-max-age)"),
                arguments(List.of("--nats-duplicate-window", "10m"), Map.of("TICKERPLANT_NATS_MAX_AGE", "5m"),
                        "Invalid setting nats-duplicate-window = \"10m\" (from command line --nats-duplicate-window): "
                                + "expected a duration at most nats-max-age = 5m (from env TICKERPLANT_NATS_MAX_AGE)"));
    }

    @ParameterizedTest
    @MethodSource("conflicts")
    void settingsThatContradictEachOtherNameBothAndTheFix(List<String> args, Map<String, String> env,
            String expected) {
        assertEquals(expected, assertThrows(ConfigException.class,
                () -> SettingsLoader.load(args.toArray(String[]::new), env)).getMessage());
    }

    @Test
    void theRecordsApplyTheSameRulesWithoutOrigins() {
        Settings defaults = load();
        Settings.Cluster fanout = new Settings.Cluster(Role.FANOUT, InstanceSlot.ONLY, "fanout-1");

        assertEquals("Invalid setting instance = \"3/2\": expected i/N with 1 <= i <= N (e.g. 1/2)",
                assertThrows(ConfigException.class, () -> new InstanceSlot(3, 2)).getMessage());
        assertEquals("Invalid setting instance = \"1/65\": expected i/N with 1 <= i <= N <= 64 (e.g. 1/2)",
                assertThrows(ConfigException.class, () -> new InstanceSlot(1, 65)).getMessage());
        assertEquals("Conflicting settings instance = 2/3 and role = fanout: instance applies to ingest nodes only; "
                + "leave it at 1/1 on a fanout node", assertThrows(ConfigException.class,
                        () -> new Settings.Cluster(Role.FANOUT, new InstanceSlot(2, 3), "fanout-1")).getMessage());
        assertEquals("Invalid setting node-name = \"fanout 1\": expected " + NAME, assertThrows(ConfigException.class,
                () -> new Settings.Cluster(Role.FANOUT, InstanceSlot.ONLY, "fanout 1")).getMessage());
        assertEquals("Invalid setting role = \"fanout\": it needs nats-url (e.g. --nats-url nats://127.0.0.1:4222)",
                assertThrows(ConfigException.class, () -> withCluster(defaults, fanout, defaults.bus(),
                        defaults.daemon())).getMessage());
        Settings.Bus bus = load("--nats-url", BUS).bus();
        Settings.Daemon simulating = new Settings.Daemon(true, 40, Duration.ofSeconds(30), Duration.ofSeconds(5),
                NetworkTransport.AUTO);
        assertEquals("Conflicting settings simulate = true and role = fanout: a fanout node has no upstream to "
                + "simulate; leave simulate off, or simulate on an ingest or all node",
                assertThrows(ConfigException.class, () -> withCluster(defaults, fanout, bus, simulating))
                        .getMessage());
        assertEquals(fanout, withCluster(defaults, fanout, bus, defaults.daemon()).cluster());
    }

    @Test
    void theBusRecordChecksItsServersAndItsWindow() {
        assertEquals("Invalid setting nats-url = \"nats://h:4222/x\": expected " + SERVERS,
                assertThrows(ConfigException.class, () -> bus(List.of(URI.create("nats://h:4222/x")),
                        Duration.ofMinutes(2))).getMessage());
        assertEquals("Invalid setting nats-url = \"NATS://h:4222\": expected " + SERVERS,
                assertThrows(ConfigException.class, () -> bus(List.of(URI.create("NATS://h:4222")),
                        Duration.ofMinutes(2))).getMessage(), "servers are kept in their one written form");
        assertEquals("Invalid setting nats-duplicate-window = \"25h\": expected a duration from 1s to 24h, such as "
                + "250ms, 5s, 2m, 1h or PT5S", assertThrows(ConfigException.class,
                        () -> bus(List.of(), Duration.ofHours(25))).getMessage());
        assertEquals("Invalid setting nats-duplicate-window = \"2h\": expected a duration at most nats-max-age = 1h",
                assertThrows(ConfigException.class, () -> bus(List.of(), Duration.ofHours(2))).getMessage());
    }

    @Test
    void printedSettingsShowTheBusInClear() throws IOException {
        Path creds = Files.writeString(dir.resolve("node.creds"), "creds\n");
        String text = load("--role", "ingest", "--instance", "2/3", "--node-name", "ingest-2", "--nats-url",
                "nats://n1:4222,tls://n2:4222", "--nats-credentials-file", creds.toString()).toString();

        assertTrue(text.contains(", role=ingest, instance=2/3, node-name=ingest-2, "
                + "nats-url=nats://n1:4222,tls://n2:4222, nats-credentials-file=" + creds + ", "), text);
        assertEquals("2/3", new InstanceSlot(2, 3).toString());
    }

    private static Settings.Bus bus(List<URI> servers, Duration duplicateWindow) {
        return new Settings.Bus(servers, Optional.empty(), Optional.empty(), "TICKERPLANT", "tickerplant", 1,
                Duration.ofHours(1), 100_000L, duplicateWindow, 65_536, 4_096, Duration.ofSeconds(10));
    }

    private static Settings withCluster(Settings base, Settings.Cluster cluster, Settings.Bus bus,
            Settings.Daemon daemon) {
        return new Settings(base.selection(), base.upstream(), base.backoff(), base.credentials(), base.ring(),
                base.server(), base.compat(), base.health(), daemon, cluster, bus);
    }

    /** The setting on the command line, with a bus unless the setting is the bus, so a role can be tried alone. */
    private static String[] withBus(String key, String value) {
        return key.equals("nats-url")
                ? new String[] {"--" + key + "=" + value}
                : new String[] {"--" + key + "=" + value, "--nats-url", BUS};
    }

    private static Settings load(String... args) {
        return SettingsLoader.load(args, Map.of());
    }

    private static String error(String... args) {
        return assertThrows(ConfigException.class, () -> SettingsLoader.load(args, Map.of())).getMessage();
    }

    private static String errorFromEnv(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> SettingsLoader.load(new String[0], env)).getMessage();
    }
}
