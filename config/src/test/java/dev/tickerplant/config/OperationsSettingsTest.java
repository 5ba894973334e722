package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** catalog-refresh-interval and admin-token: defaults, the "0 = off" interval, and a token never printed in clear. */
class OperationsSettingsTest {

    private static final String TOKEN = "adm1n-T0ken_value.~+/wxyz";

    @Test
    void defaultsAreAnHourlyRefreshAndNoAdminApi() {
        Settings.Operations operations = SettingsLoader.load(new String[0], Map.of()).operations();

        assertEquals(Duration.ofHours(1), operations.catalogRefreshInterval());
        assertEquals(Optional.empty(), operations.adminToken());
    }

    @Test
    void zeroTurnsTheRefreshOff() {
        assertEquals(Duration.ZERO, SettingsLoader.load(new String[] {"--catalog-refresh-interval=0"}, Map.of())
                .operations().catalogRefreshInterval());
        assertEquals(Duration.ofMinutes(5), SettingsLoader.load(new String[0],
                Map.of("TICKERPLANT_CATALOG_REFRESH_INTERVAL", "5m")).operations().catalogRefreshInterval());
    }

    @Test
    void aBadIntervalStopsStartUpWithOneLineNamingTheSetting() {
        String message = assertThrows(ConfigException.class, () -> SettingsLoader.load(
                new String[] {"--catalog-refresh-interval=hourly"}, Map.of())).getMessage();

        assertTrue(message.startsWith("Invalid setting catalog-refresh-interval = \"hourly\""), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void theAdminTokenComesFromTheEnvironmentAndIsMaskedWheneverSettingsArePrinted() {
        Settings settings = SettingsLoader.load(new String[0], Map.of("TICKERPLANT_ADMIN_TOKEN", TOKEN));

        assertEquals(Optional.of(TOKEN), settings.operations().adminToken());
        for (String printed : new String[] {settings.toString(), settings.operations().toString()}) {
            assertFalse(printed.contains("adm1n"), printed);
        }
        assertTrue(settings.toString().contains("admin-token=****wxyz"), settings.toString());
    }

    @Test
    void aMalformedAdminTokenIsRefusedWithoutShowingIt() {
        String message = assertThrows(ConfigException.class, () -> SettingsLoader.load(
                new String[] {"--admin-token", "too short"}, Map.of())).getMessage();

        assertTrue(message.startsWith("Invalid setting admin-token = \"****\""), message);
    }
}
