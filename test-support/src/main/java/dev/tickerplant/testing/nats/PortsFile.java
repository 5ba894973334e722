package dev.tickerplant.testing.nats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickerplant.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ports a running nats-server reports in {@code --ports_file_dir}: {@code <executable>_<pid>.ports}, JSON such as
 * {@code {"nats":["nats://127.0.0.1:41234"],"monitoring":["http://127.0.0.1:41235"]}}, written once it listens. Read
 * by pid, so a file left behind by a killed predecessor in the same directory is never taken for the new process's.
 */
record PortsFile(int client, int monitoring) {

    /** The ports process {@code pid} reported, or empty while its file is missing or still being written. */
    static Optional<PortsFile> read(Path directory, long pid) {
        String suffix = "_" + pid + ".ports";
        Optional<Path> file;
        try (var files = Files.list(directory)) {
            file = files.filter(path -> path.getFileName().toString().endsWith(suffix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file.get());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.get(), e);
        }
        return parse(text);
    }

    /** Empty for a partly written file; the server writes it in one go, so the next read sees it whole. */
    static Optional<PortsFile> parse(String text) {
        JsonNode root;
        try {
            root = Json.tree(text);
        } catch (UncheckedIOException partial) {
            return Optional.empty();
        }
        int client = port(root, "nats");
        int monitoring = port(root, "monitoring");
        return client > 0 && monitoring > 0 ? Optional.of(new PortsFile(client, monitoring)) : Optional.empty();
    }

    private static int port(JsonNode root, String listener) {
        JsonNode url = root.path(listener).path(0);
        return url.isTextual() ? URI.create(url.asText()).getPort() : -1;
    }
}
