package dev.tickerplant.daemon.reload;

import dev.tickerplant.config.ConfigException;
import dev.tickerplant.config.EnvironmentFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment as a reload sees it: the process's own, with the variables of the unit's environment file replaced
 * by what the file says now. systemd reads the file only when it starts the process; {@code TICKERPLANT_ENV_FILE}
 * (set by the units to the same path as {@code EnvironmentFile=}) tells the daemon where to read it again.
 */
public final class ReloadableEnvironment {
    public static final String ENV_FILE = "TICKERPLANT_ENV_FILE";

    private final Map<String, String> process;
    private final Optional<Path> file;
    /** What the file held at start: a variable since removed from it must go too, not keep its start-up value. */
    private final Set<String> fromFileAtStart;

    public ReloadableEnvironment(Map<String, String> process) {
        this.process = Map.copyOf(process);
        String path = process.get(ENV_FILE);
        this.file = path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
        this.fromFileAtStart = file.map(ReloadableEnvironment::keysAtStart).orElse(Set.of());
    }

    /** systemd read the file a moment ago; if it cannot be read now, the first reload will say so. */
    private static Set<String> keysAtStart(Path file) {
        try {
            return Files.isReadable(file) ? EnvironmentFile.read(file).keySet() : Set.of();
        } catch (ConfigException unreadable) {
            return Set.of();
        }
    }

    /** @throws ConfigException when the environment file cannot be read */
    public Map<String, String> now() {
        if (file.isEmpty()) {
            return process;
        }
        Map<String, String> env = new HashMap<>(process);
        fromFileAtStart.forEach(env::remove);
        // Like EnvironmentFile=-path: a file that is gone contributes nothing.
        if (Files.exists(file.get())) {
            env.putAll(EnvironmentFile.read(file.get()));
        }
        return env;
    }
}
