package dev.tickerplant.fanout.protocol;

/** The {@code code} of an {@code error} message. */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    BAD_REQUEST("bad_request"),
    UNKNOWN_TYPE("unknown_type"),
    UNKNOWN_PRODUCT("unknown_product"),
    TOO_MANY_SUBSCRIPTIONS("too_many_subscriptions"),
    RATE_LIMITED("rate_limited"),
    TOO_MANY_CLIENTS("too_many_clients");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
