package dev.tickerplant.fanout.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The configured token, kept only as its SHA-256 digest. A presented token is hashed and compared with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is; hashing first also hides
 * the token's length, so timing reveals nothing about the token.
 */
public final class BearerToken {
    static final String QUERY_PARAMETER = "token";
    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    public BearerToken(String token) {
        this.digest = sha256(token);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /**
     * The token a request presents: {@code Authorization: Bearer <token>}, or on a WebSocket upgrade the
     * {@code token} query parameter (browsers cannot set headers on a WebSocket); null when there is none.
     */
    public static String presentedBy(HttpRequest request, boolean webSocketUpgrade) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String token = authorization.substring(SCHEME.length()).strip();
            return token.isEmpty() ? null : token;
        }
        if (webSocketUpgrade) {
            List<String> values = new QueryStringDecoder(request.uri()).parameters().get(QUERY_PARAMETER);
            if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must provide it
        }
    }
}
