package dev.tickerplant.fanout.security;

import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.ingest.upstream.LogThrottle;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one access check of the server, applied by the HTTP router to every WebSocket upgrade (on any path: the native
 * {@code /ws} and the plug-in endpoints) and to every {@code /api/*} request, in this order:
 * <ol>
 *   <li>an {@code Origin} header, when present, must be one of the allowed origins (403): browsers send it, so this
 *       stops other web pages from using a subscriber's browser against the daemon; clients without one pass;</li>
 *   <li>the bearer token, when one is configured (401): {@code Authorization: Bearer <token>}, or the {@code token}
 *       query parameter on an upgrade; compared in constant time and never repeated in answers or logs;</li>
 *   <li>on an upgrade, a free connection slot for the client's address (429), held until the channel closes.</li>
 * </ol>
 * {@code /health}, {@code /health/live} and {@code /metrics} stay open: they carry figures, never settings.
 */
public final class AccessPolicy {
    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);
    private static final AttributeKey<String> SLOT = AttributeKey.valueOf(AccessPolicy.class, "slot");
    private static final String REALM = "Bearer realm=\"tickerplant\"";

    /** Token and origins change together on a reload: each check reads one consistent pair. */
    private volatile Gate gate;
    private final ConnectionsPerAddress connections;
    private final LogThrottle refusalLog = new LogThrottle();
    private final LongSupplier nanoTime;

    public AccessPolicy(AccessRules rules) {
        this(rules, System::nanoTime);
    }

    AccessPolicy(AccessRules rules, LongSupplier nanoTime) {
        this.gate = Gate.of(rules);
        this.connections = new ConnectionsPerAddress(rules.maxConnectionsPerIp());
        this.nanoTime = nanoTime;
    }

    /** No token, any origin, no cap per address: for servers whose owner configured nothing. */
    public static AccessPolicy open() {
        return new AccessPolicy(new AccessRules(Optional.empty(), Integer.MAX_VALUE, List.of()));
    }

    /**
     * The token and the allowed origins of {@code rules} from the next request on (a reload of the settings);
     * connections already admitted stay, and the cap per address is the one the policy was built with.
     */
    public void tokenAndOrigins(AccessRules rules) {
        this.gate = Gate.of(rules);
    }

    private record Gate(BearerToken token, Set<String> origins) {
        static Gate of(AccessRules rules) {
            return new Gate(rules.bearerToken().map(BearerToken::new).orElse(null),
                    Set.copyOf(rules.allowedOrigins()));
        }
    }

    /** A WebSocket upgrade on any path, and {@code /api} and everything under it. */
    public static boolean guards(String path, boolean webSocketUpgrade) {
        return webSocketUpgrade || path.equals("/api") || path.startsWith("/api/");
    }

    /**
     * Checks one request; null when it may proceed. An admitted upgrade holds a connection slot of its address until
     * its channel closes.
     *
     * @param path the decoded path, without the query string
     */
    public Refusal check(Channel channel, HttpRequest request, String path, boolean webSocketUpgrade) {
        if (!guards(path, webSocketUpgrade)) {
            return null;
        }
        String what = UntrustedText.shown(request.method().name()) + " " + UntrustedText.shown(path);
        String address = addressOf(channel.remoteAddress());
        Refusal refusal = checkOrigin(request, what);
        if (refusal == null) {
            refusal = checkToken(request, what, webSocketUpgrade);
        }
        if (refusal == null && webSocketUpgrade) {
            refusal = takeSlot(channel, address);
        }
        if (refusal != null) {
            logRefusal(what, address, refusal);
        }
        return refusal;
    }

    /**
     * Checks a plain request to a plug-in's own HTTP transport (e.g. long polling): the origin, and the bearer token
     * (header or {@code token} query parameter) except on a CORS preflight, which browsers send without credentials.
     * Takes no connection slot. Null when it may proceed.
     */
    public Refusal checkPlain(Channel channel, HttpRequest request, String path) {
        String what = request.method() + " " + path;
        Refusal refusal = checkOrigin(request, what);
        if (refusal == null && !HttpMethod.OPTIONS.equals(request.method())) {
            refusal = checkToken(request, what, true);
        }
        if (refusal != null) {
            logRefusal(what, addressOf(channel.remoteAddress()), refusal);
        }
        return refusal;
    }

    /** WebSocket connections this address holds now. */
    public int connectionsFrom(String address) {
        return connections.openFrom(address);
    }

    private Refusal checkOrigin(HttpRequest request, String what) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        Set<String> origins = gate.origins();
        if (origins.isEmpty() || origin == null) {
            return null;
        }
        String canonical = Origins.canonical(origin); // null for what is no origin at all: refused like a foreign one
        if (canonical != null && origins.contains(canonical)) {
            return null;
        }
        return new Refusal(HttpResponseStatus.FORBIDDEN, "forbidden_origin", "Origin " + UntrustedText.quote(origin)
                + " may not use " + what + ": expected one of " + String.join(", ", origins.stream().sorted()
                .toList()) + " (allowed-origins)", Map.of());
    }

    private Refusal checkToken(HttpRequest request, String what, boolean webSocketUpgrade) {
        BearerToken token = gate.token();
        if (token == null) {
            return null;
        }
        String presented = BearerToken.presentedBy(request, webSocketUpgrade);
        if (presented == null) {
            return new Refusal(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "missing bearer token for " + what
                    + ": expected an Authorization: Bearer <token> header"
                    + (webSocketUpgrade ? " or a token query parameter" : ""),
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), REALM));
        }
        if (!token.matches(presented)) {
            return new Refusal(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "invalid bearer token for " + what
                    + ": expected the token configured as auth-token (the token sent is not repeated here)",
                    Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), REALM + ", error=\"invalid_token\""));
        }
        return null;
    }

    private Refusal takeSlot(Channel channel, String address) {
        if (channel.hasAttr(SLOT)) {
            return null; // a second upgrade attempt on a channel that already holds its slot
        }
        if (!connections.tryTake(address)) {
            return new Refusal(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_connections",
                    "too many connections from " + address + ": " + connections.openFrom(address)
                            + " open, expected at most " + connections.max()
                            + " per address (max-connections-per-ip); close one and retry",
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), "1"));
        }
        channel.attr(SLOT).set(address);
        channel.closeFuture().addListener(closed -> connections.release(address));
        return null;
    }

    private void logRefusal(String what, String address, Refusal refusal) {
        if (refusalLog.shouldWarn(nanoTime.getAsLong())) {
            int suppressed = refusalLog.takeSuppressedCount();
            log.info("refused {} from {}: {} {}{}", what, address, refusal.status().code(), refusal.message(),
                    suppressed > 0 ? " (" + suppressed + " similar refusals not logged)" : "");
        } else {
            log.debug("refused {} from {}: {} {}", what, address, refusal.status().code(), refusal.message());
        }
    }

    private static String addressOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
