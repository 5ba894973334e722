package dev.tickerplant.bench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tickerplant.sim.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductsFileOptionTest {

    @Test
    void idsAreTrimmedAndBlankLinesSkipped(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("products.txt"), " BTC-USD\n\nETH-USD \n  \n");

        assertEquals(List.of("BTC-USD", "ETH-USD"),
                CliRun.parsed(new ProductsFileOption(), "--products-file", file.toString()).productIds());
    }
}
