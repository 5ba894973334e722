package dev.tickerplant.sim.feed;

/** What the simulator does with a subscribe/unsubscribe message beyond the per-IP rate limit. */
public enum SubscribeRateAction {
    /** Count the violation and process the message anyway. */
    RECORD,
    /** Count the violation, answer with an error frame and ignore the message. */
    ERROR_FRAME
}
