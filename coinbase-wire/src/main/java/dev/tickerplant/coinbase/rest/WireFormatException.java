package dev.tickerplant.coinbase.rest;

/** A document that is not JSON or not the shape the API documents; the message says where, in one line. */
public class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
