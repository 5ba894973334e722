package dev.tickerplant.ingest.catalog;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * GETs a JSON document and turns every way that can fail into a {@link CatalogUnavailableException} naming the URL.
 * The JDK client verifies TLS certificates and host names by default, and nothing here relaxes that.
 *
 * <p>Plain {@code http://} URLs are spoken to in HTTP/1.1: the client's default would offer {@code Upgrade: h2c} on
 * every request, which strict servers and proxies refuse with 400. On {@code https://} TLS negotiates the version
 * (ALPN), HTTP/2 included.
 */
final class CatalogHttp {

    private static final int BODY_EXCERPT_BYTES = 160;

    private final HttpClient client;
    private final Duration timeout;

    CatalogHttp(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected > 0)");
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    byte[] get(URI url) throws CatalogUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .version(versionFor(url))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the wait for the response headers; this deadline also bounds the body.
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw CatalogUnavailableException.unreachable(url, "timed out after " + format(timeout), e);
        } catch (ExecutionException e) {
            throw CatalogUnavailableException.unreachable(url, describe(e.getCause(), url), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw CatalogUnavailableException.unreachable(url, "interrupted while waiting for the response", e);
        }
        if (response.statusCode() != 200) {
            throw CatalogUnavailableException.badStatus(url, response.statusCode(), excerpt(response.body()));
        }
        return response.body();
    }

    static HttpClient.Version versionFor(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
    }

    private String describe(Throwable failure, URI url) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + format(timeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out after " + format(timeout);
        }
        if (hasCause(cause, UnknownHostException.class) || hasCause(cause, UnresolvedAddressException.class)) {
            return "unknown host " + url.getHost();
        }
        if (cause instanceof ConnectException) {
            return mentionsRefused(cause) ? "connect refused" : ConnectFailure.explain(url, timeout);
        }
        if (hasCause(cause, SSLException.class)) {
            return "TLS failure: " + deepestMessage(cause);
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + ": " + deepestMessage(cause);
        }
        return String.valueOf(cause);
    }

    private static boolean mentionsRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The JDK client often wraps the informative exception in one with a null or generic message. */
    private static String deepestMessage(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String excerpt(byte[] body) {
        return new String(Arrays.copyOf(body, Math.min(body.length, BODY_EXCERPT_BYTES)), StandardCharsets.UTF_8);
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
