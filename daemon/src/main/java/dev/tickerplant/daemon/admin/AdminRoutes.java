package dev.tickerplant.daemon.admin;

import dev.tickerplant.fanout.http.HttpRoutes;
import dev.tickerplant.fanout.protocol.UntrustedText;
import dev.tickerplant.fanout.security.BearerToken;
import dev.tickerplant.ingest.upstream.LogThrottle;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /admin/} on the listen port, over {@link AdminActions}:
 * <pre>
 * GET  /admin/products                   what is followed, on which connection
 * POST /admin/products                   {"add":[..],"remove":[..]}
 * POST /admin/priority                   {"add":[..],"remove":[..]}
 * POST /admin/connections/{name}/rotate  make-before-break replacement of one link
 * POST /admin/catalog/refresh            answered when the fetch is done
 * POST /admin/log-level                  {"logger":"dev.tickerplant.ingest","level":"DEBUG"}
 * </pre>
 * Off without an admin token: nothing under {@code /admin} answers (the server's 404). With one, a request must carry
 * {@code Authorization: Bearer <token>} (401 otherwise) and no {@code Origin} header (403): this API is for operators'
 * tools, and refusing what browsers send leaves web pages no way to forge a request to it. Answers are the actions'
 * reports as JSON; errors are in the house format (see {@link AdminAnswers}).
 *
 * <p>The actions log each change they make; these routes log only refused requests, rate-limited and without the
 * token. The server calls {@link #handleAsync}: the catalog refresh answers when its fetch completes.
 */
public final class AdminRoutes implements HttpRoutes {
    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
    private static final String ROOT = "/admin";
    private static final String CONNECTIONS = ROOT + "/connections/";
    private static final String ROTATE = "/rotate";
    private static final String REALM = "Bearer realm=\"tickerplant-admin\"";
    private static final List<String> ROUTES = List.of("GET /admin/products", "POST /admin/products",
            "POST /admin/priority", "POST /admin/connections/{name}/rotate", "POST /admin/catalog/refresh",
            "POST /admin/log-level");

    private final AdminActions actions;
    /** Null when no admin token is configured: the API is off. */
    private final BearerToken token;
    private final LogThrottle refusalLog = new LogThrottle();
    private final LongSupplier nanoTime;

    /** @param adminToken the {@code admin-token} setting; empty: the admin API is off */
    public AdminRoutes(AdminActions actions, Optional<String> adminToken) {
        this(actions, adminToken, System::nanoTime);
    }

    AdminRoutes(AdminActions actions, Optional<String> adminToken, LongSupplier nanoTime) {
        this.actions = actions;
        this.token = adminToken.map(BearerToken::new).orElse(null);
        this.nanoTime = nanoTime;
    }

    /**
     * Not for admin paths, which the server asks through {@link #handleAsync}: the catalog refresh cannot answer at
     * once, and starting it here would lose its answer. Null for any other path, as from {@link #handleAsync}.
     */
    @Override
    public FullHttpResponse handle(FullHttpRequest request) {
        if (adminPath(request) == null) {
            return null;
        }
        throw new UnsupportedOperationException("the admin routes answer through handleAsync");
    }

    @Override
    public CompletableFuture<FullHttpResponse> handleAsync(FullHttpRequest request) {
        String path = adminPath(request);
        if (path == null) {
            return null;
        }
        String what = UntrustedText.shown(request.method().name()) + " " + UntrustedText.shown(path);
        FullHttpResponse refused = refusal(request, what);
        if (refused != null) {
            return now(refused);
        }
        return answer(request, path, what);
    }

    /** The path under {@code /admin}, without a trailing slash; null when it is another path or the API is off. */
    private String adminPath(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (token == null || !(path.equals(ROOT) || path.startsWith(ROOT + "/"))) {
            return null;
        }
        if (path.length() > ROOT.length() + 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1); // tolerated, as on the other routes
        }
        return path;
    }

    /** The origin and token checks; null when the request may proceed. */
    private FullHttpResponse refusal(FullHttpRequest request, String what) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null) {
            String shown = UntrustedText.quote(origin);
            return refused(what, "Origin " + shown, AdminAnswers.error(HttpResponseStatus.FORBIDDEN,
                    "forbidden_origin", "the admin API does not answer browsers: " + what + " carries an Origin"
                            + " header (" + shown + "); send it from an operator's tool without one"));
        }
        String presented = BearerToken.presentedBy(request, false);
        if (presented == null) {
            FullHttpResponse response = AdminAnswers.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                    "missing bearer token for " + what + ": expected an Authorization: Bearer <token> header with the"
                            + " admin-token");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM);
            return refused(what, "no bearer token", response);
        }
        if (!token.matches(presented)) {
            FullHttpResponse response = AdminAnswers.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                    "invalid bearer token for " + what + ": expected the admin-token (the token sent is not"
                            + " repeated here)");
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
            return refused(what, "wrong bearer token", response);
        }
        return null;
    }

    /** Logs the refusal, at most one line per quiet period; the message never holds the token. */
    private FullHttpResponse refused(String what, String reason, FullHttpResponse response) {
        if (refusalLog.shouldWarn(nanoTime.getAsLong())) {
            int suppressed = refusalLog.takeSuppressedCount();
            log.warn("admin API refused {}: {} {}{}", what, response.status().code(), reason,
                    suppressed > 0 ? " (" + suppressed + " similar refusals not logged)" : "");
        } else {
            log.debug("admin API refused {}: {} {}", what, response.status().code(), reason);
        }
        return response;
    }

    private CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, String path, String what) {
        HttpMethod method = request.method();
        switch (path) {
            case ROOT + "/products":
                return HttpMethod.GET.equals(method) ? now(act(what, () -> AdminAnswers.ok(actions.products())))
                        : post(method, what, "GET, POST", () -> {
                            AdminBody.ListChange change = AdminBody.listChange(body(request));
                            return AdminAnswers.ok(actions.changeProducts(change.add(), change.remove()));
                        });
            case ROOT + "/priority":
                return post(method, what, "POST", () -> {
                    AdminBody.ListChange change = AdminBody.listChange(body(request));
                    return AdminAnswers.ok(actions.changePriority(change.add(), change.remove()));
                });
            case ROOT + "/log-level":
                return post(method, what, "POST", () -> {
                    AdminBody.LevelChange change = AdminBody.levelChange(body(request));
                    return AdminAnswers.ok(actions.logLevel(change.logger(), change.level()));
                });
            case ROOT + "/catalog/refresh":
                return HttpMethod.POST.equals(method) ? refreshCatalog(what)
                        : now(methodNotAllowed(what, "POST"));
            default:
                String connection = connectionToRotate(path);
                if (connection != null) {
                    return post(method, what, "POST", () -> AdminAnswers.ok(actions.rotate(connection)));
                }
                return now(AdminAnswers.error(HttpResponseStatus.NOT_FOUND, "not_found", "no admin route for "
                        + what + ": expected one of " + String.join(", ", ROUTES)));
        }
    }

    /** {@code /admin/connections/{name}/rotate}'s name, or null when the path is not that. */
    private static String connectionToRotate(String path) {
        if (!path.startsWith(CONNECTIONS) || !path.endsWith(ROTATE)) {
            return null;
        }
        String name = path.substring(CONNECTIONS.length(), Math.max(CONNECTIONS.length(),
                path.length() - ROTATE.length()));
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    /** Runs a change that only POST may make; any other method is 405 with {@code Allow}. */
    private static CompletableFuture<FullHttpResponse> post(HttpMethod method, String what, String allow,
                                                            Supplier<FullHttpResponse> action) {
        return now(HttpMethod.POST.equals(method) ? act(what, action) : methodNotAllowed(what, allow));
    }

    private static FullHttpResponse methodNotAllowed(String what, String allow) {
        FullHttpResponse response = AdminAnswers.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "method not allowed: " + what + " (expected: " + allow + ")",
                Map.of("allow", List.of(allow.split(", "))));
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    private static CompletableFuture<FullHttpResponse> now(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static FullHttpResponse act(String what, Supplier<FullHttpResponse> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return failed(what, e);
        }
    }

    private CompletableFuture<FullHttpResponse> refreshCatalog(String what) {
        CompletableFuture<ChangeReport> refresh;
        try {
            refresh = actions.refreshCatalog();
        } catch (RuntimeException e) {
            return now(failed(what, e));
        }
        return refresh.handle((report, failure) -> {
            if (failure != null) {
                return failed(what, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            return report != null ? AdminAnswers.ok(report)
                    : failed(what, new IllegalStateException("the catalog refresh reported nothing"));
        });
    }

    /** A refused action's own answer; anything else is a 500 and a stack trace in the log. */
    private static FullHttpResponse failed(String what, Throwable failure) {
        if (failure instanceof AdminException refused) {
            return AdminAnswers.error(refused);
        }
        log.warn("admin API: {} failed", what, failure);
        return AdminAnswers.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                what + " failed: " + failure + " (the daemon's log has the details)");
    }

    private static byte[] body(FullHttpRequest request) {
        return ByteBufUtil.getBytes(request.content());
    }
}
