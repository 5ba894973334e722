package dev.tickerplant.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datagram reaches systemd's socket whether NOTIFY_SOCKET is a path or an abstract name, and nothing is sent
 * without one. */
class NotifySocketTest {
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sendsToASocketPath() {
        String path = dir.resolve("notify").toString();
        try (NotifyListener systemd = new NotifyListener(path); NotifySink sink = NotifySocket.open(path)) {
            sink.send("READY=1\nSTATUS=starting");
            assertEquals("READY=1\nSTATUS=starting",
                    systemd.awaitMessage("READY=1", m -> m.startsWith("READY=1"), EVENTUALLY));
        }
    }

    @Test
    void sendsToAnAbstractNameGivenWithAnAt() {
        String name = "tickerplant-test-" + UUID.randomUUID();
        try (NotifyListener systemd = new NotifyListener("\0" + name); NotifySink sink = NotifySocket.open("@" + name)) {
            sink.sendNow("STOPPING=1");
            assertEquals("STOPPING=1", systemd.awaitMessage("STOPPING=1", m -> m.equals("STOPPING=1"), EVENTUALLY));
        }
    }

    @Test
    void noSocketOrAnUnusableOneMeansNoNotifications() {
        assertSame(NotifySink.NONE, NotifySocket.open(null));
        assertSame(NotifySink.NONE, NotifySocket.open(""));
        assertSame(NotifySink.NONE, NotifySocket.open("relative/path"));
    }
}
