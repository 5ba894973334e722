package dev.tickerplant.socketio;

/** Engine.IO's error codes for a refused HTTP request, with their standard texts. */
enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    final int code;
    final String text;

    EngineError(int code, String text) {
        this.code = code;
        this.text = text;
    }
}
