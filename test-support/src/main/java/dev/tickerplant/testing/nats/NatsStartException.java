package dev.tickerplant.testing.nats;

/** A nats-server that did not come up; the message names the server, the reason and its log file. */
final class NatsStartException extends IllegalStateException {

    private final boolean addressInUse;

    NatsStartException(String message, boolean addressInUse) {
        super(message);
        this.addressInUse = addressInUse;
    }

    /** The server could not bind a port it was given: another process took it after it was chosen. */
    boolean addressInUse() {
        return addressInUse;
    }
}
