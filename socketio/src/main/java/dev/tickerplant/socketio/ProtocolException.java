package dev.tickerplant.socketio;

/** A packet or payload a client sent that is not Engine.IO 4 / Socket.IO 5; the message is one line. */
final class ProtocolException extends Exception {
    ProtocolException(String message) {
        super(message, null, false, false);
    }
}
