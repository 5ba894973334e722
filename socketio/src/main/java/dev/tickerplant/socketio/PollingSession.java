package dev.tickerplant.socketio;

import dev.tickerplant.fanout.CommandBucket;
import dev.tickerplant.fanout.FanoutOptions;
import dev.tickerplant.fanout.ProductFilter;
import dev.tickerplant.fanout.protocol.JsonBytes;
import dev.tickerplant.ingest.ring.MarketView;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session on HTTP long-polling, from its handshake until a WebSocket upgrades it or it ends. It answers
 * the Socket.IO CONNECT and carries out the {@code subscribe} and {@code unsubscribe} events itself, with the same
 * handling, limits and answers as a WebSocket ({@link SocketIoEvents}); the WebSocket that upgrades it takes its
 * subscriptions over. Once connected it follows everything until its first subscribe: ticks, volume alerts and status
 * it follows wait here until the next GET, conflated per product for ticks (only the newest ticker of a product is
 * kept, as the fanout does for slow WebSocket clients); alerts and status are kept in order, at most
 * {@link #MAX_PENDING_EVENTS}. A GET is held until there is something to send; the server pings every
 * {@code pingInterval}, and a client that has not answered within {@code pingTimeout} is dropped, which also ends a
 * session whose client stopped polling. Holds a client slot of the server while open. Confined to the loop of its
 * handshake.
 */
final class PollingSession implements SubscribingClient {
    private static final Logger log = LoggerFactory.getLogger(PollingSession.class);
    /** Alerts and status messages kept for the next poll at most; a client that falls further behind is closed. */
    static final int MAX_PENDING_EVENTS = 256;

    final String sid;
    final EventExecutor loop;
    private final SocketIoOptions options;
    private final EngineSessions sessions;
    private final LongSupplier nanoTime;
    private final List<String> outbound = new ArrayList<>();
    private final List<String> pendingEvents = new ArrayList<>();
    /** The newest ticker_update packet of each product not polled yet, in the order the products first came. */
    private final Map<Integer, String> pendingTickers = new LinkedHashMap<>();
    /** The seq of the snapshot sent of each product whose live ticks up to it are still to be skipped. */
    private final Map<Integer, Long> snapshotSeqs = new HashMap<>();
    private final ProductFilter ticker = new ProductFilter();
    private final SocketIoEvents events = new SocketIoEvents(this);
    private final CommandBucket commands;
    private final SocketIoLoop home;
    private PollingHttp pendingPoll;
    private String socketSid;
    private boolean probing;
    private boolean ended;
    private long pingSentNanos;
    private long pongNanos;
    private ScheduledFuture<?> pings;

    /** @param home the endpoint's share of {@code loop}, whose client slot the caller took for this session */
    PollingSession(String sid, EventExecutor loop, SocketIoOptions options, EngineSessions sessions,
                   SocketIoLoop home, LongSupplier nanoTime) {
        this.sid = sid;
        this.loop = loop;
        this.options = options;
        this.sessions = sessions;
        this.home = home;
        this.nanoTime = nanoTime;
        this.commands = new CommandBucket(home.counted().options().commandsPerSecond(), nanoTime.getAsLong());
    }

    /** Registers the session and starts its pings; the handshake answer is the caller's. */
    void start() {
        sessions.add(this);
        home.attach(this);
        long interval = options.pingInterval().toNanos();
        pings = loop.scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** A GET: answered now with what is queued, or held until there is something. */
    void poll(PollingHttp http) {
        if (ended) {
            http.error(EngineError.UNKNOWN_SID, "session " + sid + " has ended (expected: a new handshake)");
            return;
        }
        if (pendingPoll != null) {
            // Engine.IO: two concurrent polls are a client error, and end the session.
            http.error(EngineError.BAD_REQUEST, "a poll of session " + sid + " is already pending (expected: one GET "
                    + "at a time)");
            end("overlapping polls");
            return;
        }
        pendingPoll = http;
        if (probing) {
            outbound.add(String.valueOf(EnginePackets.NOOP));
        }
        flush();
    }

    /** A POST: the client's packets; answered {@code ok}. */
    void post(PollingHttp http, String body) {
        if (ended) {
            http.error(EngineError.UNKNOWN_SID, "session " + sid + " has ended (expected: a new handshake)");
            return;
        }
        List<String> packets;
        try {
            packets = EnginePackets.splitPayload(body);
        } catch (ProtocolException e) {
            http.error(EngineError.BAD_REQUEST, e.getMessage());
            end("bad payload: " + e.getMessage());
            return;
        }
        http.ok("ok");
        for (String packet : packets) {
            if (!ended) {
                receive(packet);
            }
        }
        flush();
    }

    private void receive(String packet) {
        switch (packet.charAt(0)) {
            case EnginePackets.PONG -> pongNanos = nanoTime.getAsLong();
            case EnginePackets.CLOSE -> end("client closed");
            case EnginePackets.MESSAGE -> message(packet.substring(1));
            default -> { } // noop; ping and upgrade are not sent on polling
        }
    }

    private void message(String text) {
        SocketPacket packet;
        try {
            packet = SocketPacket.parse(text);
        } catch (ProtocolException e) {
            log.debug("socket.io session {}: {}", sid, e.getMessage());
            end(e.getMessage());
            return;
        }
        if (packet.type() == SocketPacket.CONNECT) {
            if (!SocketPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
                outbound.add(EnginePackets.message(SocketPacket.connectError(packet.namespace(),
                        "Invalid namespace")));
                return;
            }
            if (socketSid == null) {
                socketSid = sessions.newId();
                events.subscriptions().followEverything();
            }
            outbound.add(EnginePackets.message(SocketPacket.connected(socketSid)));
        } else if (packet.type() == SocketPacket.DISCONNECT) {
            socketSid = null;
            events.subscriptions().clear();
            pendingTickers.clear();
        } else if (socketSid != null && packet.type() == SocketPacket.EVENT) {
            events.handle(packet);
            // Ticks of products it no longer follows are not sent, even those that came before.
            pendingTickers.keySet().removeIf(product -> !wantsTicker(product));
        }
    }

    /** Whether ticks, alerts and status are for this session: the client connected and no WebSocket took over. */
    boolean connected() {
        return socketSid != null && !ended;
    }

    boolean wantsTicker(int product) {
        return events.subscriptions().wantsTicker(product);
    }

    boolean wantsAlert(int product) {
        return events.subscriptions().wantsAlert(product);
    }

    boolean wantsStatus(int[] products) {
        return events.subscriptions().wantsStatus(products);
    }

    /**
     * The ticker_update packet of the tick {@code seq}; replaces the product's one the client has not polled yet (and
     * takes its place after the others), unless a snapshot sent since carried this tick or a later one.
     */
    void offerTicker(int product, long seq, String packet) {
        Long snapshot = snapshotSeqs.get(product);
        if (snapshot != null) {
            if (seq <= snapshot) {
                return;
            }
            snapshotSeqs.remove(product);
        }
        pendingTickers.remove(product); // the newer one goes last: a poll's tickers stay in seq order, as on /ws
        pendingTickers.put(product, packet);
        flush();
    }

    /** An alert or status packet, kept in order for the next poll. */
    void offerEvent(String packet) {
        if (pendingEvents.size() >= MAX_PENDING_EVENTS) {
            end("more than " + MAX_PENDING_EVENTS + " alerts and status messages not polled");
            return;
        }
        pendingEvents.add(packet);
        flush();
    }

    /** A WebSocket of this session got the probe: the pending poll is let go, so the client can upgrade. */
    void probe() {
        if (!ended) {
            probing = true;
            if (pendingPoll != null) {
                outbound.add(String.valueOf(EnginePackets.NOOP));
                flush();
            }
        }
    }

    /** The WebSocket took over: this session ends and hands over its state; null when it had ended. */
    Handover upgrade() {
        if (ended) {
            return null;
        }
        List<String> unsent = new ArrayList<>(outbound.stream()
                .filter(p -> p.charAt(0) != EnginePackets.PING && p.charAt(0) != EnginePackets.NOOP).toList());
        unsent.addAll(pendingEvents);
        unsent.addAll(pendingTickers.values());
        pendingEvents.clear();
        pendingTickers.clear();
        Handover handover = new Handover(socketSid, events.subscriptions().followed(), unsent);
        outbound.clear();
        outbound.add(String.valueOf(EnginePackets.NOOP));
        flush();
        stop();
        return handover;
    }

    private void ping() {
        if (ended) {
            return;
        }
        if (pingSentNanos != 0 && pongNanos < pingSentNanos
                && nanoTime.getAsLong() - pingSentNanos >= options.pingTimeout().toNanos()) {
            end("ping timeout"); // the last ping is unanswered past its timeout, an upgrade probe or not
            return;
        }
        long sent = nanoTime.getAsLong();
        pingSentNanos = sent;
        outbound.add(String.valueOf(EnginePackets.PING));
        flush();
        // This ping's own time: with pingTimeout >= pingInterval the next ping goes out before this check runs.
        loop.schedule(() -> {
            if (!ended && pongNanos < sent && !probing) {
                end("ping timeout");
            }
        }, options.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void flush() {
        if (pendingPoll == null || outbound.isEmpty() && pendingEvents.isEmpty() && pendingTickers.isEmpty()) {
            return;
        }
        PollingHttp http = pendingPoll;
        pendingPoll = null;
        List<String> payload = outbound;
        if (!pendingEvents.isEmpty() || !pendingTickers.isEmpty()) {
            payload = new ArrayList<>(outbound);
            payload.addAll(pendingEvents);
            payload.addAll(pendingTickers.values());
            pendingEvents.clear();
            pendingTickers.clear();
        }
        http.ok(EnginePackets.joinPayload(payload));
        outbound.clear();
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        log.debug("socket.io polling session {} ended: {}", sid, reason);
        pendingEvents.clear();
        pendingTickers.clear();
        if (pendingPoll != null) {
            outbound.clear();
            outbound.add(String.valueOf(EnginePackets.CLOSE));
            flush();
        }
        stop();
    }

    private void stop() {
        if (ended) {
            return;
        }
        ended = true;
        sessions.remove(this);
        home.detach(this);
        home.counted().release();
        if (pings != null) {
            pings.cancel(false);
        }
    }

    // ---- the client as its events' handling sees it ----------------------------------------------------------------

    @Override
    public ProductFilter ticker() {
        return ticker;
    }

    @Override
    public FanoutOptions options() {
        return home.counted().options();
    }

    @Override
    public MarketView market() {
        return home.counted().market();
    }

    @Override
    public long takeCommandToken() {
        return commands.tryTake(nanoTime.getAsLong());
    }

    @Override
    public void countCommandError() {
        home.counted().countCommandError();
    }

    /** Answers and errors go out with the next poll, before the ticks and events waiting for it. */
    @Override
    public void send(String packet) {
        outbound.add(packet);
    }

    @Override
    public void sendSnapshot(int product, JsonBytes tickerUpdate, long seq, double price) {
        pendingTickers.put(product, new String(tickerUpdate.array(), 0, tickerUpdate.length(),
                StandardCharsets.UTF_8));
        snapshotSeqs.put(product, seq);
    }

    /** Not listed by {@code /api/connections}: nothing to tell. */
    @Override
    public void subscriptionsChanged(List<String> subscriptions) {
    }
}
