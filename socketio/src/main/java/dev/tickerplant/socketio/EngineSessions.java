package dev.tickerplant.socketio;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Engine.IO sessions still on HTTP long-polling, by sid, shared by every event loop: a poll and the WebSocket
 * that upgrades it may arrive on any connection. Each session is confined to its own loop; this only finds it.
 */
final class EngineSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PollingSession> polling = new ConcurrentHashMap<>();

    /** A new random id (Engine.IO sids and Socket.IO sids alike), 20 URL-safe characters. */
    String newId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void add(PollingSession session) {
        polling.put(session.sid, session);
    }

    /** The polling session of {@code sid}; null when there is none (never opened, closed or upgraded). */
    PollingSession get(String sid) {
        return sid == null ? null : polling.get(sid);
    }

    void remove(PollingSession session) {
        polling.remove(session.sid, session);
    }

    int size() {
        return polling.size();
    }
}
