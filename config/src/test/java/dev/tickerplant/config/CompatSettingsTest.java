package dev.tickerplant.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatSettingsTest {
    @TempDir
    Path dir;

    @Test
    void jwtVerificationIsOffByDefault() {
        assertEquals(Optional.empty(), SettingsLoader.load(new String[0], Map.of()).compat().jwtPublicKeyFile());
    }

    @Test
    void aReadableKeyFileTurnsVerificationOn() throws IOException {
        Path key = Files.writeString(dir.resolve("clients.pem"), "-----BEGIN PUBLIC KEY-----\n");
        Settings settings = SettingsLoader.load(new String[0],
                Map.of("TICKERPLANT_COMPAT_JWT_PUBLIC_KEY_FILE", key.toString()));
        assertEquals(Optional.of(key), settings.compat().jwtPublicKeyFile());
    }

    @Test
    void aMissingKeyFileStopsStartUpNamingTheSetting() {
        String message = assertThrows(ConfigException.class, () -> SettingsLoader.load(
                new String[] {"--compat-jwt-public-key-file", dir.resolve("nope.pem").toString()}, Map.of()))
                .getMessage();
        assertTrue(message.startsWith("Invalid setting compat-jwt-public-key-file = "), message);
        assertEquals(-1, message.indexOf('\n'));
    }
}
