package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** auth-token, max-connections-per-ip and allowed-origins: parsed, validated and never printed in clear. */
class AccessSettingsTest {

    private static final String TOKEN = "s3cr3t-T0ken_value.~+/xyz9";

    @Test
    void defaultsAreNoTokenOneHundredConnectionsPerAddressAndAnyOrigin() {
        Settings.Server server = SettingsLoader.load(new String[0], Map.of()).server();

        assertEquals(Optional.empty(), server.authToken());
        assertEquals(1000, server.maxConnectionsPerIp());
        assertEquals(List.of(), server.allowedOrigins());
        assertEquals("127.0.0.1", server.listenHost(), "only local clients unless told otherwise");
    }

    @Test
    void tokenComesFromTheEnvironmentAndIsMaskedWheneverSettingsArePrinted() {
        Settings settings = SettingsLoader.load(new String[0], Map.of("TICKERPLANT_AUTH_TOKEN", TOKEN));

        assertEquals(Optional.of(TOKEN), settings.server().authToken());
        for (String printed : List.of(settings.toString(), settings.server().toString())) {
            assertFalse(printed.contains(TOKEN), printed);
            assertFalse(printed.contains("s3cr3t"), printed);
        }
        assertTrue(settings.toString().contains("auth-token=****xyz9"), settings.toString());
        assertTrue(settings.server().toString().contains("authToken=****xyz9"), settings.server().toString());
    }

    @Test
    void aMalformedTokenIsRefusedWithoutShowingIt() {
        String tooShortWithSpace = "short one";
        ConfigException error = assertThrows(ConfigException.class, () -> SettingsLoader.load(
                new String[] {"--auth-token", tooShortWithSpace}, Map.of()));

        assertEquals("Invalid setting auth-token = \"****\" (from command line --auth-token): expected a token of 16 "
                + "to 512 characters from A-Z, a-z, 0-9 and -._~+/ (optionally ending in =)", error.getMessage());
        String longWithSpace = "a-much-longer-secret with-a-space";
        String message = assertThrows(ConfigException.class, () -> SettingsLoader.load(new String[0],
                Map.of("TICKERPLANT_AUTH_TOKEN", longWithSpace))).getMessage();
        assertFalse(message.contains("secret"), message);
        assertTrue(message.contains("= \"****pace\" (from env TICKERPLANT_AUTH_TOKEN)"), message);
    }

    @Test
    void originsAreReducedToTheFormBrowsersSend() {
        Settings.Server server = SettingsLoader.load(new String[] {"--allowed-origins",
                "HTTPS://App.Example.com:443/, http://localhost:3000,https://app.example.com"}, Map.of()).server();

        assertEquals(List.of("https://app.example.com", "http://localhost:3000"), server.allowedOrigins());
    }

    @Test
    void anOriginWithAPathOrAnotherSchemeIsRefused() {
        for (String bad : List.of("https://app.example.com/page", "ws://app.example.com", "app.example.com",
                "https://a.example,,https://b.example", "https://user@app.example.com")) {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> SettingsLoader.load(new String[] {"--allowed-origins", bad}, Map.of()), bad);
            assertTrue(error.getMessage().startsWith("Invalid setting allowed-origins = \"" + bad + "\" (from command "
                    + "line --allowed-origins): expected a comma-separated list of origins such as "
                    + "https://app.example.com,http://localhost:3000"), error.getMessage());
        }
    }

    @Test
    void connectionsPerAddressMustBeAtLeastOne() {
        assertEquals("Invalid setting max-connections-per-ip = \"0\" (from command line --max-connections-per-ip): "
                + "expected an integer from 1 to 100000", assertThrows(ConfigException.class,
                        () -> SettingsLoader.load(new String[] {"--max-connections-per-ip", "0"}, Map.of()))
                        .getMessage());
        assertEquals(7, SettingsLoader.load(new String[0], Map.of("TICKERPLANT_MAX_CONNECTIONS_PER_IP", "7"))
                .server().maxConnectionsPerIp());
    }

    @Test
    void theServerRecordChecksItsOwnValues() {
        assertEquals("Invalid setting allowed-origins = \"https://A.example\": expected a comma-separated list of "
                + "origins such as https://app.example.com,http://localhost:3000 (http or https, a host, an optional "
                + "port, no path)", assertThrows(ConfigException.class, () -> server(Optional.empty(), 100,
                        List.of("https://A.example"))).getMessage());
        assertEquals("Invalid setting auth-token = \"****\": expected a token of 16 to 512 characters from A-Z, a-z, "
                + "0-9 and -._~+/ (optionally ending in =) (or empty for none)", assertThrows(ConfigException.class,
                        () -> server(Optional.of("tiny"), 100, List.of())).getMessage());
    }

    private static Settings.Server server(Optional<String> token, int perIp, List<String> origins) {
        return new Settings.Server("127.0.0.1", 0, 2, 10, 10, 20, 65536, Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1024, 2048, 1024, 5, 3.0, token, perIp, origins);
    }
}
