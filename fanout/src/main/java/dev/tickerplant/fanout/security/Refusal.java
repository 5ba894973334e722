package dev.tickerplant.fanout.security;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * Why a request may not proceed, as the HTTP answer it gets: a status, a JSON {@code error} code, a one-line
 * {@code message} (never containing a presented token) and extra headers such as {@code WWW-Authenticate}.
 */
public record Refusal(HttpResponseStatus status, String code, String message, Map<String, String> headers) {

    public Refusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        headers = Map.copyOf(headers);
    }
}
