package dev.tickerplant.fanout.security;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the WebSocket endpoints and {@code /api/*}. The daemon maps its settings {@code auth-token},
 * {@code max-connections-per-ip} and {@code allowed-origins} onto this record; the defaults are the settings' defaults.
 *
 * @param bearerToken         the token a client must present; empty: none needed
 * @param maxConnectionsPerIp WebSocket connections one client address may hold at once
 * @param allowedOrigins      browser origins ({@code https://app.example.com}) allowed; empty: any
 */
public record AccessRules(Optional<String> bearerToken, int maxConnectionsPerIp, List<String> allowedOrigins) {

    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1000;

    public AccessRules {
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        if (bearerToken.isPresent() && bearerToken.get().isBlank()) {
            throw new IllegalArgumentException("bearerToken: blank (expected: a non-blank token, or empty for none)");
        }
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("maxConnectionsPerIp: " + maxConnectionsPerIp + " (expected: >= 1)");
        }
        allowedOrigins = allowedOrigins.stream().map(origin -> {
            String canonical = Origins.canonical(origin);
            if (canonical == null) {
                throw new IllegalArgumentException("allowedOrigins: \"" + origin
                        + "\" (expected: an origin such as https://app.example.com)");
            }
            return canonical;
        }).distinct().toList();
    }

    /** No token, {@value #DEFAULT_MAX_CONNECTIONS_PER_IP} connections per address, any origin. */
    public static AccessRules defaults() {
        return new AccessRules(Optional.empty(), DEFAULT_MAX_CONNECTIONS_PER_IP, List.of());
    }

    public AccessRules withBearerToken(String token) {
        return new AccessRules(Optional.of(token), maxConnectionsPerIp, allowedOrigins);
    }

    public AccessRules withMaxConnectionsPerIp(int value) {
        return new AccessRules(bearerToken, value, allowedOrigins);
    }

    public AccessRules withAllowedOrigins(List<String> value) {
        return new AccessRules(bearerToken, maxConnectionsPerIp, value);
    }

    /** Never prints the token, only whether there is one. */
    @Override
    public String toString() {
        return "AccessRules[bearerToken=" + (bearerToken.isPresent() ? "****" : "(none)") + ", maxConnectionsPerIp="
                + maxConnectionsPerIp + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
