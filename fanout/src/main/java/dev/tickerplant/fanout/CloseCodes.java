package dev.tickerplant.fanout;

import java.time.Duration;

/** WebSocket close codes the server sends (RFC 6455 §7.4; 4000–4999 are ours, documented in docs/protocol.md). */
final class CloseCodes {
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int MESSAGE_TOO_BIG = 1009;
    static final int TRY_AGAIN_LATER = 1013;
    static final int SLOW_CONSUMER = 4001;
    static final int IDLE = 4002;

    private CloseCodes() {
    }

    /** {@code slow consumer: unwritable for 30 s}. */
    static String slowConsumerReason(Duration timeout) {
        return "slow consumer: unwritable for " + Durations.spoken(timeout);
    }

    static String tooManyClients(int max) {
        return "too many clients (max " + max + ")";
    }
}
