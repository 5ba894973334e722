package dev.tickerplant.sim.feed;

import dev.tickerplant.sim.market.ProductCatalog;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Injects faults into live connections, the way the real service misbehaves (protocol reference A.11.9, B.8.8).
 *
 * <p>Every method names its targets with a {@link FaultTarget} (one connection, the connections carrying a product,
 * or all) and returns how many connections it affected. A method returns once the fault is armed on every target's
 * event loop, so the next frame a test observes already obeys it. An unknown connection id affects nothing; an
 * unknown product id is an {@link IllegalArgumentException}.
 */
public final class FaultControl {

    private static final long APPLY_TIMEOUT_MILLIS = 5_000;
    public static final int GOING_AWAY = 1001;

    private final SessionRegistry registry;
    private final ProductCatalog catalog;
    private final ConnectionAdmission admission;

    FaultControl(SessionRegistry registry, ProductCatalog catalog, ConnectionAdmission admission) {
        this.registry = registry;
        this.catalog = catalog;
        this.admission = admission;
    }

    /** TCP reset: SO_LINGER 0 and close, without a WebSocket close frame; the client sees 1006. */
    public int reset(FaultTarget target) {
        return apply(target, FeedSession::reset);
    }

    public int resetConnection(long connectionId) {
        return reset(FaultTarget.connection(connectionId));
    }

    public int resetProduct(String productId) {
        return reset(FaultTarget.product(productId));
    }

    public int resetAll() {
        return reset(FaultTarget.all());
    }

    /** Sends a close frame with {@code code} and {@code reason}, then closes the connection. */
    public int close(FaultTarget target, int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!WebSocketCloseStatus.isValidStatusCode(code)) {
            throw new IllegalArgumentException("close code: " + code + " (expected: a valid WebSocket close code such as 1000 or 1001)");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason: " + reason.length() + " characters (expected: at most 123 bytes)");
        }
        return apply(target, session -> session.close(code, reason));
    }

    /** Close 1001 "going away", as during a service deploy. */
    public int goingAway(FaultTarget target) {
        return close(target, GOING_AWAY, "going away");
    }

    /** Closes every connection with {@code code}; 1001 carries the reason "going away". */
    public int closeAll(int code) {
        return close(FaultTarget.all(), code, code == GOING_AWAY ? "going away" : "");
    }

    /** Stops (or resumes) every outgoing frame, heartbeats included; the socket stays open. */
    public int stall(FaultTarget target, boolean stalled) {
        return apply(target, session -> session.stall(stalled));
    }

    public int stall(long connectionId, boolean stalled) {
        return stall(FaultTarget.connection(connectionId), stalled);
    }

    /** Drops the next {@code frames} data frames; Advanced Trade sequence numbers still advance, leaving a gap. */
    public int dropNext(FaultTarget target, int frames) {
        requireCount("frames", frames);
        return apply(target, session -> session.dropNext(frames));
    }

    /** Sends each of the next {@code frames} data frames twice. */
    public int duplicateNext(FaultTarget target, int frames) {
        requireCount("frames", frames);
        return apply(target, session -> session.duplicateNext(frames));
    }

    /** Swaps the next two data frames: the first is held back until the second has been sent. */
    public int swapNextTwo(FaultTarget target) {
        return apply(target, FeedSession::swapNextTwo);
    }

    /** Sends {@code frames} frames that are not valid JSON, right away. */
    public int sendMalformed(FaultTarget target, int frames) {
        requireCount("frames", frames);
        return apply(target, session -> session.sendMalformed(frames));
    }

    /** Sends {@code {"type":"error","message":message}} right away. */
    public int sendError(FaultTarget target, String message) {
        Objects.requireNonNull(message, "message");
        return apply(target, session -> session.injectError(message));
    }

    /** Holds the next {@code subscriptions} ack back by {@code delay}; data keeps flowing meanwhile. */
    public int delayNextAck(FaultTarget target, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        }
        return apply(target, session -> session.delayNextAck(delay.toMillis()));
    }

    /** Answers the next {@code count} WebSocket upgrade attempts, from any client, with HTTP 429. */
    public void rejectNextConnections(int count) {
        requireCount("count", count);
        admission.rejectNext(count);
    }

    private int apply(FaultTarget target, Consumer<FeedSession> fault) {
        List<FeedSession> sessions = registry.select(target, catalog);
        List<Future<?>> pending = new ArrayList<>();
        for (FeedSession session : sessions) {
            if (session.executor().inEventLoop()) {
                fault.accept(session);
            } else {
                pending.add(session.executor().submit(() -> fault.accept(session)));
            }
        }
        for (Future<?> future : pending) {
            if (!future.awaitUninterruptibly(APPLY_TIMEOUT_MILLIS)) {
                throw new IllegalStateException("fault on " + target + " not applied within " + APPLY_TIMEOUT_MILLIS + " ms");
            }
        }
        return sessions.size();
    }

    private static void requireCount(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name + ": " + count + " (expected: >= 0)");
        }
    }
}
