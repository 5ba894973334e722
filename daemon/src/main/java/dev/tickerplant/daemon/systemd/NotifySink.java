package dev.tickerplant.daemon.systemd;

/** Where service-manager notifications go: systemd's socket, or nowhere when the daemon was not started by systemd. */
interface NotifySink extends AutoCloseable {
    NotifySink NONE = state -> {
    };

    /** Sends one notification: newline-separated {@code KEY=value} assignments. Never throws. */
    void send(String state);

    /** Sends and waits (briefly) until it has left; for the last word before the process exits. */
    default void sendNow(String state) {
        send(state);
    }

    @Override
    default void close() {
    }
}
