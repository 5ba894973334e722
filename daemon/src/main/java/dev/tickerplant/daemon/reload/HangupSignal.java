package dev.tickerplant.daemon.reload;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP as a reload request. Without a handler the JVM treats SIGHUP like SIGTERM and exits; with it, the signal
 * thread only hands the request on, so the action must return at once.
 */
public final class HangupSignal {
    private HangupSignal() {
    }

    /**
     * Installs {@code action} as the SIGHUP handler; false when the process was started with SIGHUP ignored (under
     * {@code nohup}, say), in which case the JVM leaves it ignored, installs nothing and no reload will ever run.
     */
    public static boolean onHangup(Runnable action) {
        return Signal.handle(new Signal("HUP"), signal -> action.run()) != SignalHandler.SIG_IGN;
    }
}
