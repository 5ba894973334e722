package dev.tickerplant.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --products-file}, a picocli mixin of the child processes that follow the daemon's products (the NATS
 * publisher, the peer): the harness writes the ids to a file, one a line, and passes its path.
 */
public final class ProductsFileOption {

    @Option(names = "--products-file", paramLabel = "FILE", required = true,
            description = "Product ids the daemon follows, one a line.")
    private Path file;

    /** The ids in the file, trimmed, blank lines skipped. */
    public List<String> productIds() throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
    }
}
