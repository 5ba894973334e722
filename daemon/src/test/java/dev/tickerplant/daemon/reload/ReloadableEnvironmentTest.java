package dev.tickerplant.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tickerplant.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload sees the environment file as it is now, over the environment the process started with. */
class ReloadableEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void theFileAsItIsNowReplacesWhatItSaidAtStart() throws IOException {
        Path file = dir.resolve("tickerplant.env");
        Files.writeString(file, "TICKERPLANT_AUTH_TOKEN=old\nTICKERPLANT_LOG_LEVEL=INFO\n");
        ReloadableEnvironment env = new ReloadableEnvironment(Map.of(ReloadableEnvironment.ENV_FILE, file.toString(),
                "TICKERPLANT_AUTH_TOKEN", "old", "TICKERPLANT_LOG_LEVEL", "INFO", "HOME", "/home/x"));
        Files.writeString(file, "# rotated\nTICKERPLANT_AUTH_TOKEN=\"new\"\n");
        assertEquals(Map.of(ReloadableEnvironment.ENV_FILE, file.toString(), "TICKERPLANT_AUTH_TOKEN", "new",
                "HOME", "/home/x"), env.now(), "the log level left the file, so it left the environment");
    }

    @Test
    void withoutAnEnvironmentFileTheProcessEnvironmentStays() {
        Map<String, String> process = Map.of("TICKERPLANT_AUTH_TOKEN", "old");
        assertEquals(process, new ReloadableEnvironment(process).now());
    }

    @Test
    void anUnreadableFileIsAOneLineError() throws IOException {
        Path file = Files.createDirectory(dir.resolve("a-directory.env"));
        ReloadableEnvironment env = new ReloadableEnvironment(Map.of(ReloadableEnvironment.ENV_FILE, file.toString()));
        ConfigException e = assertThrows(ConfigException.class, env::now);
        assertEquals(true, e.getMessage().startsWith("Cannot read environment file " + file + ": "), e.getMessage());
    }
}
