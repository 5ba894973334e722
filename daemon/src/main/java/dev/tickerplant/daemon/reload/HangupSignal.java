package dev.tickerplant.daemon.reload;

import sun.misc.Signal;

/**
 * SIGHUP as a reload request. Without a handler the JVM treats SIGHUP like SIGTERM and exits; with it, the signal
 * thread only hands the request on, so the action must return at once.
 */
public final class HangupSignal {
    private HangupSignal() {
    }

    public static void onHangup(Runnable action) {
        Signal.handle(new Signal("HUP"), signal -> action.run());
    }
}
