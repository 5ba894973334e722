package dev.tickerplant.compat;

import dev.tickerplant.coinbase.request.RequestException;

/**
 * Checks the {@code jwt} an Advanced Trade client puts in its subscribe and unsubscribe messages. Configured by the
 * operator; without one, tokens are accepted unread, as Coinbase accepts messages without one on public channels.
 */
@FunctionalInterface
public interface JwtVerifier {
    /** Returns normally when the token is acceptable; otherwise the exception says why, in one line. */
    void verify(String token) throws RequestException;
}
