package dev.tickerplant.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Turns a requested transport into the one used, once per request per process. Only {@code auto} falls back: a
 * native transport asked for by name that cannot load is an error, because a silent nio would hide a broken
 * deployment behind slower figures.
 */
final class TransportChooser {
    static final String AUTO = "auto";

    /** The process-wide chooser: real availability, choices logged at INFO. */
    static final TransportChooser PROCESS = new TransportChooser(Transport::unavailabilityCause,
            LoggerFactory.getLogger(Transport.class)::info);

    private final Function<Transport, Throwable> unavailability;
    private final Consumer<String> announce;
    private final Map<String, Transport> chosen = new ConcurrentHashMap<>();

    /**
     * @param unavailability why a transport cannot run here, or null when it can
     * @param announce       receives one line per distinct request, the first time it is made
     */
    TransportChooser(Function<Transport, Throwable> unavailability, Consumer<String> announce) {
        this.unavailability = unavailability;
        this.announce = announce;
    }

    Transport choose(String requested) {
        String key = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        // A failed choice is not stored: the next caller hears the same error instead of a stale answer.
        return chosen.computeIfAbsent(key, this::decide);
    }

    private Transport decide(String key) {
        if (key.equals(AUTO)) {
            Throwable epoll = unavailability.apply(Transport.EPOLL);
            if (epoll == null) {
                announce.accept("network transport: epoll (native)");
                return Transport.EPOLL;
            }
            announce.accept("network transport: nio (epoll unavailable: " + oneLine(epoll) + ")");
            return Transport.NIO;
        }
        Transport transport = Arrays.stream(Transport.values())
                .filter(t -> t.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("transport \"" + key + "\": expected one of "
                        + AUTO + ", " + Arrays.stream(Transport.values()).map(Transport::key)
                                .collect(Collectors.joining(", "))));
        Throwable cause = unavailability.apply(transport);
        if (cause != null) {
            throw new IllegalStateException(transport.key() + " unavailable: " + oneLine(cause));
        }
        announce.accept("network transport: " + transport.key() + (transport == Transport.NIO ? "" : " (native)"));
        return transport;
    }

    /** Netty's load errors can span lines (nested causes, suppressed attempts); a log line and an error must not. */
    static String oneLine(Throwable cause) {
        String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
