package dev.tickerplant.coinbase.request;

/** A client message that cannot be carried out; the message says what was wrong and what was expected, in one line. */
public final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public RequestException(String message) {
        super(message, null, false, false);
    }
}
