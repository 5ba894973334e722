package dev.tickerplant.fanout.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Open WebSocket connections per client address, capped; taken by the event loops, returned when a channel closes. */
final class ConnectionsPerAddress {
    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Takes a slot for {@code address}; false (and nothing taken) when it already holds {@code max}. */
    boolean tryTake(String address) {
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            taken.set(true);
            return current + 1;
        });
        return taken.get();
    }

    void release(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }

    int max() {
        return max;
    }
}
