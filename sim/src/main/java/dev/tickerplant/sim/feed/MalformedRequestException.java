package dev.tickerplant.sim.feed;

/** A client message that is not JSON or does not have the shape of a subscribe/unsubscribe request. */
final class MalformedRequestException extends Exception {

    MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
