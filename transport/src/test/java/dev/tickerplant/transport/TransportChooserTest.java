package dev.tickerplant.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportChooserTest {
    private final Map<Transport, Throwable> unavailable = new EnumMap<>(Transport.class);
    private final List<String> announced = new ArrayList<>();
    private final TransportChooser chooser = new TransportChooser(unavailable::get, announced::add);

    @Test
    void autoPicksEpollWhereItLoads() {
        assertSame(Transport.EPOLL, chooser.choose("auto"));
        assertEquals(List.of("network transport: epoll (native)"), announced);
    }

    @Test
    void autoFallsBackToNioAndSaysWhyOnOneLine() {
        unavailable.put(Transport.EPOLL, new UnsatisfiedLinkError("could not load a native library:\n"
                + "  netty_transport_native_epoll_aarch_64"));
        assertSame(Transport.NIO, chooser.choose("auto"));
        assertEquals(List.of("network transport: nio (epoll unavailable: could not load a native library: "
                + "netty_transport_native_epoll_aarch_64)"), announced);
    }

    @Test
    void autoNeverPicksIoUring() {
        unavailable.put(Transport.EPOLL, new UnsupportedOperationException("Only supported on Linux"));
        assertSame(Transport.NIO, chooser.choose("auto"));
    }

    @Test
    void aNativeTransportAskedForByNameDoesNotFallBack() {
        unavailable.put(Transport.EPOLL, new UnsupportedOperationException("Only supported on Linux"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> chooser.choose("epoll"));
        assertEquals("epoll unavailable: Only supported on Linux", e.getMessage());
        // Not remembered as a choice: asking again fails again, and nothing was announced.
        assertThrows(IllegalStateException.class, () -> chooser.choose("epoll"));
        assertEquals(List.of(), announced);
    }

    @Test
    void eachNamedTransportIsTakenAsAsked() {
        assertSame(Transport.EPOLL, chooser.choose("epoll"));
        assertSame(Transport.IO_URING, chooser.choose("io_uring"));
        assertSame(Transport.NIO, chooser.choose("nio"));
        assertEquals(List.of("network transport: epoll (native)", "network transport: io_uring (native)",
                "network transport: nio"), announced);
    }

    @Test
    void theSameRequestIsDecidedAndLoggedOnce() {
        assertSame(Transport.EPOLL, chooser.choose("auto"));
        assertSame(Transport.EPOLL, chooser.choose(" AUTO "));
        assertSame(Transport.EPOLL, chooser.choose("auto"));
        assertEquals(1, announced.size());
    }

    @Test
    void anUnknownNameListsTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chooser.choose("kqueue"));
        assertEquals("transport \"kqueue\": expected one of auto, epoll, io_uring, nio", e.getMessage());
    }
}
