package dev.tickerplant.testing.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the ports file nats-server 2.9 writes with {@code --ports_file_dir} is read. */
class NatsPortsFileTest {

    private static final String WRITTEN = "{\"nats\":[\"nats://127.0.0.1:41234\"],"
            + "\"monitoring\":[\"http://127.0.0.1:41235\"],\"cluster\":[\"nats://127.0.0.1:41236\"]}";

    @TempDir
    Path directory;

    @Test
    void theClientAndMonitoringPortsAreRead() {
        assertEquals(Optional.of(new PortsFile(41234, 41235)), PortsFile.parse(WRITTEN));
    }

    @Test
    void aFileCaughtHalfWrittenIsNotReadYet() {
        assertEquals(Optional.empty(), PortsFile.parse(WRITTEN.substring(0, 30)));
        assertEquals(Optional.empty(), PortsFile.parse(""));
    }

    @Test
    void onlyTheFileOfTheGivenProcessCounts() throws IOException {
        // A server killed with SIGKILL leaves its file behind; its successor in the same directory has another pid.
        Files.writeString(directory.resolve("nats-server_100.ports"), WRITTEN);

        assertEquals(Optional.empty(), PortsFile.read(directory, 200));
        assertEquals(Optional.of(new PortsFile(41234, 41235)), PortsFile.read(directory, 100));
    }
}
