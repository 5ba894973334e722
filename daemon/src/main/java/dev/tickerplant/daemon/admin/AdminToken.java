package dev.tickerplant.daemon.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin token, kept only as its SHA-256 digest, as the subscribers' token is: a presented token is hashed and
 * compared with {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is, and hashing
 * first hides the token's length.
 */
final class AdminToken {
    private static final String SCHEME = "bearer ";

    private final byte[] digest;

    AdminToken(String token) {
        this.digest = sha256(token);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The token of an {@code Authorization: Bearer <token>} header (the scheme in any case); null when none. */
    static String presentedIn(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must provide it
        }
    }
}
