package dev.tickerplant.coinbase;

/** The values of {@code type}: of a request, of an Exchange message, of an Advanced Trade event. */
public final class MessageTypes {
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    /** Both APIs' errors: {@code {"type":"error","message":...}}. */
    public static final String ERROR = "error";
    /** The Exchange ack. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** An Exchange ticker message, and every ticker object inside an Advanced Trade event. */
    public static final String TICKER = "ticker";
    /** An Exchange keep-alive. */
    public static final String HEARTBEAT = "heartbeat";
    /** An Advanced Trade event with the full state of its products... */
    public static final String SNAPSHOT = "snapshot";
    /** ...and one with changes. */
    public static final String UPDATE = "update";

    private MessageTypes() {
    }
}
